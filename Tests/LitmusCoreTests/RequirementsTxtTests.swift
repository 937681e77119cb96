import Foundation
import Testing
@testable import LitmusCore
@testable import LitmusExtractors
@testable import LitmusModel
@testable import LitmusRules
@testable import LitmusSystem
@testable import LitmusWalk

@Suite struct RequirementsTxtTests {
    let extractor = RequirementsTxt()

    @Test(arguments: [
        ("requirements.txt", "app", true), ("requirements-dev.txt", "app", true), ("requirements_test.in", "app", true),
        ("constraints.txt", "app", true), ("dev-requirements.txt", "app", true), ("Requirements.TXT", "app", true),
        ("base.txt", "requirements", true), ("notes.txt", "app", false), ("requirements.txt.bak", "app", false),
        ("requirements.md", "app", false), ("README.md", "requirements", false), ("myrequirements.txt", "app", false),
    ])
    func claimsByNameOnly(name: String, parent: String, expected: Bool) {
        #expect(extractor.claims(name: name, parentName: parent, isDirectory: false) == expected)
        #expect(!extractor.claims(name: name, parentName: parent, isDirectory: true))
    }

    private func run(_ files: [String: String], _ path: String = "r/requirements.txt") -> Extraction {
        extractor.extract(FileEntry(path: path, name: Paths.baseName(path), parentName: "r", kind: .file), files: InMemoryFiles(text: files))
    }

    private func findings(_ files: [String: String], _ path: String = "r/requirements.txt") throws -> [String] {
        let matcher = Matcher(database: try Fixtures.database())
        return Scanner.deduplicated(run(files, path).observations.flatMap(matcher.findings(for:))).map {
            "\($0.kind.rawValue) \($0.location.display) \($0.version ?? $0.specifier ?? "")"
        }
    }

    @Test func logicalLinesJoinContinuationsAndStripComments() {
        let lines = RequirementsTxt.logicalLines("a==1 # pinned\n# whole comment \\\nlitellm\\\n  ==1.82.8 \\\n  --hash=sha256:00\n\nurl#frag==1\r\nlast \\")
        #expect(lines == [
            .init(text: "a==1", number: 1),
            .init(text: "litellm  ==1.82.8   --hash=sha256:00", number: 3),
            .init(text: "url#frag==1", number: 7),
            .init(text: "last", number: 8),
        ])
    }

    @Test func includesAreRelativeToTheIncludingFileAndRecursive() throws {
        let result = try findings([
            "r/requirements.txt": "-r sub/base.txt\n--requirement=../other.txt\n",
            "r/sub/base.txt": "-rdeeper.txt\n",
            "r/sub/deeper.txt": "litellm==1.82.8\n",
            "other.txt": "litellm ( ==1.82.7 )\n",
        ])
        #expect(result == ["compromised-version other.txt:1 1.82.7", "compromised-version r/sub/deeper.txt:1 1.82.8"])
    }

    @Test func cyclesAndMissingIncludesAreErrorsAndTheRestIsKept() throws {
        let files = [
            "r/requirements.txt": "-r a.txt\n-c missing.txt\nlitellm==1.82.8\n",
            "r/a.txt": "-r requirements.txt\n",
        ]
        let e = run(files)
        let messages = e.issues.map { "\($0.level.rawValue) \($0.location.display) \($0.message)" }
        #expect(messages.contains("error r/a.txt:1 include cycle: r/requirements.txt -> r/a.txt -> r/requirements.txt"))
        #expect(messages.contains("error r/requirements.txt:2 included file not found: r/missing.txt"))
        #expect(try findings(files) == ["compromised-version r/requirements.txt:3 1.82.8"])
    }

    @Test func bareNameIsJudgedByTheConstraintThatPinsIt() throws {
        let result = try findings([
            "r/requirements.txt": "-c constraints-prod.txt\nlitellm[proxy]\nrequests\n",
            "r/constraints-prod.txt": "litellm==1.82.8\nrequests==2.0\n",
        ])
        #expect(result == ["compromised-version r/constraints-prod.txt:1 1.82.8", "compromised-version r/requirements.txt:2 1.82.8"])
    }

    @Test func rangesAdmittingABadVersionAreLowAndExclusionsAreHonoured() throws {
        let result = try findings(["r/requirements.txt": """
            litellm>=1.80
            litellm~=1.82.0
            litellm<=1.82.8
            litellm==1.82.*
            litellm>=1.80,!=1.82.7,!=1.82.8
            litellm>=1.83
            litellm
            litellm!=1.82.7
            """])
        #expect(result == [
            "range-admits r/requirements.txt:1 >=1.80", "range-admits r/requirements.txt:2 ~=1.82.0",
            "range-admits r/requirements.txt:3 <=1.82.8", "range-admits r/requirements.txt:4 ==1.82.*",
            "range-admits r/requirements.txt:8 !=1.82.7",
        ])
    }

    @Test func optionsAreUnderstoodAndUnknownOnesWarned() {
        let e = run(["r/requirements.txt": """
            -i https://mirror.example/simple
            --extra-index-url https://x.example/simple
            --find-links ./wheels
            --pre
            --require-hashes
            -e git+https://github.com/BerriAI/litellm.git@v1.82.8#egg=litellm
            -e .
            --frobnicate
            -r https://example.com/remote.txt
            """])
        #expect(e.issues.map(\.message) == ["pip refuses this file at this line: no such option: --frobnicate", "remote include https://example.com/remote.txt not fetched (litmus never uses the network)"])
        #expect(e.issues.allSatisfy { $0.level == .warning })
    }

    @Test func directReferencesAndArchivesTakeTheVersionFromTheFileName() throws {
        let result = try findings(["r/requirements.txt": """
            litellm @ https://files.example/p/litellm-1.82.8-py3-none-any.whl#sha256=00
            ./dist/litellm-1.82.7.tar.gz
            https://files.example/litellm-1.82.8.zip
            litellm @ git+https://github.com/BerriAI/litellm@v1.82.8
            /abs/litellm-1.82.70-py3-none-any.whl
            ./local/project
            """])
        #expect(result == ["compromised-version r/requirements.txt:1 1.82.8", "compromised-version r/requirements.txt:2 1.82.7",
                           "compromised-version r/requirements.txt:3 1.82.8"])
    }

    @Test func unparsableLinesAreErrorsNamingTheLineAndNeverHideOtherLines() throws {
        let files = ["r/requirements.txt": "litellm==1.82.8\nlitellm==not-a-version!\n[garbage\nlitellm==1.82.7\n"]
        let e = run(files)
        #expect(e.issues.map { $0.location.line } == [2, 3])
        #expect(e.issues.allSatisfy { $0.level == .error })
        #expect(try findings(files) == ["compromised-version r/requirements.txt:1 1.82.8", "compromised-version r/requirements.txt:4 1.82.7"])
    }

    @Test func nulBytesAreAnErrorButLinesAreReadAsPipReadsThemAndLongLinesAreBounded() {
        var binary = Array("litellm==1.82.8\n".utf8)
        binary.append(0)
        let e = extractor.extract(FileEntry(path: "requirements.txt", name: "requirements.txt", parentName: "", kind: .file),
                                  files: InMemoryFiles(["requirements.txt": binary]))
        #expect(e.issues.map(\.message).sorted() == ["file holds NUL bytes (binary data?); its lines were read as pip reads them",
                                                     "not a requirement: expected a package name at \"\0\""])
        #expect(e.issues.allSatisfy { $0.level == .error && $0.location.line == 2 })
        #expect(e.observations.count == 1, "pip reads line 1 whatever follows")
        // Past the old 16 MiB limit: streamed; the one 16 MiB line is an error naming it.
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: (16 << 20) + 1) + Array("\nlitellm==1.82.7\n".utf8)
        let e2 = extractor.extract(FileEntry(path: "requirements.txt", name: "requirements.txt", parentName: "", kind: .file),
                                   files: InMemoryFiles(["requirements.txt": big]))
        #expect(e2.issues.map { "\($0.level.rawValue) \($0.location.display) \($0.message)" } == [
            "error requirements.txt:1 line 1 is longer than 1 MiB and is not a comment; not read"])
        #expect(e2.observations.count == 1)
    }

    @Test func invalidUTF8IsAnErrorAndAsciiRequirementsStillCount() throws {
        var bytes = Array("# caf\u{e9}\n".utf8)
        bytes.append(contentsOf: [0xff, 0xfe, 0x0a])
        bytes.append(contentsOf: Array("litellm==1.82.8\n".utf8))
        let e = extractor.extract(FileEntry(path: "requirements.txt", name: "requirements.txt", parentName: "", kind: .file),
                                  files: InMemoryFiles(["requirements.txt": bytes]))
        #expect(e.issues.map { "\($0.level.rawValue) \($0.location.display) \($0.message)" }.sorted() == [
            "error requirements.txt:2 line 2 is not valid UTF-8: pip refuses to decode the file; undecodable bytes were replaced and the rest read",
            "error requirements.txt:2 not a requirement: expected a package name at \"\u{FFFD}\u{FFFD}\"",
        ])
        #expect(e.observations.count == 1)
    }

    @Test func lookAlikesNeverFlag() throws {
        let result = try findings(["r/requirements.txt": """
            litellm-proxy-extras==1.82.7
            lite-llm==1.82.8
            litellm-enterprise==1.82.8
            litellm==1.82.70
            litellm==1.82.7.post1
            litellm==1.82.7rc1
            litellm==1!1.82.8
            litellm===1.82.7.0
            """])
        #expect(result.isEmpty)
    }

    @Test func includeDepthIsBounded() {
        var files: [String: String] = [:]
        for i in 0..<40 { files["r/f\(i).txt"] = "-r f\(i + 1).txt\n" }
        files["r/requirements.txt"] = "-r f0.txt\n"
        let e = run(files)
        #expect(e.issues.contains { $0.message.contains("nested deeper than 32") })
    }
}
