import FoundationEssentials
import LitmusModel

/// One input file of a fleet merge, decoded to the parts the merge keeps: a litmus `scan` or
/// `audit` JSON report (`schema/report.schema.json`, any 1.x), or a fleet runner's record of
/// hosts without a report (`schema/fleet-failures.schema.json`).
///
/// Keys a 1.x reader does not know are ignored, as the report schema promises; a missing
/// required key, a wrong type, an unknown severity or another major version is an error, so
/// the file is listed as unusable rather than read as clean.
enum FleetDocument: Decodable {
    case report(Report)
    case failures([Failure])

    /// The report fields the merge reads.
    struct Report: Decodable {
        var schemaVersion: String
        var toolName: String
        var toolVersion: String
        var command: String
        var host: String
        var machineID: String?
        var roots: [String]
        var finishedAt: String
        var summaryFindings: Int
        var summaryErrors: Int
        var findings: [Finding]
        var errors: [Issue]
        var warnings: Int

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            schemaVersion = try c.decode(String.self, forKey: .schema_version)
            try FleetDocument.checkMajor(schemaVersion, supported: "1", codingPath: c.codingPath + [Key.schema_version])
            let tool = try c.nestedContainer(keyedBy: Key.self, forKey: .tool)
            toolName = try tool.decode(String.self, forKey: .name)
            guard toolName == "litmus" else {
                throw DecodingError.dataCorruptedError(forKey: .name, in: tool, debugDescription: "tool is '\(toolName)', not litmus")
            }
            toolVersion = try tool.decode(String.self, forKey: .version)
            command = try c.decode(String.self, forKey: .command)
            host = try c.decode(String.self, forKey: .host)
            // Reports before 1.2.0 have no machine_id.
            machineID = try c.decodeIfPresent(String.self, forKey: .machine_id)
            roots = try c.decode([String].self, forKey: .roots)
            finishedAt = try c.decode(String.self, forKey: .finished_at)
            let summary = try c.nestedContainer(keyedBy: Key.self, forKey: .summary)
            summaryFindings = try summary.decode(Int.self, forKey: .findings)
            summaryErrors = try summary.decode(Int.self, forKey: .errors)
            findings = try c.decode([Finding].self, forKey: .findings)
            errors = try c.decode([Issue].self, forKey: .errors)
            warnings = try c.decode([Skip].self, forKey: .warnings).count
        }
    }

    /// A finding: what the merge groups by, and where.
    struct Finding: Decodable {
        var kind: String
        var severity: Severity
        var path: String
        var advisory: String

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            kind = try c.decode(String.self, forKey: .kind)
            severity = try c.decode(Severity.self, forKey: .severity)
            path = try c.decode(String.self, forKey: .path)
            advisory = try c.nestedContainer(keyedBy: Key.self, forKey: .advisory).decode(String.self, forKey: .id)
        }
    }

    /// A report's error entry.
    struct Issue: Decodable {
        var path: String
        var line: Int?
        var stage: String
        var message: String
    }

    /// A host the fleet runner could not audit.
    struct Failure: Decodable {
        var host: String
        var stage: String
        var message: String
    }

    /// Any value, not kept (warnings are only counted).
    struct Skip: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    enum Key: String, CodingKey {
        case schema_version, tool, name, version, command, host, machine_id, roots, finished_at
        case summary, findings, errors, warnings, kind, severity, path, advisory, id, failures
    }

    /// The `kind` value of a fleet runner's failure record.
    static let failuresKind = "litmus-fleet-failures"

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if try c.decodeIfPresent(String.self, forKey: .kind) == Self.failuresKind {
            let version = try c.decode(String.self, forKey: .schema_version)
            try Self.checkMajor(version, supported: "1", codingPath: c.codingPath + [Key.schema_version])
            self = .failures(try c.decode([Failure].self, forKey: .failures))
        } else {
            self = .report(try Report(from: decoder))
        }
    }

    static func checkMajor(_ version: String, supported: String, codingPath: [any CodingKey]) throws {
        let major = version.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard major == supported else {
            throw UnsupportedVersion(version: version, supported: supported)
        }
    }

    /// Another schema major version: its meaning may have changed, so nothing is read from it.
    struct UnsupportedVersion: Error {
        var version: String
        var supported: String
    }
}
