import Foundation
import Testing
@testable import LitmusAdvisories

/// Proof, from the kernel's side, that litmus runs nothing and opens no socket: the built binary
/// runs under `strace -f`, which records every process it starts and every socket it makes.
@Suite struct SafetyProofTests {
    static let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Every command that must be provably inert. Adding a command (e.g. `audit --root`) is one line.
    static let commands: [[String]] = [
        ["scan", "fixtures"],
        ["scan", "fixtures", "--format", "json", "--follow-symlinks"],
        ["advisories", "--format", "json"],
        ["audit", "--root", "fixtures/audit/envs", "--format", "json"],
        ["audit", "--root", "fixtures/audit/startup-hooks/compromised", "--format", "sarif"],
    ]

    /// The system calls strace recorded, one line each (`PID name(args) = result`).
    struct Trace {
        var lines: [String]
        func calls(_ name: String) -> [String] { lines.filter { $0.contains(" \(name)(") || $0.hasPrefix("\(name)(") } }
    }

    /// Runs the litmus binary under strace and returns its result and trace.
    static func traced(_ args: [String], environment: [String: String] = ["PATH": "/usr/bin:/bin"],
                       cwd: String = Fixtures.root.path) throws -> (Launch.Result, Trace) {
        let strace = try #require(Self.strace)
        let binary = try #require(BinaryTests.binary, "build litmus first (swift build) or set LITMUS_BIN")
        let dir = try Fixtures.temporaryDirectory("litmus-strace")
        defer { Fixtures.cleanUp(dir) }
        let log = dir + "/trace"
        let result = try Launch.run([strace, "-f", "-qq", "-e", "trace=execve,execveat,connect,socket", "-o", log, binary] + args,
                                    environment: environment, cwd: cwd)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        return (result, Trace(lines: text.split(separator: "\n").map(String.init)))
    }

    @Test(.enabled(if: strace != nil, "strace is not installed: the syscall proof cannot run"), arguments: commands)
    func commandExecutesNothingAndOpensNoSocket(args: [String]) throws {
        for arg in args where arg == "fixtures" || arg.hasPrefix("fixtures/") {
            _ = try Fixtures.relative(String(arg.dropFirst("fixtures/".count)))  // a missing fixture fails
        }
        let (result, trace) = try Self.traced(args)
        #expect(result.status == 0 || result.status == 1, "\(args): exit \(result.status), \(result.err)")
        let execs = trace.calls("execve") + trace.calls("execveat")
        #expect(execs.count == 1, "only litmus itself may be executed: \(execs)")
        #expect(execs.first?.contains("litmus") == true)
        #expect(trace.calls("socket").isEmpty, "\(trace.calls("socket"))")
        #expect(trace.calls("connect").isEmpty, "\(trace.calls("connect"))")
    }

    @Test(.enabled(if: strace != nil, "strace is not installed: the syscall proof cannot run"))
    func plantedPythonIsNeverRun() throws {
        let dir = try Fixtures.temporaryDirectory("litmus-planted")
        defer { Fixtures.cleanUp(dir) }
        let marker = dir + "/RAN"
        let payload = "#!/bin/sh\necho \"$0 $*\" >> '\(marker)'\n"
        let venv = dir + "/venv"
        for path in [dir + "/evil-bin/python3", dir + "/evil-bin/python", venv + "/bin/python", venv + "/bin/python3"] {
            try Fixtures.write(payload, to: path)
            #expect(chmod(path, 0o755) == 0)
        }
        try Fixtures.write("home = \(dir)/evil-bin\ninclude-system-site-packages = false\nversion = 3.11.9\n", to: venv + "/pyvenv.cfg")
        let sitePackages = venv + "/lib/python3.11/site-packages"
        try Fixtures.write("import os; os.system('touch \(marker)')\n", to: sitePackages + "/litellm_init.pth")
        try Fixtures.write("Metadata-Version: 2.1\nName: litellm\nVersion: 1.82.8\n", to: sitePackages + "/litellm-1.82.8.dist-info/METADATA")
        // Sanity check that the plant works, so "marker absent" below means something.
        let probe = try Launch.run(["/bin/sh", "-c", "python3 --version"], environment: ["PATH": dir + "/evil-bin:/usr/bin:/bin"])
        #expect(probe.status == 0)
        #expect(FileManager.default.fileExists(atPath: marker), "the planted python3 should run when PATH finds it")
        #expect(unlink(marker) == 0)

        for args in [["scan", venv], ["scan", venv, "--follow-symlinks", "--format", "json"], ["scan", venv + "/bin/python3"], ["audit", "--root", dir]] {
            let (result, trace) = try Self.traced(args, environment: ["PATH": dir + "/evil-bin:\(venv)/bin:/usr/bin:/bin",
                                                                      "VIRTUAL_ENV": venv, "PYTHONSTARTUP": venv + "/bin/python"],
                                                  cwd: venv)
            #expect(!FileManager.default.fileExists(atPath: marker), "\(args): a planted interpreter ran")
            let execs = trace.calls("execve") + trace.calls("execveat")
            #expect(execs.count == 1, "\(args): \(execs)")
            #expect(!execs.contains { $0.contains("python") }, "\(args): \(execs)")
            if args[1] == venv {  // the venv itself, not the file named on its own
                #expect(result.status == ExitCode.findings, "\(args): the scan still sees the compromise; \(result.out) \(result.err)")
                #expect(result.out.contains("ioc-file") && result.out.contains("compromised-version"))
            }
        }
    }
}
