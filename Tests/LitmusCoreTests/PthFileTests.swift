import Testing
@testable import LitmusHostChecks
@testable import LitmusModel

/// ``PthFile`` and ``StartupModule`` from bytes, per release; the differential harness checks
/// the same rules against the real interpreters.
@Suite struct PthFileTests {
    static let r12 = CPythonRelease(minor: 12)
    static let r13 = CPythonRelease(minor: 13)

    @Test(arguments: [
        // bytes, executed line numbers on 3.12, on 3.13
        ("import os\n", [1], [1]),
        ("import\tos\n", [1], [1]),
        (" import os\n", [], []),
        ("#import os\n", [], []),
        ("# c\r\nimport os\r\n", [2], [2]),
        ("# c\rimport os\r", [2], [2]),
        ("# c\u{0C}import os\n", [], [2]),
        ("# c\u{0B}import os\n", [], [2]),
        ("# c\u{85}import os\n", [], [2]),
        ("# c\u{2028}import os\n", [], [2]),
        ("\u{FEFF}import os\n", [], [1]),
        ("lib\n\n   \nimport os", [4], [4]),
        ("IMPORT os\nimportos\n", [], []),
    ])
    func executedLinesFollowTheRelease(text: String, on12: [Int], on13: [Int]) {
        #expect(PthFile(parsing: Array(text.utf8), release: Self.r12).executed.map(\.number) == on12)
        #expect(PthFile(parsing: Array(text.utf8), release: Self.r13).executed.map(\.number) == on13)
    }

    @Test func pathLinesAreRightStrippedAndCommentsAndBlanksSkipped() {
        let pth = PthFile(parsing: Array("# comment\n../extra  \t\n\n/abs/dir\r\nimport os\n".utf8), release: Self.r12)
        #expect(pth.paths == ["../extra", "/abs/dir"])
        #expect(pth.executed.map(\.text) == ["import os"])
        #expect(pth.isUTF8)
    }

    @Test func undecodableBytesStillYieldTheLinesASingleByteLocaleRuns() {
        let pth = PthFile(parsing: Array("import os # ".utf8) + [0xFF, 0x0A], release: Self.r13)
        #expect(!pth.isUTF8)
        #expect(pth.executed.map(\.number) == [1])
    }

    @Test func hiddenPthNamesAreReadBefore313AndUpperCaseSuffixesNever() {
        #expect(PthFile.isProcessed(name: ".x.pth", release: Self.r12))
        #expect(!PthFile.isProcessed(name: ".x.pth", release: Self.r13))
        #expect(!PthFile.isProcessed(name: "x.PTH", release: Self.r12))
        #expect(!PthFile.isProcessed(name: "x.pth.bak", release: Self.r13))
    }

    @Test func releaseFromFolderName() {
        #expect(CPythonRelease(folderName: "python3.12")?.minor == 12)
        #expect(CPythonRelease(folderName: "python3.13t")?.minor == 13)
        #expect(CPythonRelease(folderName: "python3") == nil)
        #expect(CPythonRelease(folderName: "python3.1x") == nil)
        #expect(CPythonRelease(folderName: "python3.١٢") == nil)
        #expect(SiteDirectory.releases(forPath: "/v/lib/python3.11/site-packages") == [CPythonRelease(minor: 11)])
        #expect(SiteDirectory.releases(forPath: "/usr/lib/python3/dist-packages") == CPythonRelease.all)
    }

    @Test func startupModuleFormsInFileFinderOrder() {
        func find(_ files: Set<String>, _ dirs: Set<String> = [], inside: Set<String> = [], release: CPythonRelease? = CPythonRelease(minor: 12)) -> String? {
            StartupModule.find("sitecustomize", files: files, directories: dirs, packageFiles: { _ in inside }, release: release)
                .map { "\($0.form.rawValue) \($0.file)" }
        }
        #expect(find(["sitecustomize.py"]) == "source sitecustomize.py")
        #expect(find(["sitecustomize.pyc"]) == "bytecode sitecustomize.pyc")
        #expect(find(["sitecustomize.py", "sitecustomize.pyc"]) == "source sitecustomize.py")
        #expect(find(["sitecustomize.py", "sitecustomize.so"]) == "extension module sitecustomize.so")
        #expect(find(["sitecustomize.abi3.so"]) == "extension module sitecustomize.abi3.so")
        #expect(find(["sitecustomize.cpython-312-x86_64-linux-gnu.so"]) == "extension module sitecustomize.cpython-312-x86_64-linux-gnu.so")
        #expect(find(["sitecustomize.cpython-311-x86_64-linux-gnu.so"]) == nil, "another release's tag is not loaded")
        #expect(find(["sitecustomize.cpython-311-x86_64-linux-gnu.so"], release: nil) != nil)
        #expect(find(["sitecustomize.py"], ["sitecustomize"], inside: ["__init__.py"]) == "package sitecustomize/__init__.py")
        #expect(find(["sitecustomize.py"], ["sitecustomize"], inside: ["hook.py"]) == "source sitecustomize.py", "a namespace portion yields to a module")
        #expect(find([], ["sitecustomize"], inside: ["hook.py"]) == nil)
        #expect(find(["SiteCustomize.py", "sitecustomize.txt", "sitecustomize.py.bak"]) == nil)
    }
}
