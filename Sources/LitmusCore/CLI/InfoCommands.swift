import LitmusAdvisories
import LitmusModel
import LitmusFormats

/// `litmus advisories`: list the advisories litmus knows, as text or as OSV JSON.
enum AdvisoriesCommand {
    static let options: [OptionSpec] = [
        OptionSpec("--format", value: "FORMAT", help: "text (default) or json (the OSV records)"),
        OptionSpec("--advisories", value: "PATH", help: "also load OSV JSON advisories from PATH (repeatable)"),
        OptionSpec("--help", short: "-h", help: "show this help"),
    ]

    static func run(_ words: [String], console: Console) throws -> Int32 {
        let args = try ParsedArguments.parse(words, options: options, command: "advisories")
        if args.flags.contains("--help") {
            console.out(Help.command("advisories") ?? "")
            return ExitCode.clean
        }
        if let extra = args.positionals.first {
            throw UsageError("unexpected argument '\(Escape.display(extra))'", command: "advisories")
        }
        let format = args.value("--format") ?? "text"
        let database = try AdvisoryLoading.database(extra: args.values["--advisories"] ?? [])
        switch format {
        case "text": console.out(text(database))
        case "json": console.out("[\n" + database.advisories.map(\.osvJSON).joined(separator: ",\n") + "\n]\n")
        default: throw UsageError("--format must be text or json, not '\(Escape.display(format))'", command: "advisories")
        }
        return ExitCode.clean
    }

    static func text(_ database: AdvisoryDatabase) -> String {
        var out = "advisory data \(database.dataVersion), \(database.advisories.count) advisories\n"
        for a in database.advisories {
            // Everything here may come from a user's --advisories file, so all of it is escaped.
            out += "\n\(Escape.display(a.id))  \(a.severity.rawValue)\n"
            if !a.aliases.isEmpty { out += "  aliases:    \(Escape.display(a.aliases.joined(separator: ", ")))\n" }
            for p in a.affected {
                let versions = p.versionTexts.isEmpty ? "(ranges)" : p.versionTexts.joined(separator: ", ")
                out += "  affects:    \(Escape.display("\(p.ecosystem)/\(p.name.raw) \(versions)"))\n"
            }
            if let safe = a.safeVersions { out += "  safe:       \(Escape.display(safe))\n" }
            for f in a.fileIndicators {
                let hash = f.sha256.map { " sha256 \(Hex.encode($0))" } ?? ""
                out += "  indicator:  \(Escape.display(f.pathSuffix ?? f.name))\(hash)\n"
            }
            out += "  summary:    \(Escape.display(a.summary))\n"
            out += "  source:     \(Escape.display(a.source))\n"
        }
        return out
    }
}

/// `litmus version`: the tool version and the advisory data's date.
enum VersionCommand {
    static func run(_ words: [String], console: Console) throws -> Int32 {
        if words.contains("--help") || words.contains("-h") {
            console.out(Help.command("version") ?? "")
            return ExitCode.clean
        }
        if let extra = words.first { throw UsageError("unexpected argument '\(Escape.display(extra))'", command: "version") }
        let database = try AdvisoryLoading.database(extra: [])
        console.out("\(ScanReport.toolName) \(ScanReport.toolVersion) (advisory data \(database.dataVersion), \(database.advisories.count) advisories)\n")
        return ExitCode.clean
    }
}
