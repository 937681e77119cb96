import Foundation

/// `litmus scan [PATH ...]`: scan files and trees, report, and exit by the findings.
enum ScanCommand {
    static let options: [OptionSpec] = [
        OptionSpec("--format", value: "FORMAT", help: "output format: text (default) or json"),
        OptionSpec("--output", short: "-o", value: "FILE", help: "write the report to FILE instead of standard output"),
        OptionSpec("--fail-on", value: "SEVERITY", help: "exit 1 on findings at or above: critical, high (default), medium, low, none"),
        OptionSpec("--advisories", value: "PATH", help: "also load OSV JSON advisories from PATH (file or directory; repeatable)"),
        OptionSpec("--follow-symlinks", help: "follow symbolic links (loops are detected); default: links are not followed"),
        OptionSpec("--threads", value: "N", help: "walk with N threads (default: one per core)"),
        OptionSpec("--no-color", help: "never colour the text report (NO_COLOR is honoured too)"),
        OptionSpec("--quiet", short: "-q", help: "print only findings, errors and the summary; nothing when clean"),
        OptionSpec("--help", short: "-h", help: "show this help"),
    ]

    static func run(_ words: [String], console: Console) throws -> Int32 {
        let args = try ParsedArguments.parse(words, options: options, command: "scan")
        if args.flags.contains("--help") {
            console.out(Help.command("scan") ?? "")
            return ExitCode.clean
        }
        let settings = try CommonSettings(args, command: "scan", console: console)
        var walk = WalkOptions(followSymlinks: args.flags.contains("--follow-symlinks"))
        if let text = args.value("--threads") {
            guard let n = Int(text), (1...256).contains(n) else { throw UsageError("--threads takes a number from 1 to 256", command: "scan") }
            walk.threads = n
        }
        let roots = args.positionals.isEmpty ? ["."] : args.positionals
        let report = Scanner(database: settings.database, walkOptions: walk).scan(roots)
        try settings.emit(report, console: console)
        return report.exitCode(failOn: settings.context.failOn)
    }
}

/// Options shared by the commands that produce reports.
struct CommonSettings {
    var format: OutputFormat
    var output: String?
    var context: ReportContext
    var database: AdvisoryDatabase

    init(_ args: ParsedArguments, command: String, console: Console) throws {
        let formatText = args.value("--format") ?? "text"
        guard let format = OutputFormat(rawValue: formatText) else {
            throw UsageError("--format must be one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(Escape.display(formatText))'", command: command)
        }
        self.format = format
        self.output = args.value("--output")
        let failOnText = args.value("--fail-on") ?? "high"
        var failOn: Severity?
        if failOnText != "none" {
            guard let s = Severity(rawValue: failOnText) else {
                throw UsageError("--fail-on must be critical, high, medium, low or none, not '\(Escape.display(failOnText))'", command: command)
            }
            failOn = s
        }
        let noColor = args.flags.contains("--no-color") || !(console.environment["NO_COLOR"] ?? "").isEmpty
        let color = format == .text && output == nil && console.stdoutIsTerminal && !noColor
        self.context = ReportContext(failOn: failOn, color: color, quiet: args.flags.contains("--quiet"))
        self.database = try AdvisoryLoading.database(extra: args.values["--advisories"] ?? [])
    }

    /// Writes the report to `--output` or standard output.
    func emit(_ report: ScanReport, console: Console) throws {
        let text = format.reporter.render(report, context: context)
        guard let output else {
            if !(context.quiet && text.isEmpty) { console.out(text) }
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw FatalError("cannot write report to \(Escape.display(output)): \(error.localizedDescription)")
        }
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
    private let lock = NSLock()
    private var list: [String] = []
    func append(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var items: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
