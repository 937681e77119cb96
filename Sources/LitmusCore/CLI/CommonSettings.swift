import FoundationEssentials
import LitmusAdvisories
import LitmusModel
import LitmusReporters
import LitmusSystem
import LitmusWalk

/// Options shared by the commands that produce a ``ScanReport`` (`scan`, and `audit`): output
/// formats and destinations, the fail-on threshold, extra advisories, and the ignore config.
struct CommonSettings {
    /// The options behind these settings, for the commands' option lists and help.
    static let reportOptions: [OptionSpec] = [
        OptionSpec("--format", value: "FORMAT", help: "text (default), json, sarif, junit, markdown, cyclonedx; several with commas (needs --output-dir)"),
        OptionSpec("--output", short: "-o", value: "FILE", help: "write the report to FILE instead of standard output (one format)"),
        OptionSpec("--output-dir", value: "DIR", help: "write each format to DIR/litmus.{txt,json,sarif,junit.xml,md,cdx.json}"),
        OptionSpec("--exclude", value: "GLOB", help: "skip paths matching GLOB, relative to the root (repeatable; a name without '/' matches at any depth)"),
        OptionSpec("--sarif-include-ignored", help: "SARIF: also emit ignored findings, as suppressed results (GitHub shows them as open alerts)"),
        OptionSpec("--fail-on", value: "SEVERITY", help: "exit 1 on findings at or above: critical, high (default), medium, low, none"),
        OptionSpec("--config", value: "FILE", help: "ignore file to use (scan default: .litmus.toml at the first scan root, if present; audit reads none unless named)"),
        OptionSpec("--no-config", help: "apply no ignore file at all, not even .litmus.toml at the scan root"),
        OptionSpec("--advisories", value: "PATH", help: "also load OSV JSON advisories from PATH (file or directory; repeatable)"),
        OptionSpec("--no-color", help: "never colour the text report (NO_COLOR is honoured too)"),
        OptionSpec("--quiet", short: "-q", help: "print only findings, errors and the summary; nothing when clean"),
    ]

    var formats: [OutputFormat]
    var output: String?
    var outputDirectory: String?
    var configPath: String?
    /// `--no-config`: no ignore file at all.
    var noConfig: Bool
    var context: ReportContext
    var database: AdvisoryDatabase
    var exclude: [ExcludePattern]

    init(_ args: ParsedArguments, command: String, console: Console) throws {
        self.formats = try Self.formats(args.value("--format") ?? "text", command: command)
        self.output = args.value("--output")
        self.outputDirectory = args.value("--output-dir")
        self.configPath = args.value("--config")
        self.noConfig = args.flags.contains("--no-config")
        if noConfig && configPath != nil {
            throw UsageError("--config and --no-config cannot be combined", command: command)
        }
        if output != nil && outputDirectory != nil {
            throw UsageError("--output and --output-dir cannot be combined", command: command)
        }
        if formats.count > 1 && outputDirectory == nil {
            throw UsageError("several formats need --output-dir DIR (one file per format)", command: command)
        }
        let failOn = try Self.failOn(args.value("--fail-on") ?? "high", command: command)
        let noColor = args.flags.contains("--no-color") || !(console.environment["NO_COLOR"] ?? "").isEmpty
        let color = formats == [.text] && output == nil && outputDirectory == nil && console.stdoutIsTerminal && !noColor
        self.context = ReportContext(failOn: failOn, color: color, quiet: args.flags.contains("--quiet"),
                                     sarifIncludeIgnored: args.flags.contains("--sarif-include-ignored"))
        var exclude: [ExcludePattern] = []
        for pattern in args.values["--exclude"] ?? [] {
            do { exclude.append(try ExcludePattern(pattern)) } catch {
                throw UsageError("--exclude '\(Escape.display(pattern))': \(error.message)", command: command)
            }
        }
        self.exclude = exclude
        self.database = try AdvisoryLoading.database(extra: args.values["--advisories"] ?? [])
    }

    /// Whether any requested format needs the package inventory.
    var needsInventory: Bool { formats.contains { $0.needsInventory } }

    private static func formats(_ text: String, command: String) throws -> [OutputFormat] {
        switch OutputFormat.list(text) {
        case .success(let list): return list
        case .failure(let error):
            throw UsageError("--format takes \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")) (comma-separated), not '\(Escape.display(error.word))'", command: command)
        }
    }

    private static func failOn(_ text: String, command: String) throws -> Severity? {
        if text == "none" { return nil }
        guard let s = Severity(rawValue: text) else {
            throw UsageError("--fail-on must be critical, high, medium, low or none, not '\(Escape.display(text))'", command: command)
        }
        return s
    }

    /// Loads the ignore config (`--config`, else — when `searchRoots` is set — `.litmus.toml` at
    /// the first root; nothing with `--no-config`) and applies it; its warnings (expired
    /// entries, unknown ids) also go to standard error, so they are seen even when standard
    /// output carries a JSON document. `audit` passes `searchRoots: false`: a host or image
    /// must never configure its own audit.
    func applyIgnores(to report: ScanReport, roots: [String], searchRoots: Bool = true, console: Console) throws -> ScanReport {
        if noConfig { return report }
        guard let config = try ConfigLoading.load(explicit: configPath, roots: searchRoots ? roots : nil) else { return report }
        let applied = config.apply(to: report, database: database, today: ConfigLoading.today(),
                                   workingDirectory: Platform.currentDirectory)
        for warning in config.warnings(database: database, today: ConfigLoading.today()) {
            console.err("litmus: warning: \(Escape.display(warning.location.display)): \(Escape.display(warning.message))\n")
        }
        return applied
    }

    /// Writes each format to `--output-dir`, or the one format to `--output` or standard output.
    func emit(_ report: ScanReport, console: Console) throws {
        if let outputDirectory {
            try Self.makeDirectory(outputDirectory)
            for format in formats {
                let path = Paths.join(outputDirectory, format.fileName)
                try Self.write(format.reporter.render(report, context: context), to: path)
            }
            return
        }
        let format = formats.first ?? .text
        let text = format.reporter.render(report, context: context)
        if let output { return try Self.write(text, to: output) }
        if !(context.quiet && text.isEmpty) { console.out(text) }
    }

    private static func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw FatalError("cannot create output directory \(Escape.display(path)): \(error)")
        }
    }

    private static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw FatalError("cannot write report to \(Escape.display(path)): \(error)")
        }
    }
}
