import FoundationEssentials
import LitmusAdvisories
import LitmusModel
import LitmusRules

/// JUnit XML for CI test-report views (GitLab `artifacts:reports:junit`, Jenkins, CircleCI).
///
/// One `<testcase>` per file with findings, errors or ignored findings, named by its path and
/// in path order: a `<failure>` when a finding there is at or above `--fail-on` (message = the
/// most severe finding's evidence, type = its kind, body = those findings), an `<error>` for
/// scan errors, `<skipped>` when every finding there was ignored. Findings below `--fail-on`
/// never fail a case: they are listed in the case's `<system-out>` (and counted in the suite's
/// `below_fail_on` property), so a passing scan is a passing test run. The counts agree with
/// the exit code: failures > 0 exactly when it is 1, else errors > 0 exactly when it is 3.
/// A scan with nothing to report gets one passing summary case so the report is never empty.
/// Values are XML-escaped and stripped of characters XML 1.0 forbids.
public struct JUnitReporter: Reporter {
    /// Creates the reporter.
    public init() {}

    /// Everything reported about one path.
    struct Case {
        var path: String
        var findings: [Finding] = []
        var errors: [ScanIssue] = []
        var ignored: [IgnoredFinding] = []
    }

    /// See ``Reporter/render(_:context:)``.
    public func render(_ report: ScanReport, context: ReportContext) -> String {
        let cases = Self.cases(report)
        let failOn = context.failOn
        let failures = cases.filter { $0.findings.contains { Self.fails($0, failOn: failOn) } }.count
        let errors = cases.filter { !$0.errors.isEmpty }.count
        let skipped = cases.filter { $0.findings.isEmpty && $0.errors.isEmpty }.count
        let clean = report.findings.isEmpty && report.errors.isEmpty
        let tests = cases.count + (clean ? 1 : 0)
        let time = TimeText.fixed(report.duration, digits: 3)
        let counts = "tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(time)\""
        var out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<testsuites name=\"litmus\" \(counts)>"]
        out.append("  <testsuite name=\"litmus \(attr(report.command))\" \(counts) timestamp=\"\(TimeText.iso8601(report.startedAt, fractional: false))\" hostname=\"\(attr(report.hostName))\">")
        out += properties(report, context: context)
        for c in cases { out += testcase(c, command: report.command, failOn: failOn) }
        if clean { out += summaryCase(report) }
        out += ["  </testsuite>", "</testsuites>"]
        return out.joined(separator: "\n") + "\n"
    }

    /// Whether a finding fails its test case: at or above the threshold (never with `none`).
    static func fails(_ f: Finding, failOn: Severity?) -> Bool {
        guard let failOn else { return false }
        return f.severity >= failOn
    }

    /// One case per path that has anything to say, sorted by path.
    static func cases(_ report: ScanReport) -> [Case] {
        var byPath: [String: Case] = [:]
        for f in report.findings { byPath[f.location.path, default: Case(path: f.location.path)].findings.append(f) }
        for e in report.errors { byPath[e.location.path, default: Case(path: e.location.path)].errors.append(e) }
        for i in report.ignored { byPath[i.finding.location.path, default: Case(path: i.finding.location.path)].ignored.append(i) }
        return byPath.values.sorted { $0.path < $1.path }
    }

    private func properties(_ report: ScanReport, context: ReportContext) -> [String] {
        let pairs = [("advisory_data", report.advisoryDataVersion), ("roots", report.roots.joined(separator: ", ")),
                     ("fail_on", context.failOn?.rawValue ?? "none"), ("exit_code", String(report.exitCode(failOn: context.failOn))),
                     ("tool_version", ScanReport.toolVersion), ("host", report.hostName),
                     ("findings", String(report.findings.count)),
                     ("below_fail_on", String(report.findings.filter { !Self.fails($0, failOn: context.failOn) }.count)),
                     ("ignored", String(report.ignored.count)), ("excluded", String(report.excludedCount))]
        return ["    <properties>"] + pairs.map { "      <property name=\"\($0.0)\" value=\"\(attr($0.1))\"/>" } + ["    </properties>"]
    }

    private func testcase(_ c: Case, command: String, failOn: Severity?) -> [String] {
        var out = ["    <testcase classname=\"litmus.\(attr(command))\" name=\"\(attr(c.path))\" file=\"\(attr(c.path))\" time=\"0\">"]
        let failing = c.findings.filter { Self.fails($0, failOn: failOn) }
        let below = c.findings.filter { !Self.fails($0, failOn: failOn) }
        if let head = failing.max(by: { $0.severity < $1.severity }) {
            let more = failing.count > 1 ? " (and \(failing.count - 1) more in this file)" : ""
            out.append("      <failure message=\"\(attr(head.evidence + more))\" type=\"\(head.kind.rawValue)\">" +
                       body(failing.map(findingLines).flatMap { $0 }) + "</failure>")
        }
        if let first = c.errors.first {
            out.append("      <error message=\"\(attr(first.message))\" type=\"scan-error\">" +
                       body(c.errors.map { "\($0.location.display): [\($0.stage)] \($0.message)" }) + "</error>")
        }
        if c.findings.isEmpty && c.errors.isEmpty, let first = c.ignored.first {
            out.append("      <skipped message=\"\(attr("ignored: " + first.reason))\"/>")
        }
        var notes: [String] = []
        if !below.isEmpty {
            notes.append("Below --fail-on \(failOn?.rawValue ?? "none") (reported, not failing):")
            notes += below.map(findingLines).flatMap { $0 }
        }
        for i in c.ignored {
            notes.append("Ignored by \(i.configPath):\(i.configLine): \(i.finding.advisoryID) \(i.finding.kind.rawValue) at \(i.finding.location.display): \(i.reason)")
        }
        if !notes.isEmpty { out.append("      <system-out>" + body(notes) + "</system-out>") }
        out.append("    </testcase>")
        return out
    }

    private func summaryCase(_ report: ScanReport) -> [String] {
        let name = "litmus \(report.command) of \(report.roots.joined(separator: ", ")): no findings"
        let text = "\(report.stats.filesRead) files read, \(report.stats.observations) observations, \(report.ignored.count) ignored, \(report.warnings.count) warnings"
        return ["    <testcase classname=\"litmus.\(attr(report.command))\" name=\"\(attr(name))\" time=\"0\">",
                "      <system-out>\(XMLText.escape(text))</system-out>",
                "    </testcase>"]
    }

    private func findingLines(_ f: Finding) -> [String] {
        let what = [f.package, f.version ?? f.specifier].compactMap { $0 }.joined(separator: " ")
        let ids = ([f.advisoryID] + f.aliases).joined(separator: ", ")
        let repeats = f.occurrences > 1 ? " (\(f.occurrences) such findings in this file, the first \(FindingCollapse.maxLocations) listed)" : ""
        return ["\(f.severity.rawValue.uppercased()) \(f.location.display) \(f.kind.rawValue) \(what) [\(ids)]\(repeats)",
                "  \(f.evidence)", "  What to do: \(f.remediation)"]
    }

    /// Element text: each line escaped on its own so the line breaks survive.
    private func body(_ lines: [String]) -> String {
        "\n" + lines.map { XMLText.escape($0) }.joined(separator: "\n") + "\n      "
    }

    private func attr(_ s: String) -> String { XMLText.escape(s, attribute: true) }
}
