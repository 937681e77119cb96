import Foundation
import Testing
@testable import LitmusCore
@testable import LitmusModel
@testable import LitmusSystem

/// CPython is the specification: each case places an inert hook (it only creates a marker file
/// in the case's temporary directory) in one start-up position of a throwaway environment,
/// starts every interpreter this machine has once, normally (no `-S`), with HOME and
/// PYTHONUSERBASE inside the temporary directory and PYTHONPATH unset, and asserts that
/// `litmus audit` of that directory reports a start-up hook exactly when the marker appeared.
/// litmus itself runs nothing; the test runs Python on files it wrote.
@Suite struct CPythonDifferentialTests {
    /// One CPython on this machine.
    struct Interpreter: Sendable {
        var release: CPythonRelease
        var executable: String

        var minor: Int { release.minor }
        var version: String { release.description }
    }

    /// pyenv's interpreters (3.6 and later), newest patch per minor; `LITMUS_PYTHONS` adds more
    /// (colon-separated executables, e.g. a 3.14 obtained elsewhere).
    static let interpreters: [Interpreter] = {
        var found: [Int: Interpreter] = [:]
        let base = "/root/.pyenv/versions"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        var candidates = names.sorted().map { base + "/" + $0 + "/bin/python3" }
        candidates += (ProcessInfo.processInfo.environment["LITMUS_PYTHONS"] ?? "").split(separator: ":").map(String.init)
        for exe in candidates where FileManager.default.isExecutableFile(atPath: exe) {
            let real = (try? FileManager.default.destinationOfSymbolicLink(atPath: exe)) ?? ""
            let name = Paths.baseName(real.isEmpty ? exe : real)
            let version = Paths.baseName(Paths.parent(of: Paths.parent(of: exe)))
            let minor = version.split(separator: ".").dropFirst().first.flatMap { Int($0) }
                ?? CPythonRelease(folderName: name)?.minor
            guard let minor, minor >= 6 else { continue }
            found[minor] = Interpreter(release: CPythonRelease(minor: minor), executable: exe)
        }
        return found.values.sorted { $0.minor < $1.minor }
    }()

    /// A throwaway environment for one case and one interpreter.
    struct Environment {
        var root: String
        var interpreter: Interpreter
        var prefix: String { root + "/venv" }
        var lib: String { prefix + "/lib/python3.\(interpreter.minor)" }
        var sitePackages: String { lib + "/site-packages" }
        var userBase: String { root + "/home/.local" }
        var userSite: String { userBase + "/lib/python3.\(interpreter.minor)/site-packages" }
        var marker: String { root + "/marker" }
        /// The inert hook statement: it only creates the marker file.
        var statement: String { "import os; open(\(Self.pythonString(marker)), 'w').close()" }
        /// A module body with the same effect.
        var module: String { statement + "\n" }

        static func pythonString(_ s: String) -> String { "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'" }

        func write(_ bytes: [UInt8], _ path: String) throws {
            try FileManager.default.createDirectory(atPath: Paths.parent(of: path), withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }

        func write(_ text: String, _ path: String) throws { try write(Array(text.utf8), path) }

        func mkdir(_ path: String) throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }

        /// Writes a zip archive with Python's zipfile: members are (name, module text); a name
        /// ending in `.pyc` gets the text compiled by this interpreter (sourceless bytecode).
        func zip(_ path: String, _ members: [(String, String)], deflated: Bool = true) throws {
            try mkdir(Paths.parent(of: path))
            let script = """
            import os, py_compile, sys, tempfile, zipfile
            path, mode = sys.argv[1], sys.argv[2]
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED if mode == "deflated" else zipfile.ZIP_STORED) as z:
                for name, text in zip(sys.argv[3::2], sys.argv[4::2]):
                    if name.endswith(".pyc"):
                        d = tempfile.mkdtemp()
                        src = os.path.join(d, "m.py")
                        with open(src, "w") as f:
                            f.write(text)
                        py_compile.compile(src, cfile=src + "c", doraise=True)
                        z.write(src + "c", name)
                    else:
                        z.writestr(name, text)
            """
            _ = try CPythonDifferentialTests.output(interpreter.executable, ["-I", "-S", "-c", script, path, deflated ? "deflated" : "stored"]
                                                    + members.flatMap { [$0.0, $0.1] })
            guard FileManager.default.fileExists(atPath: path) else { throw CocoaError(.fileWriteUnknown) }
        }

        /// `PREFIX/lib/python3XY.zip`, on the default sys.path of a base interpreter.
        var standardLibraryZip: String { prefix + "/lib/python3\(interpreter.minor).zip" }

        func link(_ path: String, to target: String) throws {
            try mkdir(Paths.parent(of: path))
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        }
    }

    /// One start-up position.
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        /// The venv lets the user site in (`include-system-site-packages = true`).
        var userSite = false
        /// A base interpreter (no venv): a copy of the interpreter binary under `prefix/bin`
        /// and a standard library of links to the real one, so its own directory is on sys.path.
        var system = false
        /// The interpreter compiles `.py` files under the environment first (for `.pyc` cases):
        /// relative paths of sources to compile into sourceless bytecode beside them.
        var compile: [String] = []
        var build: @Sendable (Environment) throws -> Void
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "pth-import-space") { e in try e.write(e.statement + "\n", e.sitePackages + "/hook.pth") },
        Case(name: "pth-import-tab") { e in try e.write("import\tos; " + e.statement.dropFirst(10) + "\n", e.sitePackages + "/hook.pth") },
        Case(name: "pth-no-final-newline") { e in try e.write("extra\n" + e.statement, e.sitePackages + "/hook.pth") },
        Case(name: "pth-leading-space-is-a-path") { e in try e.write(" " + e.statement + "\n", e.sitePackages + "/hook.pth") },
        Case(name: "pth-comment") { e in try e.write("#" + e.statement + "\n", e.sitePackages + "/hook.pth") },
        Case(name: "pth-crlf") { e in try e.write("# made on Windows\r\n" + e.statement + "\r\n", e.sitePackages + "/hook.pth") },
        Case(name: "pth-cr-only-after-comment") { e in try e.write("# old Mac line ends\r" + e.statement + "\r", e.sitePackages + "/hook.pth") },
        Case(name: "pth-form-feed-after-comment") { e in try e.write("# page\u{0C}" + e.statement + "\n", e.sitePackages + "/hook.pth") },
        Case(name: "pth-vertical-tab-after-comment") { e in try e.write("# tab\u{0B}" + e.statement + "\n", e.sitePackages + "/hook.pth") },
        Case(name: "pth-nel-after-comment") { e in try e.write("# nel\u{85}" + e.statement + "\n", e.sitePackages + "/hook.pth") },
        Case(name: "pth-line-separator-after-comment") { e in try e.write("# ls\u{2028}" + e.statement + "\n", e.sitePackages + "/hook.pth") },
        Case(name: "pth-utf8-bom") { e in try e.write([0xEF, 0xBB, 0xBF] + Array((e.statement + "\n").utf8), e.sitePackages + "/hook.pth") },
        Case(name: "pth-hidden-name") { e in try e.write(e.statement + "\n", e.sitePackages + "/.hidden.pth") },
        Case(name: "pth-upper-case-suffix") { e in try e.write(e.statement + "\n", e.sitePackages + "/hook.PTH") },
        Case(name: "pth-in-user-site", userSite: true) { e in try e.write(e.statement + "\n", e.userSite + "/hook.pth") },
        Case(name: "pth-symlink-into-cache") { e in
            try e.write(e.statement + "\n", e.root + "/cache/archive/hook.pth")
            try e.link(e.sitePackages + "/hook.pth", to: e.root + "/cache/archive/hook.pth")
        },
        Case(name: "pth-in-linked-site-packages") { e in
            try e.write(e.statement + "\n", e.root + "/elsewhere/target/hook.pth")
            try FileManager.default.removeItem(atPath: e.sitePackages)
            try e.link(e.sitePackages, to: "../../../elsewhere/target")
        },
        Case(name: "sitecustomize-py") { e in try e.write(e.module, e.sitePackages + "/sitecustomize.py") },
        Case(name: "sitecustomize-package") { e in try e.write(e.module, e.sitePackages + "/sitecustomize/__init__.py") },
        Case(name: "sitecustomize-namespace-dir-runs-nothing") { e in try e.write(e.module, e.sitePackages + "/sitecustomize/hook.py") },
        Case(name: "sitecustomize-sourceless-pyc", compile: ["venv/lib/python3.X/site-packages/sitecustomize.py"]) { e in
            try e.write(e.module, e.sitePackages + "/sitecustomize.py")
        },
        Case(name: "sitecustomize-upper-case-runs-nothing") { e in try e.write(e.module, e.sitePackages + "/SiteCustomize.py") },
        Case(name: "sitecustomize-symlink") { e in
            try e.write(e.module, e.root + "/etc/sitecustomize.py")
            try e.link(e.sitePackages + "/sitecustomize.py", to: "../../../../etc/sitecustomize.py")
        },
        Case(name: "sitecustomize-in-pth-added-dir") { e in
            try e.write("../../../../extra\n", e.sitePackages + "/paths.pth")
            try e.write(e.module, e.root + "/extra/sitecustomize.py")
        },
        Case(name: "sitecustomize-in-missing-pth-dir-runs-nothing") { e in
            try e.write("../../../../missing\n", e.sitePackages + "/paths.pth")
            try e.write(e.module, e.root + "/elsewhere/sitecustomize.py")
        },
        Case(name: "usercustomize-in-user-site", userSite: true) { e in try e.write(e.module, e.userSite + "/usercustomize.py") },
        Case(name: "usercustomize-in-isolated-venv-runs-nothing") { e in try e.write(e.module, e.sitePackages + "/usercustomize.py") },
        Case(name: "usercustomize-in-venv-with-user-site", userSite: true) { e in try e.write(e.module, e.sitePackages + "/usercustomize.py") },
        Case(name: "venv-lib-dir-is-not-on-sys-path") { e in try e.write(e.module, e.lib + "/sitecustomize.py") },
        Case(name: "stdlib-sitecustomize", system: true) { e in try e.write(e.module, e.lib + "/sitecustomize.py") },
        Case(name: "stdlib-sitecustomize-linked-from-etc", system: true) { e in
            try e.write(e.module, e.root + "/etc/python3/sitecustomize.py")
            try e.link(e.lib + "/sitecustomize.py", to: "../../../etc/python3/sitecustomize.py")
        },
        Case(name: "system-site-packages-pth", system: true) { e in try e.write(e.statement + "\n", e.sitePackages + "/hook.pth") },
        // Zip archives on sys.path: zipimport loads sitecustomize from them.
        Case(name: "pth-zip-sitecustomize-py") { e in
            try e.write("hooks.zip\n", e.sitePackages + "/paths.pth")
            try e.zip(e.sitePackages + "/hooks.zip", [("sitecustomize.py", e.module)])
        },
        Case(name: "pth-zip-sitecustomize-stored") { e in
            try e.write("../../../../elsewhere/hooks.zip\n", e.sitePackages + "/paths.pth")
            try e.zip(e.root + "/elsewhere/hooks.zip", [("sitecustomize.py", e.module)], deflated: false)
        },
        Case(name: "pth-zip-sitecustomize-package") { e in
            try e.write("hooks.zip\n", e.sitePackages + "/paths.pth")
            try e.zip(e.sitePackages + "/hooks.zip", [("sitecustomize/__init__.py", e.module)])
        },
        Case(name: "pth-zip-sitecustomize-pyc") { e in
            try e.write("hooks.zip\n", e.sitePackages + "/paths.pth")
            try e.zip(e.sitePackages + "/hooks.zip", [("sitecustomize.pyc", e.module)])
        },
        Case(name: "pth-zipped-egg-sitecustomize") { e in
            try e.write("./helper-1.0-py3.\(e.interpreter.minor).egg\n", e.sitePackages + "/easy-install.pth")
            try e.zip(e.sitePackages + "/helper-1.0-py3.\(e.interpreter.minor).egg",
                      [("EGG-INFO/PKG-INFO", "Metadata-Version: 2.1\nName: helper\nVersion: 1.0\n"), ("sitecustomize.py", e.module)])
        },
        Case(name: "pth-zip-namespace-dir-runs-nothing") { e in
            try e.write("hooks.zip\n", e.sitePackages + "/paths.pth")
            try e.zip(e.sitePackages + "/hooks.zip", [("sitecustomize/hook.py", e.module)])
        },
        Case(name: "pth-zip-upper-case-runs-nothing") { e in
            try e.write("hooks.zip\n", e.sitePackages + "/paths.pth")
            try e.zip(e.sitePackages + "/hooks.zip", [("SiteCustomize.py", e.module)])
        },
        Case(name: "zip-not-listed-runs-nothing") { e in
            try e.zip(e.sitePackages + "/hooks.zip", [("sitecustomize.py", e.module)])
        },
        Case(name: "pth-zip-usercustomize-in-isolated-venv-runs-nothing") { e in
            try e.write("hooks.zip\n", e.sitePackages + "/paths.pth")
            try e.zip(e.sitePackages + "/hooks.zip", [("usercustomize.py", e.module)])
        },
        Case(name: "pth-zip-usercustomize-with-user-site", userSite: true) { e in
            try e.write("hooks.zip\n", e.sitePackages + "/paths.pth")
            try e.zip(e.sitePackages + "/hooks.zip", [("usercustomize.py", e.module)])
        },
        Case(name: "stdlib-zip-sitecustomize", system: true) { e in
            try e.zip(e.standardLibraryZip, [("sitecustomize.py", e.module)])
        },
        Case(name: "stdlib-zip-sitecustomize-pyc", system: true) { e in
            try e.zip(e.standardLibraryZip, [("sitecustomize.pyc", e.module)], deflated: false)
        },
        Case(name: "stdlib-zip-usercustomize", system: true) { e in
            try e.zip(e.standardLibraryZip, [("usercustomize/__init__.py", e.module)])
        },
        Case(name: "venv-lib-zip-is-not-on-sys-path") { e in
            try e.zip(e.standardLibraryZip, [("sitecustomize.py", e.module)])
        },
    ]

    /// Builds the environment, starts the interpreter once, and returns whether the marker
    /// appeared and what litmus reported.
    static func run(_ c: Case, _ interpreter: Interpreter, under base: String) throws -> (ran: Bool, reported: [String], stderr: String) {
        let e = Environment(root: base + "/\(c.name)-3.\(interpreter.minor)", interpreter: interpreter)
        try e.mkdir(e.sitePackages)
        try e.mkdir(e.root + "/home")
        if c.system {
            try buildSystemPrefix(e)
        } else {
            try e.link(e.prefix + "/bin/python", to: interpreter.executable)
            let home = Paths.parent(of: interpreter.executable)
            try e.write("home = \(home)\ninclude-system-site-packages = \(c.userSite)\nversion = 3.\(interpreter.minor)\n", e.prefix + "/pyvenv.cfg")
        }
        try c.build(e)
        if !c.compile.isEmpty {
            let sources = c.compile.map { e.root + "/" + $0.replacingOccurrences(of: "python3.X", with: "python3.\(interpreter.minor)") }
            let script = "import py_compile, os, sys\nfor s in sys.argv[1:]:\n    py_compile.compile(s, cfile=s + 'c', doraise=True)\n    os.remove(s)\n"
            _ = try python(interpreter.executable, ["-I", "-S", "-c", script] + sources, home: e.root + "/home", userBase: e.userBase)
        }
        let stderr = try python(e.prefix + "/bin/python", ["-c", "pass"], home: e.root + "/home", userBase: e.userBase)
        let ran = FileManager.default.fileExists(atPath: e.marker)
        if ran { try FileManager.default.removeItem(atPath: e.marker) }
        let captured = Captured()
        _ = CLI.run(["audit", "--root", e.root, "--format", "json"], console: captured.console())
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(captured.out.utf8)) as? [String: Any], "stderr: \(captured.err)")
        let reported = (doc["findings"] as? [[String: Any]] ?? []).filter { ($0["kind"] as? String) == FindingKind.unownedStartupHook.rawValue }
            .map { ($0["path"] as? String ?? "").replacingOccurrences(of: e.root + "/", with: "") }
        return (ran, reported.sorted(), stderr)
    }

    /// A base prefix: the interpreter binary copied (it finds its prefix from its own place)
    /// and every standard-library entry linked, except `site-packages`, which is our own.
    static func buildSystemPrefix(_ e: Environment) throws {
        let fm = FileManager.default
        let real = try fm.destinationOfSymbolicLink(atPath: e.interpreter.executable)
        let binary = real.hasPrefix("/") ? real : Paths.parent(of: e.interpreter.executable) + "/" + real
        try e.mkdir(e.prefix + "/bin")
        try fm.copyItem(atPath: binary, toPath: e.prefix + "/bin/python")
        let stdlib = Paths.parent(of: Paths.parent(of: e.interpreter.executable)) + "/lib/python3.\(e.interpreter.minor)"
        for name in try fm.contentsOfDirectory(atPath: stdlib) where name != "site-packages" && name != "sitecustomize.py" {
            try fm.createSymbolicLink(atPath: e.lib + "/" + name, withDestinationPath: stdlib + "/" + name)
        }
    }

    /// Runs a Python with an isolated environment; returns its stdout.
    static func output(_ executable: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        p.environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Starts a Python with an isolated environment; returns its stderr.
    static func python(_ executable: String, _ args: [String], home: String, userBase: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        p.environment = ["PATH": "/usr/bin:/bin", "HOME": home, "PYTHONUSERBASE": userBase, "LC_ALL": "C.UTF-8",
                         "PYTHONDONTWRITEBYTECODE": "1"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func litmusReportsAStartupHookExactlyWhenCPythonRunsIt() throws {
        let interpreters = Self.interpreters
        try #require(!interpreters.isEmpty, "no CPython 3.6+ under /root/.pyenv/versions (or LITMUS_PYTHONS): the differential harness checked nothing")
        let skipped = (8...14).filter { m in !interpreters.contains { $0.minor == m } }.map { "3.\($0)" }
        if !skipped.isEmpty { print("CPython differential: not on this machine, skipped: \(skipped.joined(separator: ", "))") }
        let base = try Fixtures.temporaryDirectory("litmus-cpython")
        defer { Fixtures.cleanUp(base) }
        let jobs = Self.cases.flatMap { c in interpreters.map { (c, $0) } }
        let results = Results()
        // Two at a time: the machine's cores are shared; each job is one interpreter start.
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for (index, job) in jobs.enumerated() where index % 2 == worker {
                do {
                    let r = try Self.run(job.0, job.1, under: base)
                    results.add(job.0.name, job.1.version, ran: r.ran, reported: r.reported, stderr: r.stderr)
                } catch {
                    results.fail("\(job.0.name) on \(job.1.version): \(error)")
                }
            }
        }
        #expect(results.failures.isEmpty, "\(results.failures)")
        let all = results.rows
        let disagreements = all.filter { $0.ran != !$0.reported.isEmpty }
        for d in disagreements {
            Issue.record("\(d.name) on CPython \(d.version): marker \(d.ran ? "appeared" : "did not appear"), litmus reported \(d.reported) \(d.stderr.prefix(300))")
        }
        // The harness must have seen both outcomes, or it proves nothing.
        #expect(all.contains { $0.ran } && all.contains { !$0.ran })
        let plain = all.filter { $0.name == "pth-import-space" }
        #expect(plain.count == interpreters.count && !plain.contains { !$0.ran }, "the plain .pth hook must run on every interpreter")
        let summary = "CPython differential: \(all.count - disagreements.count)/\(all.count) agree (\(Self.cases.count) cases × \(interpreters.count) interpreters: \(interpreters.map(\.version).joined(separator: ", ")))"
        print(summary)
        for c in Self.cases {
            let rows: [Results.Row] = all.filter { $0.name == c.name && $0.ran }
            let minors: [Int] = rows.compactMap { Int($0.version.dropFirst(2)) }.sorted()
            print("  \(c.name): runs on [\(minors.map { "3.\($0)" }.joined(separator: " "))]")
        }
    }

    final class Results: @unchecked Sendable {
        struct Row { var name: String; var version: String; var ran: Bool; var reported: [String]; var stderr: String }
        private let lock = NSLock()
        private var storage: [Row] = []
        private var errors: [String] = []
        func add(_ name: String, _ version: String, ran: Bool, reported: [String], stderr: String) {
            lock.lock(); storage.append(Row(name: name, version: version, ran: ran, reported: reported, stderr: stderr)); lock.unlock()
        }
        func fail(_ s: String) { lock.lock(); errors.append(s); lock.unlock() }
        var rows: [Row] { lock.lock(); defer { lock.unlock() }; return storage }
        var failures: [String] { lock.lock(); defer { lock.unlock() }; return errors }
    }
}
