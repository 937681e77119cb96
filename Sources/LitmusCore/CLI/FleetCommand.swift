import FoundationEssentials
import LitmusAdvisories
import LitmusFleet
import LitmusModel
import LitmusReporters
import LitmusSystem

/// `litmus fleet DIR|REPORT ... [--format F] [--output FILE] [--fail-on S]`: merges many hosts'
/// JSON reports into one fleet report. Reads one file at a time; see ``FleetMerge``.
enum FleetCommand {
    static let options: [OptionSpec] = [
        OptionSpec("--format", value: "FORMAT", help: "text (default), markdown, json"),
        OptionSpec("--output", short: "-o", value: "FILE", help: "write the fleet report to FILE instead of standard output"),
        OptionSpec("--fail-on", value: "SEVERITY", help: "exit 1 when a host has findings at or above: critical, high (default), medium, low, none"),
        OptionSpec("--quiet", short: "-q", help: "text and markdown: list only the hosts that need attention (clean hosts are still counted)"),
        OptionSpec("--help", short: "-h", help: "show this help"),
    ]

    static func run(_ words: [String], console: Console) throws -> Int32 {
        let args = try ParsedArguments.parse(words, options: options, command: "fleet")
        if args.flags.contains("--help") {
            console.out(Help.command("fleet") ?? "")
            return ExitCode.clean
        }
        guard !args.positionals.isEmpty else {
            throw UsageError("name at least one directory of reports or report file", command: "fleet")
        }
        let formatName = args.value("--format") ?? "text"
        guard let format = FleetFormat(name: formatName) else {
            throw UsageError("--format takes text, markdown or json, not '\(Escape.display(formatName))'", command: "fleet")
        }
        let failOnName = args.value("--fail-on") ?? "high"
        let failOn = Severity(rawValue: failOnName)
        guard failOn != nil || failOnName == "none" else {
            throw UsageError("--fail-on must be critical, high, medium, low or none, not '\(Escape.display(failOnName))'", command: "fleet")
        }
        var merge = FleetMerge()
        var found = 0
        for argument in args.positionals {
            guard case .success(let info) = Platform.fileInfo(argument, follow: true) else {
                throw UsageError("\(Escape.display(argument)) does not exist", command: "fleet")
            }
            if info.kind == .directory {
                found += FleetInputs.each(in: argument, merge: &merge)
            } else {
                FleetInputs.read(argument, follow: true, into: &merge)
                found += 1
            }
        }
        guard found > 0 else { throw FatalError("no report files (*.json) under \(args.positionals.map(Escape.display).joined(separator: ", "))") }
        let report = merge.finish()
        let text = format.render(report, failOn: failOn, quiet: args.flags.contains("--quiet"))
        if let output = args.value("--output") {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw FatalError("cannot write fleet report to \(Escape.display(output)): \(error)")
            }
        } else {
            console.out(text)
        }
        return report.exitCode(failOn: failOn)
    }
}
