import FoundationEssentials
import LitmusAdvisories
import LitmusSystem
import LitmusWalk
import LitmusModel

/// `litmus audit [--root DIR] [--home DIR ...]`: every environment, cache, startup hook and
/// persistence file on a host or a mounted image, without running anything from it.
enum AuditCommand {
    static let options: [OptionSpec] = [
        OptionSpec("--root", value: "DIR", help: "audit the filesystem under DIR (a mounted disk image, a container's exported root); default /"),
        OptionSpec("--home", value: "DIR", help: "also audit this home directory, wherever it is mounted (repeatable)"),
    ] + CommonSettings.reportOptions + [
        OptionSpec("--threads", value: "N", help: "walk with N threads (default: one per core)"),
        OptionSpec("--help", short: "-h", help: "show this help"),
    ]

    static func run(_ words: [String], console: Console) throws -> Int32 {
        let args = try ParsedArguments.parse(words, options: options, command: "audit")
        if args.flags.contains("--help") {
            console.out(Help.command("audit") ?? "")
            return ExitCode.clean
        }
        if let extra = args.positionals.first {
            throw UsageError("unexpected argument '\(Escape.display(extra))'; use --root DIR", command: "audit")
        }
        let settings = try CommonSettings(args, command: "audit", console: console)
        let root = args.value("--root") ?? "/"
        guard case .success(let info) = Platform.fileInfo(root, follow: true), info.kind == .directory else {
            throw UsageError("--root \(Escape.display(root)) is not a directory", command: "audit")
        }
        var walk = WalkOptions(followSymlinks: false, threads: try ScanCommand.threads(args, command: "audit"), exclude: settings.exclude)
        walk.linkRoot = root
        let extraHomes = args.values["--home"] ?? []
        let homes = Homes.find(root: root, extra: extraHomes)
        let roots = [root] + extraHomes.filter { Paths.relative($0, to: root) == nil }
        var scanner = Scanner.audit(database: settings.database, root: root, walkOptions: walk)
        scanner.collectsInventory = settings.needsInventory
        let progress = ProgressLine(enabled: Platform.isTerminal(2) && !settings.context.quiet, console: console)
        var scanned = scanner.scan(roots, command: "audit", progress: progress.enabled ? progress.update : nil)
        progress.finish()
        scanned.homes = homes
        let machine = MachineID.read(root: root)
        scanned.machineID = machine.id
        if let warning = machine.warning { scanned.issues = (scanned.issues + [warning]).sorted() }
        // Never the audited tree's own .litmus.toml: an image that ships one would silence its own findings.
        let report = try settings.applyIgnores(to: scanned, roots: [root], searchRoots: false, console: console)
        try settings.emit(report, console: console)
        return report.exitCode(failOn: settings.context.failOn)
    }
}

/// Home directories to name in the report: `/root`, `/home/*` and the homes in
/// `ROOT/etc/passwd`, as they exist under the audit root, plus `--home` folders.
enum Homes {
    static func find(root: String, extra: [String]) -> [String] {
        let reader = DiskReader()
        var homes = Set<String>()
        let passwd = (try? reader.read(Paths.join(root, "etc/passwd"), limit: 4 << 20)) ?? []
        for line in String(decoding: passwd, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 7, fields[5].hasPrefix("/"), fields[5] != "/" else { continue }
            // Service accounts (nologin/false shells) have homes like /usr/sbin or /dev; the walk
            // still covers those folders, but only login users' homes are named.
            let shell = fields[6]
            if shell.hasSuffix("nologin") || shell.hasSuffix("false") || shell.hasSuffix("sync") { continue }
            homes.insert(String(fields[5]))
        }
        homes.insert("/root")
        for item in (try? reader.list(Paths.join(root, "home"))) ?? [] where item.isDirectory { homes.insert("/home/" + item.name) }
        let underRoot = homes.map { root == "/" ? $0 : Paths.join(root, String($0.dropFirst())) }.filter { path in
            if case .success(let info) = Platform.fileInfo(path, follow: false), info.kind == .directory { return true }
            return false
        }
        return (underRoot + extra).sorted()
    }
}

/// "walked 12,345 directories, 7 environments" on stderr, rewritten in place, shown only on a
/// terminal and only once the run has lasted a second.
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    private let console: Console
    private let started = Date()
    private let lock = Platform.Condition()
    private var shown = false

    init(enabled: Bool, console: Console) {
        self.enabled = enabled
        self.console = console
    }

    @Sendable func update(directories: Int, environments: Int) {
        guard Date().timeIntervalSince(started) >= 1 else { return }
        lock.lock()
        shown = true
        console.err("\r\u{1B}[2Kwalked \(directories) directories, \(environments) environments found")
        lock.unlock()
    }

    func finish() {
        lock.lock()
        if shown { console.err("\r\u{1B}[2K") }
        lock.unlock()
    }
}
