import FoundationEssentials
import LitmusAdvisories
import LitmusFleet
import LitmusModel

/// The fleet report as one JSON document described by `schema/fleet.schema.json`; keys sorted
/// and arrays in the report's order, so output is stable. Values read from reports go through
/// ``Escape/displayReported(_:)``.
public enum FleetJSONReporter {
    /// The fleet schema's version; additive changes bump the minor number.
    public static let schemaVersion = "1.0.0"

    /// Renders `report`.
    public static func render(_ report: FleetReport, failOn: Severity?) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(Document(report, failOn: failOn)) else {
            return "{\"error\": \"fleet report could not be encoded\"}\n"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func e(_ s: String) -> String { Escape.displayReported(s) }

    private struct Document: Encodable {
        var schema_version = FleetJSONReporter.schemaVersion
        var tool = Tool()
        var fail_on: String
        var exit_code: Int32
        var summary: Summary
        var hosts: [Host]
        var advisories: [Group]
        var problems: [Issue]

        init(_ r: FleetReport, failOn: Severity?) {
            fail_on = failOn?.rawValue ?? "none"
            exit_code = r.exitCode(failOn: failOn)
            summary = Summary(files_read: r.filesRead, hosts: r.hosts.count, findings: r.count(.findings),
                              no_usable_report: r.count(.unusable), incomplete: r.count(.incomplete), clean: r.count(.clean),
                              critical_hosts: r.hosts.filter(\.critical).count, problems: r.problems.count)
            hosts = r.hosts.map { Host($0, failOn: failOn) }
            advisories = r.advisories.map(Group.init)
            problems = r.problems.map(Issue.init)
        }
    }

    private struct Tool: Encodable {
        var name = ScanReport.toolName
        var version = ScanReport.toolVersion
    }

    private struct Summary: Encodable {
        var files_read, hosts, findings, no_usable_report, incomplete, clean, critical_hosts, problems: Int
    }

    private struct Counts: Encodable {
        var critical, high, medium, low: Int
        init(_ by: [Severity: Int]) {
            critical = by[.critical, default: 0]; high = by[.high, default: 0]
            medium = by[.medium, default: 0]; low = by[.low, default: 0]
        }
    }

    private struct Host: Encodable {
        var key, host, status, source: String
        var machine_id, command, finished_at, tool_version: String?
        var roots: [String]
        var critical: Bool
        var exit_code: Int32
        var findings: Int
        var by_severity: Counts
        var errors, warnings: Int
        var first_errors: [Issue]
        var problem: Issue?

        init(_ h: FleetHost, failOn: Severity?) {
            key = e(h.key); host = e(h.host); status = h.status.rawValue; source = e(h.source)
            machine_id = h.machineID.map(e); command = h.command.map(e); finished_at = h.finishedAt.map(e); tool_version = h.toolVersion.map(e)
            roots = h.roots.map(e); critical = h.critical; exit_code = h.exitCode(failOn: failOn)
            findings = h.findings; by_severity = Counts(h.bySeverity); errors = h.errors; warnings = h.warnings
            first_errors = h.firstErrors.map(Issue.init); problem = h.problem.map(Issue.init)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(key, forKey: .key); try c.encode(host, forKey: .host); try c.encode(status, forKey: .status)
            try c.encode(source, forKey: .source); try c.encode(machine_id, forKey: .machine_id); try c.encode(command, forKey: .command)
            try c.encode(finished_at, forKey: .finished_at); try c.encode(tool_version, forKey: .tool_version); try c.encode(roots, forKey: .roots)
            try c.encode(critical, forKey: .critical); try c.encode(exit_code, forKey: .exit_code); try c.encode(findings, forKey: .findings)
            try c.encode(by_severity, forKey: .by_severity); try c.encode(errors, forKey: .errors); try c.encode(warnings, forKey: .warnings)
            try c.encode(first_errors, forKey: .first_errors); try c.encode(problem, forKey: .problem)
        }

        enum Keys: String, CodingKey {
            case key, host, status, source, machine_id, command, finished_at, tool_version, roots, critical, exit_code
            case findings, by_severity, errors, warnings, first_errors, problem
        }
    }

    private struct Group: Encodable {
        var advisory, kind, severity: String
        var hosts: [GroupHost]
        init(_ g: FleetAdvisoryGroup) {
            advisory = e(g.advisory); kind = e(g.kind); severity = g.severity.rawValue
            hosts = g.hosts.map(GroupHost.init)
        }
    }

    private struct GroupHost: Encodable {
        var key, host, severity: String
        var machine_id: String?
        var critical: Bool
        var findings: Int
        var paths: [String]
        init(_ h: FleetAdvisoryGroup.Host) {
            key = e(h.key); host = e(h.host); severity = h.severity.rawValue; machine_id = h.machineID.map(e)
            critical = h.critical; findings = h.count; paths = h.paths.map(e)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(key, forKey: .key); try c.encode(host, forKey: .host); try c.encode(severity, forKey: .severity)
            try c.encode(machine_id, forKey: .machine_id); try c.encode(critical, forKey: .critical)
            try c.encode(findings, forKey: .findings); try c.encode(paths, forKey: .paths)
        }

        enum Keys: String, CodingKey { case key, host, severity, machine_id, critical, findings, paths }
    }

    private struct Issue: Encodable {
        var path, stage, message: String
        var line: Int?
        init(_ i: FleetIssue) { path = e(i.path); stage = e(i.stage); message = e(i.message); line = i.line }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(path, forKey: .path); try c.encode(line, forKey: .line)
            try c.encode(stage, forKey: .stage); try c.encode(message, forKey: .message)
        }

        enum Keys: String, CodingKey { case path, line, stage, message }
    }
}
