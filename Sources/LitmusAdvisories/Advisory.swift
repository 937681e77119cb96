import LitmusModel
import LitmusSystem

/// One advisory in litmus's model: the OSV record's identity and affected packages plus the
/// indicator files and remediation litmus keeps under `database_specific.litmus`.
public struct Advisory: Sendable {
    /// The OSV `id`.
    public var id: String
    /// Other ids for the same advisory (`aliases`).
    public var aliases: [String]
    /// Related advisories (`related`), shown but never matched.
    public var related: [String]
    /// One-line summary.
    public var summary: String
    /// Longer description.
    public var details: String
    /// `published` timestamp as written, if any.
    public var published: String?
    /// `modified` timestamp as written.
    public var modified: String
    /// Affected packages.
    public var affected: [AffectedPackage]
    /// Reference URLs with their OSV types.
    public var references: [AdvisoryReference]
    /// How bad an installed or pinned affected version is.
    public var severity: Severity
    /// Files whose presence or content indicates compromise.
    public var fileIndicators: [FileIndicator]
    /// Host paths the payload leaves behind (checked by `litmus audit`).
    public var persistenceIndicators: [PersistenceIndicator]
    /// Published wheels and sdists of the affected versions with their SHA-256.
    public var artifacts: [ArtifactIndicator]
    /// What to do when affected, beyond upgrading.
    public var remediation: String
    /// Human summary of the versions that are safe to use (`<=1.82.6 or >=1.83.0`).
    public var safeVersions: String?
    /// Where the record came from: `embedded:NAME` or a file path.
    public var source: String
    /// The OSV record as JSON (for `litmus advisories --format json`).
    public var osvJSON: String = "{}"

    /// Creates an advisory.
    public init(id: String, aliases: [String] = [], related: [String] = [], summary: String, details: String = "",
                published: String? = nil, modified: String, affected: [AffectedPackage],
                references: [AdvisoryReference] = [], severity: Severity,
                fileIndicators: [FileIndicator] = [], persistenceIndicators: [PersistenceIndicator] = [],
                artifacts: [ArtifactIndicator] = [], remediation: String = "", safeVersions: String? = nil, source: String) {
        self.id = id
        self.aliases = aliases
        self.related = related
        self.summary = summary
        self.details = details
        self.published = published
        self.modified = modified
        self.affected = affected
        self.references = references
        self.severity = severity
        self.fileIndicators = fileIndicators
        self.persistenceIndicators = persistenceIndicators
        self.artifacts = artifacts
        self.remediation = remediation
        self.safeVersions = safeVersions
        self.source = source
    }

    /// Whether `identifier` is this advisory's id or one of its aliases (case-insensitive).
    public func isKnown(as identifier: String) -> Bool {
        let wanted = identifier.uppercased()
        return id.uppercased() == wanted || aliases.contains { $0.uppercased() == wanted }
    }
}

/// An OSV reference: a type (`ADVISORY`, `WEB`, ...) and a URL.
public struct AdvisoryReference: Sendable, Hashable {
    /// The OSV reference type.
    public var type: String
    /// The URL.
    public var url: String

    /// Creates a reference.
    public init(type: String, url: String) {
        self.type = type
        self.url = url
    }
}

/// A package an advisory affects, with the exact versions and/or OSV `ECOSYSTEM` ranges.
///
/// Names and versions compare as the ecosystem's ``EcosystemFamily`` says; the rules only ask
/// ``contains(text:)`` and ``key``.
public struct AffectedPackage: Sendable {
    /// The OSV ecosystem (`PyPI`, `Go`, `GitHub Actions`, `container`).
    public var ecosystem: String
    /// How names and versions compare in it.
    public var family: EcosystemFamily { EcosystemFamily(ecosystem: ecosystem) }
    /// The name as written in the advisory.
    public var rawName: String
    /// The name as its family compares it (PEP 503 for Python, lower-case `owner/repo` for actions).
    public var key: String
    /// Refs the advisory says no longer resolve (a deleted tag that was never restored).
    public var unresolvable: [String] = []
    /// When the affected refs or artifacts were malicious, as text for findings.
    public var window: String?
    /// What to do about this package, when the advisory says more than its general remediation.
    public var remediation: String?
    /// The normalised package name (Python names; other ecosystems keep their spelling in ``rawName``).
    public var name: PackageName
    /// Exact affected versions (OSV `versions`), parsed.
    public var versions: [Version]
    /// The same versions as written, for `===` comparisons and reports.
    public var versionTexts: [String]
    /// OSV `ECOSYSTEM` ranges, evaluated with PEP 440 ordering.
    public var ranges: [AffectedRange]
    /// Every release the package index listed for this package (affected ones aside, as they
    /// were deleted), from `database_specific.litmus.published_releases`; nil when unknown.
    /// A specifier that admits an affected version and none of these is a pin.
    public var publishedReleases: PublishedReleases?

    /// Creates an affected package.
    public init(ecosystem: String, name: PackageName, versions: [Version], versionTexts: [String], ranges: [AffectedRange] = []) {
        self.ecosystem = ecosystem
        self.name = name
        self.rawName = name.raw
        self.key = EcosystemFamily(ecosystem: ecosystem).canonicalName(name.raw)
        self.versions = versions
        self.versionTexts = versionTexts
        self.ranges = ranges
    }

    /// Whether `version` is affected: listed exactly, or inside a range.
    public func contains(_ version: Version) -> Bool {
        versions.contains(version) || ranges.contains { $0.contains(version) }
    }

    /// Whether a version or ref written as `text` is affected. Python compares the text as
    /// `===` does (case-insensitive string equality); other families compare canonical texts
    /// and evaluate ranges with the family's ordering.
    public func contains(text: String) -> Bool {
        let family = self.family
        if family == .python { return versionTexts.contains { $0.lowercased() == text.lowercased() } }
        let wanted = family.canonicalVersion(text)
        if versionTexts.contains(where: { family.canonicalVersion($0) == wanted }) { return true }
        guard let ordered = family.orderedVersion(text) else { return false }
        return ranges.contains { $0.contains(ordered) }
    }

    /// Whether `text` names a ref the advisory says no longer resolves.
    public func isUnresolvable(_ text: String) -> Bool {
        let family = self.family
        return unresolvable.contains { family.canonicalVersion($0) == family.canonicalVersion(text) }
    }
}

/// An OSV `ECOSYSTEM` range: `introduced`/`fixed`/`last_affected`/`limit` events in order.
public struct AffectedRange: Sendable {
    /// One event of the range.
    public enum Event: Sendable {
        case introduced(Version?)   // nil stands for "0": every version
        case fixed(Version)
        case lastAffected(Version)
        case limit(Version)
    }

    /// The events as listed.
    public var events: [Event]

    /// Creates a range.
    public init(events: [Event]) { self.events = events }

    /// Whether `version` falls in one of the range's intervals, as OSV's evaluation rules say.
    public func contains(_ version: Version) -> Bool {
        var affected = false
        for event in sortedEvents() {
            switch event {
            case .introduced(let start):
                if let start { if version >= start { affected = true } } else { affected = true }
            case .fixed(let end):
                if version >= end { affected = false }
            case .lastAffected(let end):
                if version > end { affected = false }
            case .limit(let end):
                if version >= end { return false }
            }
        }
        return affected
    }

    private func sortedEvents() -> [Event] {
        func key(_ event: Event) -> Version? {
            switch event {
            case .introduced(let v): return v
            case .fixed(let v), .lastAffected(let v), .limit(let v): return v
            }
        }
        return events.sorted { a, b in
            switch (key(a), key(b)) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x < y
            }
        }
    }
}

/// A file the advisory names: by base name (and optionally a path suffix), with the known bad
/// SHA-256 and size when published.
public struct FileIndicator: Sendable {
    /// Base name, e.g. `litellm_init.pth`.
    public var name: String
    /// A path suffix the file must have to be considered (`litellm/proxy/proxy_server.py`); nil: any path.
    public var pathSuffix: String?
    /// The SHA-256 of the known malicious file, if published.
    public var sha256: [UInt8]?
    /// Its size in bytes, if published.
    public var size: UInt64?
    /// The affected versions that ship it.
    public var versions: [String]
    /// Report the file whatever its content (true), or only when its hash matches (false).
    public var reportAlways: Bool
    /// What the file is, for evidence.
    public var description: String

    /// Creates a file indicator.
    public init(name: String, pathSuffix: String? = nil, sha256: [UInt8]? = nil, size: UInt64? = nil,
                versions: [String] = [], reportAlways: Bool, description: String) {
        self.name = name
        self.pathSuffix = pathSuffix
        self.sha256 = sha256
        self.size = size
        self.versions = versions
        self.reportAlways = reportAlways
        self.description = description
    }

    /// Whether a file at `path` with base name `baseName` is the file this indicator names.
    public func matches(path: String, baseName: String) -> Bool {
        guard baseName == name else { return false }
        guard let pathSuffix else { return true }
        return path == pathSuffix || path.hasSuffix("/" + pathSuffix)
    }
}

/// A host path the payload writes for persistence; `~` stands for every home directory.
public struct PersistenceIndicator: Sendable {
    /// The path, `~/...` for per-home paths.
    public let path: String
    /// Text the file must contain to count (e.g. a systemd `Description=`); nil: presence suffices.
    public let contains: String?
    /// What the file is.
    public let description: String
    /// The base name the file must have; `*.service` style wildcards keep their suffix.
    public let baseName: String
    // Precomputed once: matching runs for every file an audit hashes.
    private let pattern: String
    private let wildcardSuffix: String?
    private let directory: String

    /// Creates a persistence indicator.
    public init(path: String, contains: String? = nil, description: String) {
        self.path = path
        self.contains = contains
        self.description = description
        let pattern = path.hasPrefix("~/") ? String(path.dropFirst()) : path
        self.pattern = pattern
        self.baseName = Paths.baseName(pattern)
        self.wildcardSuffix = baseName.hasPrefix("*") ? String(baseName.dropFirst()) : nil
        self.directory = Paths.parent(of: pattern)
    }

    /// Whether a file at `candidate` is at this indicator's place: `~/x/y` matches any path
    /// ending in `/x/y` (every home, also under a mounted root); `/tmp/x` matches any path ending
    /// in `/tmp/x`; a final `*.ext` component matches any name with that suffix.
    public func matches(path candidate: String) -> Bool {
        guard let suffix = wildcardSuffix else { return candidate == pattern || candidate.hasSuffix(pattern) }
        guard candidate.hasSuffix(suffix) else { return false }
        let candidateDir = Paths.parent(of: candidate)
        return candidateDir == directory || candidateDir.hasSuffix(directory)
    }
}

/// A distribution file (wheel or sdist) published with a known SHA-256.
public struct ArtifactIndicator: Sendable {
    /// The file name as published.
    public var filename: String
    /// Its SHA-256.
    public var sha256: [UInt8]

    /// Creates an artifact indicator.
    public init(filename: String, sha256: [UInt8]) {
        self.filename = filename
        self.sha256 = sha256
    }
}
