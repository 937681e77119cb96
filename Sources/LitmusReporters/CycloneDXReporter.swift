import FoundationEssentials
import LitmusAdvisories
import LitmusFormats
import LitmusModel
import LitmusRules
import LitmusSystem

/// A CycloneDX 1.6 JSON SBOM of the Python packages litmus observed, with the findings as
/// vulnerabilities, for dependency-track, DefectDojo and other SBOM consumers.
///
/// - One component per package and exact version (`pkg:pypi/NAME@VERSION`, the name PEP 503
///   normalised; `pkg:conda/…` for conda records): installed distributions, lock entries,
///   artifacts and `==` pins. Declarations without an exact version (`>=1.80`, a bare name)
///   are one versionless component per name, their specifiers as `litmus:specifier`.
/// - `evidence.occurrences` lists every file and line it was seen at; `litmus:origin` says
///   how (declared, locked, installed, artifact); installs name their environment.
/// - A finding about no package (an indicator file, a startup hook) gets a `file` component,
///   so every vulnerability has an `affects` reference.
/// - One vulnerability per finding: the advisory id with the OSV source, aliases as
///   references, the finding's severity as the first rating, evidence as detail, remediation
///   as recommendation. Ignored findings are not vulnerabilities; they are listed with their
///   reasons in `metadata.properties`, as are the exclusions and the exit code.
/// - `metadata.component` is the scanned project (`scan`) or the host (`audit`).
/// The serial number is derived from the run (host, command, roots, start time) so the same
/// report always renders the same document.
public struct CycloneDXReporter: Reporter {
    /// The CycloneDX specification version written.
    public static let specVersion = "1.6"

    /// Creates the reporter.
    public init() {}

    /// See ``Reporter/render(_:context:)``.
    public func render(_ report: ScanReport, context: ReportContext) -> String {
        JSONText.render(Self.document(report, context: context))
    }

    /// A component being assembled.
    struct Component {
        var ref: String
        var type: String
        var name: String
        var version: String?
        var purl: String?
        var origins = Set<String>()
        var specifiers = Set<String>()
        var environments = Set<String>()
        var occurrences = Set<FileLocation>()
    }

    /// The BOM as JSON-compatible values.
    static func document(_ report: ScanReport, context: ReportContext) -> [String: Any] {
        var components: [String: Component] = [:]
        let environments = report.environments.sorted { $0.path.count > $1.path.count }
        for item in report.inventory {
            let ref = componentRef(ecosystem: item.ecosystem, name: item.name, version: item.version)
            var c = components[ref] ?? Component(ref: ref, type: "library", name: item.name, version: item.version, purl: ref)
            c.origins.insert(item.origin.rawValue)
            if let s = item.specifier { c.specifiers.insert(s) }
            if item.origin == .installed, let e = environment(of: item.location.path, in: environments) { c.environments.insert(e) }
            c.occurrences.insert(item.location)
            components[ref] = c
        }
        var affected: [String: String] = [:]
        for f in report.findings {
            let ref: String
            if let package = f.package {
                // Findings carry no ecosystem: a conda record's finding points at its conda component.
                let pypi = componentRef(ecosystem: "PyPI", name: package, version: f.version)
                let conda = componentRef(ecosystem: "conda", name: package, version: f.version)
                ref = components[pypi] == nil && components[conda] != nil ? conda : pypi
                if components[ref] == nil {
                    components[ref] = Component(ref: ref, type: "library", name: package, version: f.version, purl: ref)
                }
                if let s = f.specifier { components[ref]?.specifiers.insert(s) }
            } else {
                ref = "file:" + f.location.path
                if components[ref] == nil {
                    components[ref] = Component(ref: ref, type: "file", name: f.location.path, version: nil, purl: nil)
                }
            }
            components[ref]?.occurrences.insert(f.location)
            affected[f.id] = ref
        }
        let byID = Dictionary(report.advisories.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var doc: [String: Any] = [
            "bomFormat": "CycloneDX",
            "specVersion": specVersion,
            "serialNumber": serialNumber(report),
            "version": 1,
            "metadata": metadata(report, context: context),
            "components": components.keys.sorted().compactMap { components[$0].map(componentJSON) },
        ]
        let vulnerabilities = report.findings.map { vulnerability($0, ref: affected[$0.id] ?? "", advisory: byID[$0.advisoryID], report: report) }
        if !vulnerabilities.isEmpty { doc["vulnerabilities"] = vulnerabilities }
        return doc
    }

    /// `pkg:pypi/litellm@1.82.8`; `pkg:pypi/litellm` without a version.
    static func componentRef(ecosystem: String, name: String, version: String?) -> String {
        let type = ecosystem == "conda" ? "conda" : "pypi"
        let base = "pkg:\(type)/" + purlEncoded(name)
        return version.map { base + "@" + purlEncoded($0) } ?? base
    }

    /// Percent-encodes every byte but ASCII letters, digits and `.-_~` (the purl rules); a raw
    /// file-name byte (see ``PathBytes``) is encoded as the byte it was. The result is ASCII
    /// without controls, so it needs no display escaping.
    static func purlEncoded(_ s: String) -> String {
        ReportURL.percentEncoded(s) { bytes, i in
            let b = bytes[i]
            return ReportURL.isAlphanumeric(b) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
        }
    }

    /// The environment (the deepest one whose root holds `path`), as `kind path (python X)`;
    /// raw, displayed where it is written.
    /// Without a record (a `scan` discovers none), the prefix its site-packages or conda-meta
    /// folder names.
    private static func environment(of path: String, in environments: [EnvironmentRecord]) -> String? {
        if let e = environments.first(where: { path.hasPrefix($0.path.hasSuffix("/") ? $0.path : $0.path + "/") }) {
            return "\(e.kind.rawValue) \(e.path)" + (e.pythonVersion.map { " (python \($0))" } ?? "")
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if let i = parts.lastIndex(where: { $0 == "site-packages" || $0 == "dist-packages" }) {
            let layout = SitePackagesPath(parts[...i].joined(separator: "/"))
            return "environment \(layout.prefix)" + (layout.pythonVersion.map { " (python \($0))" } ?? "")
        }
        if let i = parts.lastIndex(of: "conda-meta"), i > 0 {
            return "conda " + parts[..<i].joined(separator: "/")
        }
        return nil
    }

    private static func componentJSON(_ c: Component) -> [String: Any] {
        var out: [String: Any] = ["type": c.type, "bom-ref": Escape.display(c.ref), "name": Escape.display(c.name)]
        if let v = c.version { out["version"] = Escape.display(v) }
        if let p = c.purl { out["purl"] = p }
        var properties: [[String: String]] = []
        properties += c.origins.sorted().map { ["name": "litmus:origin", "value": $0] }
        properties += c.specifiers.sorted().map { ["name": "litmus:specifier", "value": Escape.display($0)] }
        properties += c.environments.sorted().map { ["name": "litmus:environment", "value": Escape.display($0)] }
        if !properties.isEmpty { out["properties"] = properties }
        out["evidence"] = ["occurrences": c.occurrences.sorted().map { loc -> [String: Any] in
            var o: [String: Any] = ["location": Escape.display(loc.path)]
            if let line = loc.line { o["line"] = line }
            return o
        }]
        return out
    }

    private static func vulnerability(_ f: Finding, ref: String, advisory: Advisory?, report: ScanReport) -> [String: Any] {
        let heuristic = advisory == nil && f.advisoryID.hasPrefix("LITMUS-")
        var out: [String: Any] = [
            "bom-ref": "finding:" + f.id,
            "id": Escape.display(f.advisoryID),
            "source": heuristic ? ["name": "litmus"] : ["name": "OSV", "url": osvURL(f.advisoryID)],
            "ratings": [["severity": f.severity.rawValue, "score": Double(SARIFReporter.securitySeverity(f.severity)) ?? 0,
                         "method": "other", "source": ["name": "litmus"]] as [String: Any]],
            "detail": Escape.display("\(f.evidence) (\(f.location.display), \(f.kind.rawValue))"),
            "recommendation": Escape.display(f.remediation),
            "affects": [["ref": Escape.display(ref)]],
            "properties": [["name": "litmus:kind", "value": f.kind.rawValue],
                           ["name": "litmus:finding-id", "value": f.id],
                           ["name": "litmus:location", "value": Escape.display(f.location.display)]]
                + (report.command == "audit" ? [["name": "litmus:host", "value": Escape.display(report.hostName)]] : [])
                + (f.occurrences > 1 ? [["name": "litmus:occurrences", "value": String(f.occurrences)]] : [])
                + (f.integrity.map { c in [["name": "litmus:integrity-modified", "value": String(c.modified)],
                                           ["name": "litmus:integrity-missing", "value": String(c.missing)],
                                           ["name": "litmus:integrity-unlisted", "value": String(c.unlisted)]] } ?? []),
        ]
        if !f.aliases.isEmpty {
            out["references"] = f.aliases.map { ["id": Escape.display($0), "source": ["name": "OSV", "url": osvURL($0)]] as [String: Any] }
        }
        if let advisory {
            out["description"] = Escape.display(advisory.summary)
            let urls = advisory.references.map { ["url": ReportURL.encoded($0.url)] }
            if !urls.isEmpty { out["advisories"] = urls }
        } else if let text = HeuristicRule.descriptions[f.advisoryID] {
            out["description"] = text
        }
        return out
    }

    private static func osvURL(_ id: String) -> String {
        "https://osv.dev/vulnerability/" + purlEncoded(id)
    }

    private static func metadata(_ report: ScanReport, context: ReportContext) -> [String: Any] {
        let host = Escape.display(report.hostName)
        let component: [String: Any]
        if report.command == "audit" {
            component = ["type": "device", "bom-ref": "host:" + host, "name": host,
                         "description": "host audited by litmus (root \(report.roots.first.map(Escape.display) ?? "/"))"]
        } else {
            component = ["type": "application", "bom-ref": "scan-root", "name": report.roots.map(Escape.display).joined(separator: ", "),
                         "description": "tree scanned by litmus on \(host)"]
        }
        var properties: [[String: String]] = [
            ["name": "litmus:command", "value": report.command],
            ["name": "litmus:host", "value": host],
            ["name": "litmus:advisory-data", "value": report.advisoryDataVersion],
            ["name": "litmus:fail-on", "value": context.failOn?.rawValue ?? "none"],
            ["name": "litmus:exit-code", "value": String(report.exitCode(failOn: context.failOn))],
            ["name": "litmus:errors", "value": String(report.errors.count)],
            ["name": "litmus:excluded-count", "value": String(report.excludedCount)],
        ]
        properties += report.roots.map { ["name": "litmus:root", "value": Escape.display($0)] }
        properties += report.excludePatterns.map { ["name": "litmus:exclude-pattern", "value": Escape.display($0)] }
        properties += report.excluded.map { ["name": "litmus:excluded", "value": Escape.display($0)] }
        properties += report.ignored.map { i in
            ["name": "litmus:ignored", "value": Escape.display("\(i.finding.advisoryID) \(i.finding.kind.rawValue) at \(i.finding.location.display): \(i.reason) (\(i.configPath):\(i.configLine))")]
        }
        return [
            "timestamp": TimeText.iso8601(report.startedAt, fractional: false),
            "tools": ["components": [["type": "application", "name": ScanReport.toolName, "version": ScanReport.toolVersion]]],
            "component": component,
            "properties": properties,
        ]
    }

    /// `urn:uuid:` plus a version-4-shaped UUID from the SHA-256 of the run's identity.
    static func serialNumber(_ report: ScanReport) -> String {
        let key = [report.hostName, report.command, report.roots.joined(separator: "\u{1F}"),
                   TimeText.iso8601(report.startedAt)].joined(separator: "\u{1E}")
        var bytes = Array(SHA256.hash(Array(key.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = SHA256.hex(bytes)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { r in
            String(hex[hex.index(hex.startIndex, offsetBy: r.lowerBound)..<hex.index(hex.startIndex, offsetBy: r.upperBound)])
        }
        return "urn:uuid:" + parts.joined(separator: "-")
    }
}
