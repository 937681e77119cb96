import LitmusAdvisories
import LitmusModel
import LitmusRules

/// The default human report: findings grouped by file, then what to do, then errors and a
/// one-line summary with the exit status. Colour only when the context allows it; every path
/// and value is escaped.
public struct TextReporter: Reporter {
    /// Creates the reporter.
    public init() {}

    /// See ``Reporter/render(_:context:)``.
    public func render(_ report: ScanReport, context: ReportContext) -> String {
        var out: [String] = []
        let paint = Paint(enabled: context.color)
        if !context.quiet {
            out.append(paint.bold("\(ScanReport.toolName) \(ScanReport.toolVersion)") +
                       " · advisory data \(report.advisoryDataVersion) · \(report.command) of \(report.roots.map(Escape.display).joined(separator: ", "))")
            out.append("")
        }
        if !context.quiet { out += environmentsSection(report, paint: paint) }
        out += findingsSection(report, paint: paint)
        out += remediationSection(report, paint: paint)
        if !context.quiet { out += ignoredSection(report, paint: paint) }
        out += issuesSection(report, paint: paint, quiet: context.quiet)
        if !context.quiet || !report.findings.isEmpty || !report.errors.isEmpty {
            out.append(summaryLine(report, context: context, paint: paint))
        }
        return out.isEmpty ? "" : out.joined(separator: "\n") + "\n"
    }

    private func environmentsSection(_ report: ScanReport, paint: Paint) -> [String] {
        guard !report.environments.isEmpty || !report.homes.isEmpty else { return [] }
        var out = [paint.bold("Environments covered (\(report.environments.count))")]
        for e in report.environments {
            let python = e.pythonVersion.map { "python \(Escape.display($0))" } ?? "python ?"
            let dists = e.kind == .pipCache || e.kind == .uvCache || e.kind == .jupyterKernel ? "" : ", \(e.distributions) distributions"
            out.append("  \(e.kind.rawValue.padding(15)) \(python.padding(14)) \(Escape.display(e.path))\(dists)")
        }
        if !report.homes.isEmpty {
            out.append("  homes checked: \(report.homes.map(Escape.display).joined(separator: ", "))")
        }
        return out + [""]
    }

    private func findingsSection(_ report: ScanReport, paint: Paint) -> [String] {
        var out: [String] = []
        var currentPath: String?
        for f in report.findings {
            if f.location.path != currentPath {
                if currentPath != nil { out.append("") }
                currentPath = f.location.path
                out.append(paint.bold(Escape.display(f.location.path)))
            }
            let line = f.location.line.map { "line \($0)" } ?? "—"
            let what = [f.package, f.version ?? f.specifier].compactMap { $0 }.joined(separator: " ")
            // Ids and remediation can come from a user's --advisories file: untrusted like paths.
            let ids = Escape.display(([f.advisoryID] + f.aliases).joined(separator: ", "))
            out.append("  \(paint.severity(f.severity))  \(line.padding(8))  \(f.kind.rawValue)  \(Escape.display(what))  [\(ids)]")
            out.append("      \(Escape.display(f.evidence))")
            if f.occurrences > FindingCollapse.maxLocations, report.findings.last(where: { $0.location.path == f.location.path && $0.repeatKey == f.repeatKey }) == f {
                out.append("      … and \(f.occurrences - FindingCollapse.maxLocations) more like this in this file (\(f.occurrences) in all; the first \(FindingCollapse.maxLocations) are listed)")
            }
        }
        if !out.isEmpty { out.append("") }
        return out
    }

    private func remediationSection(_ report: ScanReport, paint: Paint) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for f in report.findings where seen.insert(f.remediation).inserted {
            out.append("  - \(Escape.display(f.advisoryID)) (\(f.kind.rawValue)): \(Escape.display(f.remediation))")
        }
        guard !out.isEmpty else { return [] }
        return [paint.bold("What to do")] + out + [""]
    }

    /// Every ignored finding with the entry that set it aside and its reason, so an ignore
    /// file cannot hide a finding behind a count.
    private func ignoredSection(_ report: ScanReport, paint: Paint) -> [String] {
        guard !report.ignored.isEmpty else { return [] }
        var out = [paint.bold("Ignored (set aside by an [[ignore]] entry; not counted for the exit code)")]
        for i in report.ignored {
            let f = i.finding
            let what = [f.package, f.version ?? f.specifier].compactMap { $0 }.joined(separator: " ")
            out.append("  \(f.severity.rawValue.uppercased().padding(8))  \(Escape.display(f.location.display))  \(f.kind.rawValue)  "
                       + "\(Escape.display(what))  [\(Escape.display(f.advisoryID))]")
            let until = i.expires.map { ", until \($0)" } ?? ""
            out.append("      by \(Escape.display(i.rule.display))\(until): \(Escape.display(i.reason))")
        }
        return out + [""]
    }

    private func issuesSection(_ report: ScanReport, paint: Paint, quiet: Bool) -> [String] {
        var out: [String] = []
        if !report.errors.isEmpty {
            out.append(paint.bold("Not scanned (errors; the scan is incomplete)"))
            for e in report.errors { out.append("  \(Escape.display(e.location.display)): [\(e.stage)] \(Escape.display(e.message))") }
            out.append("")
        }
        if !quiet && !report.excluded.isEmpty {
            out.append(paint.bold("Excluded by --exclude \(report.excludePatterns.map(Escape.display).joined(separator: ", ")) (\(report.excludedCount), not scanned)"))
            for path in report.excluded.prefix(50) { out.append("  \(Escape.display(path))") }
            if report.excludedCount > 50 { out.append("  … and \(report.excludedCount - 50) more (see the JSON report)") }
            out.append("")
        }
        if !quiet && !report.warnings.isEmpty {
            out.append(paint.bold("Warnings"))
            for w in report.warnings { out.append("  \(Escape.display(w.location.display)): [\(w.stage)] \(Escape.display(w.message))") }
            out.append("")
        }
        return out
    }

    private func summaryLine(_ report: ScanReport, context: ReportContext, paint: Paint) -> String {
        let counts = Severity.allCases.reversed().compactMap { s -> String? in
            let n = report.findings.filter { $0.severity == s }.count
            return n > 0 ? "\(n) \(s.rawValue)" : nil
        }
        let findings = report.findings.isEmpty ? "no findings" :
            "\(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") (\(counts.joined(separator: ", ")))"
        let s = report.stats
        let coverage = "\(s.directories) directories, \(s.entries) files, \(s.filesRead) read, \(String(format2(report.duration))) s"
        let code = report.exitCode(failOn: context.failOn)
        let meaning: String
        switch code {
        case ExitCode.findings: meaning = "findings at or above \(context.failOn?.rawValue ?? "none")"
        case ExitCode.incomplete: meaning = "scan incomplete"
        default: meaning = "clean"
        }
        let errors = report.errors.isEmpty ? "" : ", \(report.errors.count) error\(report.errors.count == 1 ? "" : "s")"
        let ignored = report.ignored.isEmpty ? "" :
            ", \(report.ignored.count) ignored by \(Escape.display(report.configPath ?? "the ignore file"))"
        let excluded = report.excludePatterns.isEmpty ? "" : ", \(report.excludedCount) path\(report.excludedCount == 1 ? "" : "s") excluded by --exclude"
        return "\(findings)\(ignored)\(errors)\(excluded) · \(coverage) · exit \(code) (\(meaning))"
    }

    private func format2(_ seconds: Double) -> String {
        let hundredths = Int((seconds * 100).rounded())
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}

/// ANSI styling that is a no-op when colour is off.
struct Paint {
    var enabled: Bool

    func bold(_ s: String) -> String { enabled ? "\u{1B}[1m\(s)\u{1B}[0m" : s }

    func severity(_ s: Severity) -> String {
        let label = s.rawValue.uppercased().padding(8)
        guard enabled else { return label }
        switch s {
        case .critical, .high: return "\u{1B}[1;31m\(label)\u{1B}[0m"
        case .medium: return "\u{1B}[33m\(label)\u{1B}[0m"
        case .low: return "\u{1B}[36m\(label)\u{1B}[0m"
        }
    }
}

extension String {
    /// Pads with spaces on the right to `width` characters.
    package func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
