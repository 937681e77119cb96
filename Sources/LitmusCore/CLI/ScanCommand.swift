import FoundationEssentials
import LitmusAdvisories
import LitmusModel
import LitmusSystem
import LitmusWalk

/// `litmus scan [PATH ...]`: scan files and trees, report, and exit by the findings.
enum ScanCommand {
    static let options: [OptionSpec] = CommonSettings.reportOptions + [
        OptionSpec("--follow-symlinks", help: "follow symbolic links (loops are detected); default: links are not followed"),
        OptionSpec("--threads", value: "N", help: "walk with N threads (default: one per core)"),
        OptionSpec("--help", short: "-h", help: "show this help"),
    ]

    static func run(_ words: [String], console: Console) throws -> Int32 {
        let args = try ParsedArguments.parse(words, options: options, command: "scan")
        if args.flags.contains("--help") {
            console.out(Help.command("scan") ?? "")
            return ExitCode.clean
        }
        let settings = try CommonSettings(args, command: "scan", console: console)
        let walk = WalkOptions(followSymlinks: args.flags.contains("--follow-symlinks"), threads: try threads(args, command: "scan"),
                               exclude: settings.exclude)
        let roots = args.positionals.isEmpty ? ["."] : args.positionals
        var scanner = Scanner(database: settings.database, walkOptions: walk)
        scanner.collectsInventory = settings.needsInventory
        let scanned = scanner.scan(roots)
        let report = try settings.applyIgnores(to: scanned, roots: roots, console: console)
        try settings.emit(report, console: console)
        return report.exitCode(failOn: settings.context.failOn)
    }

    /// `--threads N` (1–256), or nil for one per core.
    static func threads(_ args: ParsedArguments, command: String) throws -> Int? {
        guard let text = args.value("--threads") else { return nil }
        guard let n = Int(text), (1...256).contains(n) else { throw UsageError("--threads takes a number from 1 to 256", command: command) }
        return n
    }
}

/// Loads the embedded advisories plus `--advisories` paths.
enum AdvisoryLoading {
    static func database(extra paths: [String]) throws -> AdvisoryDatabase {
        let base: AdvisoryDatabase
        do {
            base = try AdvisoryDatabase.embedded()
        } catch {
            throw FatalError("embedded advisory data is damaged: \(error.description)")
        }
        guard !paths.isEmpty else { return base }
        var added: [Advisory] = []
        let reader = DiskReader(followSymlinks: true)
        for file in try jsonFiles(paths) {
            let bytes: [UInt8]
            do { bytes = try reader.read(file, limit: 64 << 20) } catch {
                throw FatalError("cannot read advisory file \(Escape.display(file)): \(error.message)")
            }
            do { added += try OSVDecoder.decode(bytes, source: file) } catch {
                throw FatalError(Escape.display(error.description))
            }
        }
        return base.adding(added)
    }

    private static func jsonFiles(_ paths: [String]) throws -> [String] {
        let found = Collected()
        let summary = Walker(options: WalkOptions(followSymlinks: true)).walk(paths, wants: { name, _, isDirectory in
            !isDirectory && name.hasSuffix(".json")
        }, visit: { found.append($0.path) })
        if let problem = summary.issues.first(where: { $0.level == .error }) {
            throw FatalError("cannot read advisories at \(Escape.display(problem.location.path)): \(problem.message)")
        }
        return found.items.sorted()
    }
}

/// A thread-safe list of strings.
final class Collected: @unchecked Sendable {
    private let lock = Platform.Condition()
    private var list: [String] = []
    func append(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var items: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
