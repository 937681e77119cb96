import FoundationEssentials

/// Merges reports one at a time into per-host summaries, so memory grows with the number of
/// hosts, never with the size of their reports.
///
/// Every input ends up somewhere: a usable report becomes (or supersedes) a host entry; an
/// unusable one becomes a host entry with status ``FleetStatus/unusable`` and a problem naming
/// the file and what is wrong with it; a fleet runner's failure record becomes one unusable
/// entry per host it lists. Nothing is dropped silently and nothing here traps on input.
public struct FleetMerge: Sendable {
    /// The largest report read (256 MiB; decoding needs about three times that); a larger file
    /// is listed as unusable.
    public static let reportLimit = 256 << 20

    private var hosts: [String: FleetHost] = [:]
    private var problems: [FleetIssue] = []
    private var filesRead = 0

    /// Creates an empty merge.
    public init() {}

    /// Adds one input file's contents; `source` names it in the report.
    public mutating func add(_ bytes: [UInt8], source: String) {
        filesRead += 1
        guard !bytes.isEmpty else { return unusable(source, stage: "fleet", "empty file (the run or the copy stopped early?)") }
        let document: FleetDocument
        do {
            document = try JSONDecoder().decode(FleetDocument.self, from: Data(bytes))
        } catch {
            return unusable(source, stage: "fleet", Self.describe(error))
        }
        switch document {
        case .report(let report): add(report, source: source)
        case .failures(let failures):
            for f in failures {
                var host = FleetHost(key: "inventory:" + f.host, host: f.host, machineID: nil, status: .unusable, source: source)
                host.problem = FleetIssue(path: source, stage: f.stage, message: f.message)
                insert(host, newer: { _ in true })
            }
        }
    }

    /// Records an input file that could not be read at all.
    public mutating func addUnreadable(source: String, message: String) {
        filesRead += 1
        unusable(source, stage: "read", message)
    }

    /// Records a problem that is not one file's (files skipped in a directory).
    public mutating func note(_ issue: FleetIssue) { problems.append(issue) }

    /// The merged report.
    public func finish() -> FleetReport {
        var problems = self.problems
        var byMachine: [String: [FleetHost]] = [:]
        for h in hosts.values { if let id = h.machineID { byMachine[id, default: []].append(h) } }
        for (id, shared) in byMachine where Set(shared.map(\.host)).count > 1 {
            let names = shared.map(\.host).sorted().joined(separator: ", ")
            problems.append(FleetIssue(path: "machine-id " + id, stage: "fleet",
                                       message: "machine id shared by hosts \(names): cloned without a new /etc/machine-id?"))
        }
        problems.sort { ($0.path, $0.stage, $0.message) < ($1.path, $1.stage, $1.message) }
        return FleetReport(hosts: Array(hosts.values), problems: problems, filesRead: filesRead)
    }

    private mutating func add(_ r: FleetDocument.Report, source: String) {
        let key = r.machineID.map { "machine-id:\($0) host:\(r.host)" }
            ?? "host:\(r.host) \(r.command) \(r.roots.joined(separator: "\u{1F}"))"
        var host = FleetHost(key: key, host: r.host, machineID: r.machineID, status: .clean, source: source)
        host.command = r.command
        host.roots = r.roots
        host.finishedAt = r.finishedAt
        host.toolVersion = r.toolVersion
        host.errors = r.errors.count
        host.warnings = r.warnings
        host.firstErrors = r.errors.prefix(FleetHost.sampleErrors).map { FleetIssue(path: $0.path, line: $0.line, stage: $0.stage, message: $0.message) }
        for f in r.findings { host.add(advisory: f.advisory, kind: f.kind, severity: f.severity, path: f.path) }
        host.status = host.findings > 0 ? .findings : (host.errors > 0 ? .incomplete : .clean)
        insert(host) { old in (r.finishedAt, source) > (old.finishedAt ?? "", old.source) }
    }

    /// Keeps `host` unless an entry with its key is newer; the one set aside is a problem.
    private mutating func insert(_ host: FleetHost, newer: (FleetHost) -> Bool) {
        guard let old = hosts[host.key] else { hosts[host.key] = host; return }
        let (kept, dropped) = newer(old) ? (host, old) : (old, host)
        hosts[host.key] = kept
        problems.append(FleetIssue(path: dropped.source, stage: "fleet",
                                   message: "superseded by \(kept.source) for the same host \(kept.host) (newer run kept)"))
    }

    private mutating func unusable(_ source: String, stage: String, _ message: String) {
        var host = FleetHost(key: "file:" + source, host: Self.name(of: source), machineID: nil, status: .unusable, source: source)
        let issue = FleetIssue(path: source, stage: stage, message: message)
        host.problem = issue
        hosts[host.key] = host
        problems.append(issue)
    }

    /// `reports/web1.json` → `web1`: the best name an unreadable report has (fleet runners
    /// name reports after the inventory host).
    static func name(of source: String) -> String {
        var base = source.split(separator: "/").last.map(String.init) ?? source
        if base.hasSuffix(".json") { base.removeLast(5) }
        return base
    }

    /// A short, stable sentence for a decoding failure (never the report's content).
    static func describe(_ error: any Error) -> String {
        let path: (DecodingError.Context) -> String = { ctx in
            ctx.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let e as FleetDocument.UnsupportedVersion:
            return "schema version \(e.version) is not \(e.supported).x; this litmus reads \(e.supported).x reports only"
        case DecodingError.dataCorrupted(let ctx) where ctx.codingPath.isEmpty:
            return "not valid JSON (truncated or corrupt)"
        case DecodingError.dataCorrupted(let ctx):
            return "not a litmus report: \(path(ctx)): \(ctx.debugDescription)"
        case DecodingError.keyNotFound(let key, let ctx):
            let at = path(ctx)
            return "not a litmus report: no '\(key.stringValue)'" + (at.isEmpty ? "" : " in \(at)")
        case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx):
            return "not a litmus report: \(path(ctx)) has the wrong type"
        default:
            return "not read: \(error)"
        }
    }
}
