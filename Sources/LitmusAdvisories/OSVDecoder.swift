import FoundationEssentials
import LitmusFormats
import LitmusModel

/// Why an OSV file could not be turned into advisories.
public struct AdvisoryLoadError: Error, Sendable, CustomStringConvertible {
    /// The file (or `embedded:NAME`).
    public var source: String
    /// What is wrong with it.
    public var message: String

    /// "could not load advisory FILE: MESSAGE".
    public var description: String { "could not load advisory \(source): \(message)" }
}

/// Decodes OSV-schema JSON (one record, or an array of records) into ``Advisory`` values.
///
/// Besides the standard fields it reads litmus's extension under
/// `database_specific.litmus` (severity, indicator files, persistence paths, artifacts,
/// remediation, safe versions, container images; see the README). Every ecosystem is kept with
/// its ``EcosystemFamily``, so a package only ever matches observations of its own family;
/// per-package `database_specific.litmus` may add `unresolvable_refs`, `window` and `remediation`. GitHub-style
/// `database_specific.severity` (`CRITICAL`, `HIGH`, `MODERATE`, `LOW`) is honoured; a `MAL-`
/// record without either is critical; anything else defaults to high.
public enum OSVDecoder {
    /// Decodes `bytes` read from `source`.
    public static func decode(_ bytes: [UInt8], source: String) throws(AdvisoryLoadError) -> [Advisory] {
        let json: Any
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw AdvisoryLoadError(source: source, message: "not valid JSON (\(error))")
        }
        if let list = json as? [Any] {
            var out: [Advisory] = []
            for (index, item) in list.enumerated() {
                guard let object = item as? [String: Any] else {
                    throw AdvisoryLoadError(source: source, message: "element \(index) is not an object")
                }
                out.append(try advisory(object, source: source))
            }
            return out
        }
        guard let object = json as? [String: Any] else {
            throw AdvisoryLoadError(source: source, message: "top level is neither an object nor an array")
        }
        return [try advisory(object, source: source)]
    }

    private static func advisory(_ o: [String: Any], source: String) throws(AdvisoryLoadError) -> Advisory {
        func fail(_ message: String) -> AdvisoryLoadError { AdvisoryLoadError(source: source, message: message) }
        guard let id = o["id"] as? String, !id.isEmpty else { throw fail("missing \"id\"") }
        guard let modified = o["modified"] as? String else { throw fail("\(id): missing \"modified\"") }
        let litmus = (o["database_specific"] as? [String: Any])?["litmus"] as? [String: Any] ?? [:]
        let indicators = litmus["indicators"] as? [String: Any] ?? [:]
        var affected: [AffectedPackage] = []
        for (index, item) in (o["affected"] as? [Any] ?? []).enumerated() {
            guard let a = item as? [String: Any] else { throw fail("\(id): affected[\(index)] is not an object") }
            affected.append(try affectedPackage(a, id: id, index: index, fail: fail))
        }
        for (index, item) in (litmus["containers"] as? [Any] ?? []).enumerated() {
            guard let c = item as? [String: Any], let image = c["image"] as? String, !image.isEmpty else {
                throw fail("\(id): database_specific.litmus.containers[\(index)] needs an \"image\"")
            }
            var package = AffectedPackage(ecosystem: EcosystemFamily.containerEcosystem, name: PackageName(image), versions: [],
                                          versionTexts: strings(c["tags"]) + strings(c["digests"]))
            package.rawName = image
            package.key = EcosystemFamily.container.canonicalName(image)
            package.window = c["window"] as? String
            package.remediation = c["remediation"] as? String
            affected.append(package)
        }
        try addPublishedReleases(litmus["published_releases"], to: &affected, id: id, fail: fail)
        var advisory = Advisory(
            id: id,
            aliases: strings(o["aliases"]),
            related: strings(o["related"]),
            summary: o["summary"] as? String ?? "",
            details: o["details"] as? String ?? "",
            published: o["published"] as? String,
            modified: modified,
            affected: affected,
            references: references(o["references"]),
            severity: try severity(o, litmus: litmus, id: id, fail: fail),
            fileIndicators: try fileIndicators(indicators["files"], id: id, fail: fail),
            persistenceIndicators: persistence(indicators["persistence"]),
            artifacts: try artifacts(indicators["artifacts"], id: id, fail: fail),
            remediation: litmus["remediation"] as? String ?? "",
            safeVersions: litmus["safe_versions"] as? String,
            source: source)
        advisory.osvJSON = JSONWriter.pretty(o)
        return advisory
    }

    private static func affectedPackage(_ a: [String: Any], id: String, index: Int,
                                        fail: (String) -> AdvisoryLoadError) throws(AdvisoryLoadError) -> AffectedPackage {
        guard let package = a["package"] as? [String: Any],
              let ecosystem = package["ecosystem"] as? String,
              let name = package["name"] as? String else {
            throw fail("\(id): affected[\(index)] lacks package.ecosystem or package.name")
        }
        let texts = strings(a["versions"])
        var versions: [Version] = []
        var ranges: [AffectedRange] = []
        let family = EcosystemFamily(ecosystem: ecosystem)
        if family != .python {
            for case let range as [String: Any] in a["ranges"] as? [Any] ?? [] where ["ECOSYSTEM", "SEMVER"].contains(range["type"] as? String ?? "") {
                ranges.append(try ecosystemRange(range, id: id, parse: family.orderedVersion, fail: fail))
            }
            var package = AffectedPackage(ecosystem: ecosystem, name: PackageName(name), versions: [], versionTexts: texts, ranges: ranges)
            package.rawName = name
            package.key = family.canonicalName(name)
            let extra = (a["database_specific"] as? [String: Any])?["litmus"] as? [String: Any] ?? [:]
            package.unresolvable = strings(extra["unresolvable_refs"])
            package.window = extra["window"] as? String
            package.remediation = extra["remediation"] as? String
            return package
        }
        if isPyPI(ecosystem) || ecosystem == "conda" {
            for text in texts {
                guard let v = Version.parse(text) else { throw fail("\(id): affected version \"\(text)\" is not a PEP 440 version") }
                versions.append(v)
            }
            for case let range as [String: Any] in a["ranges"] as? [Any] ?? [] where (range["type"] as? String) == "ECOSYSTEM" {
                ranges.append(try ecosystemRange(range, id: id, parse: Version.parse, fail: fail))
            }
        }
        return AffectedPackage(ecosystem: ecosystem, name: PackageName(name), versions: versions, versionTexts: texts, ranges: ranges)
    }

    /// `{"as_of": "YYYY-MM-DD", "packages": {"name": ["1.0", ...]}}`: each list goes to the
    /// affected PyPI package of that name.
    private static func addPublishedReleases(_ value: Any?, to affected: inout [AffectedPackage], id: String,
                                             fail: (String) -> AdvisoryLoadError) throws(AdvisoryLoadError) {
        guard let value else { return }
        guard let object = value as? [String: Any], let asOf = object["as_of"] as? String,
              let packages = object["packages"] as? [String: Any] else {
            throw fail("\(id): published_releases needs \"as_of\" and \"packages\"")
        }
        for (name, list) in packages {
            var versions: [Version] = []
            for text in strings(list) {
                guard let v = Version.parse(text) else { throw fail("\(id): published release \"\(text)\" of \(name) is not a PEP 440 version") }
                versions.append(v)
            }
            for index in affected.indices where isPyPI(affected[index].ecosystem) && affected[index].name == PackageName(name) {
                affected[index].publishedReleases = PublishedReleases(asOf: asOf, versions: versions)
            }
        }
    }

    private static func ecosystemRange(_ range: [String: Any], id: String, parse: (String) -> Version?,
                                       fail: (String) -> AdvisoryLoadError) throws(AdvisoryLoadError) -> AffectedRange {
        var events: [AffectedRange.Event] = []
        for case let event as [String: String] in range["events"] as? [Any] ?? [] {
            guard let (key, text) = event.first else { continue }
            if key == "introduced" && text == "0" { events.append(.introduced(nil)); continue }
            guard let v = parse(text) else { throw fail("\(id): range event \(key) \"\(text)\" is not a version this ecosystem orders") }
            switch key {
            case "introduced": events.append(.introduced(v))
            case "fixed": events.append(.fixed(v))
            case "last_affected": events.append(.lastAffected(v))
            case "limit": events.append(.limit(v))
            default: throw fail("\(id): unknown range event \"\(key)\"")
            }
        }
        return AffectedRange(events: events)
    }

    private static func severity(_ o: [String: Any], litmus: [String: Any], id: String,
                                 fail: (String) -> AdvisoryLoadError) throws(AdvisoryLoadError) -> Severity {
        if let text = litmus["severity"] as? String {
            guard let s = Severity(rawValue: text.lowercased()) else { throw fail("\(id): unknown severity \"\(text)\"") }
            return s
        }
        if let text = (o["database_specific"] as? [String: Any])?["severity"] as? String {
            switch text.uppercased() {
            case "CRITICAL": return .critical
            case "HIGH": return .high
            case "MODERATE", "MEDIUM": return .medium
            case "LOW": return .low
            default: break
            }
        }
        return id.hasPrefix("MAL-") ? .critical : .high
    }

    private static func fileIndicators(_ value: Any?, id: String,
                                       fail: (String) -> AdvisoryLoadError) throws(AdvisoryLoadError) -> [FileIndicator] {
        var out: [FileIndicator] = []
        for case let f as [String: Any] in value as? [Any] ?? [] {
            guard let name = f["name"] as? String, !name.isEmpty, !name.contains("/") else {
                throw fail("\(id): an indicator file needs a base \"name\"")
            }
            out.append(FileIndicator(
                name: name,
                pathSuffix: f["path_suffix"] as? String,
                sha256: try digest(f["sha256"], id: id, fail: fail),
                size: (f["size"] as? Int).flatMap { UInt64(exactly: $0) },
                versions: strings(f["versions"]),
                reportAlways: f["report_always"] as? Bool ?? false,
                description: f["description"] as? String ?? name))
        }
        return out
    }

    private static func artifacts(_ value: Any?, id: String,
                                  fail: (String) -> AdvisoryLoadError) throws(AdvisoryLoadError) -> [ArtifactIndicator] {
        var out: [ArtifactIndicator] = []
        for case let a as [String: Any] in value as? [Any] ?? [] {
            guard let filename = a["filename"] as? String, let sha = try digest(a["sha256"], id: id, fail: fail) else {
                throw fail("\(id): an artifact needs \"filename\" and \"sha256\"")
            }
            out.append(ArtifactIndicator(filename: filename, sha256: sha))
        }
        return out
    }

    private static func persistence(_ value: Any?) -> [PersistenceIndicator] {
        (value as? [Any] ?? []).compactMap { item in
            guard let p = item as? [String: Any], let path = p["path"] as? String else { return nil }
            return PersistenceIndicator(path: path, contains: p["contains"] as? String,
                                        description: p["description"] as? String ?? path)
        }
    }

    private static func digest(_ value: Any?, id: String,
                               fail: (String) -> AdvisoryLoadError) throws(AdvisoryLoadError) -> [UInt8]? {
        guard let text = value as? String else { return nil }
        guard let bytes = Hex.decode(text), bytes.count == 32 else { throw fail("\(id): \"\(text)\" is not a SHA-256 hex digest") }
        return bytes
    }

    private static func references(_ value: Any?) -> [AdvisoryReference] {
        (value as? [Any] ?? []).compactMap { item in
            guard let r = item as? [String: Any], let url = r["url"] as? String else { return nil }
            return AdvisoryReference(type: r["type"] as? String ?? "WEB", url: url)
        }
    }

    private static func strings(_ value: Any?) -> [String] { (value as? [Any] ?? []).compactMap { $0 as? String } }

    static func isPyPI(_ ecosystem: String) -> Bool {
        ecosystem == "PyPI" || ecosystem.hasPrefix("PyPI:")
    }
}
