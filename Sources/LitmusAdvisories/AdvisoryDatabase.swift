import LitmusModel

/// The advisories a scan matches against: the embedded seeds plus any the user adds.
///
/// A user-supplied record with the same id as an embedded one replaces it, so a newer OSV
/// export can correct the built-in data without a new binary.
public struct AdvisoryDatabase: Sendable {
    /// All advisories, sorted by id.
    public let advisories: [Advisory]
    private let byName: [String: [Int]]

    /// Builds a database; later duplicates of an id replace earlier ones.
    public init(_ advisories: [Advisory]) {
        var latest: [String: Advisory] = [:]
        for a in advisories { latest[a.id] = a }
        self.advisories = latest.values.sorted { $0.id < $1.id }
        var index: [String: [Int]] = [:]
        for (i, a) in self.advisories.enumerated() {
            for p in a.affected {
                index[Self.indexKey(p.family, p.key), default: []].append(i)
            }
        }
        self.byName = index
    }

    /// The advisories compiled into the binary (from `seeds/`).
    public static func embedded() throws(AdvisoryLoadError) -> AdvisoryDatabase {
        var all: [Advisory] = []
        for seed in EmbeddedSeeds.files {
            all += try OSVDecoder.decode(Array(seed.json.utf8), source: "embedded:\(seed.name)")
        }
        return AdvisoryDatabase(all)
    }

    /// The database with `more` added (replacing same-id records).
    public func adding(_ more: [Advisory]) -> AdvisoryDatabase {
        AdvisoryDatabase(advisories + more)
    }

    /// Each advisory affecting PyPI package `name`, with the matching affected entry.
    public func affecting(_ name: PackageName) -> [(advisory: Advisory, package: AffectedPackage)] {
        affecting(ecosystem: "PyPI", name: name.raw)
    }

    /// The affected packages of every advisory in the same ecosystem family as `ecosystem`
    /// whose name is `name` as that family compares names (a PyPI name never meets a Go module).
    public func affecting(ecosystem: String, name: String) -> [(advisory: Advisory, package: AffectedPackage)] {
        let family = EcosystemFamily(ecosystem: ecosystem)
        let key = family.canonicalName(name)
        var out: [(Advisory, AffectedPackage)] = []
        for i in byName[Self.indexKey(family, key)] ?? [] {
            let a = advisories[i]
            for p in a.affected where p.family == family && p.key == key {
                out.append((a, p))
            }
        }
        return out
    }

    private static func indexKey(_ family: EcosystemFamily, _ key: String) -> String { family.rawValue + "\u{1F}" + key }

    /// The advisory data's version: the newest `modified` date (YYYY-MM-DD).
    public var dataVersion: String {
        String((advisories.map(\.modified).max() ?? "unknown").prefix(10))
    }

    /// Every indicator file with the advisory that names it.
    public var fileIndicators: [(advisory: Advisory, indicator: FileIndicator)] {
        advisories.flatMap { a in a.fileIndicators.map { (a, $0) } }
    }

    /// Finds an advisory by id or alias.
    public func advisory(named identifier: String) -> Advisory? {
        advisories.first { $0.isKnown(as: identifier) }
    }
}
