/// One fact an extractor read from a file: a package with a version or specifier, or a file
/// whose name or content may be an indicator of compromise.
public enum Observation: Sendable {
    case package(PackageObservation)
    case file(FileObservation)
    /// A `.pth` with code, or a `sitecustomize.py`, that no installer owns or whose bytes changed.
    case startupHook(StartupHookObservation)
    /// A file of an installed distribution that differs from, is missing from, or is absent in its RECORD.
    case integrity(IntegrityObservation)
    /// The members of a zip archive, whose names the rules compare with indicator files.
    case archive(ArchiveObservation)
}

/// How a package observation came to be: it decides the wording of findings and remediation.
public enum Origin: String, Sendable, Codable {
    /// A declaration that a resolver will act on: requirements, pyproject, Pipfile, setup.cfg.
    case declared
    /// A lockfile entry: what was (or will be) installed exactly.
    case locked
    /// An installed distribution (`*.dist-info`, `*.egg-info`, conda-meta).
    case installed
    /// A wheel or sdist file (or a cache entry holding one).
    case artifact
}

/// What an observation says about the version of a package.
public enum Requirement: Sendable {
    /// An exact version (installed, locked, or a wheel file name).
    case version(Version)
    /// A PEP 440 specifier set as written (`==1.82.8`, `>=1.80,<2`).
    case specifier(SpecifierSet)
    /// `===text`: arbitrary equality, compared with the release's version string (case-insensitive).
    case arbitrary(String)
    /// No version information (a bare name, an editable VCS checkout).
    case unconstrained
}

/// A package seen in a file: its name, what the file says of its version, and where.
public struct PackageObservation: Sendable {
    /// The PEP 503-normalised name and its spelling in the file.
    public var name: PackageName
    /// The version or specifier.
    public var requirement: Requirement
    /// The text of the version or specifier as written, for evidence (`==1.82.07`).
    public var requirementText: String
    /// File and line.
    public var location: FileLocation
    /// Declared, locked, installed or artifact.
    public var origin: Origin
    /// The ecosystem the name lives in; only `PyPI` and `conda` are read today.
    public var ecosystem: String
    /// Context the extractor adds to the evidence (e.g. "pinned by constraints.txt:3").
    public var note: String?
    /// Further lines of the same file saying exactly the same (a flood of identical pins is one
    /// observation carrying their line numbers); each is matched as if observed on its own.
    public var alsoAt: [Int] = []

    /// Creates an observation. Credentials in `requirementText` and `note` (a direct
    /// reference's URL) are redacted here, once, and the requirement text is cut to an excerpt.
    public init(name: PackageName, requirement: Requirement, requirementText: String,
                location: FileLocation, origin: Origin, ecosystem: String = "PyPI", note: String? = nil) {
        self.name = name
        // An arbitrary version (`===`, an action ref, an image tag) is free text: a URL in it
        // loses its credentials like the text as written (it can equal no advisory version).
        if case .arbitrary(let text) = requirement { self.requirement = .arbitrary(Redact.credentials(text)) } else { self.requirement = requirement }
        self.requirementText = Redact.excerpt(requirementText)
        self.location = location
        self.origin = origin
        self.ecosystem = ecosystem
        self.note = note.map(Redact.credentials)
    }
}

/// A file that an advisory names as an indicator, with its size and SHA-256 when it was read.
public struct FileObservation: Sendable {
    /// Where the file is.
    public var location: FileLocation
    /// Its base name.
    public var name: String
    /// Its size in bytes.
    public var size: UInt64
    /// Its SHA-256 digest (32 bytes), nil if it could not be read.
    public var sha256: [UInt8]?
    /// The first line of the file, escaped and truncated, for evidence.
    public var firstLine: String?
    /// The content decoded as text (the whole file up to 4 MiB), for indicators that require a
    /// string (`Description=`).
    public var head: String?
    /// A start-up file (`.pth`, `sitecustomize`/`usercustomize`) rather than a file an
    /// indicator names: the rules compare its SHA-256 with every indicator hash whatever its name,
    /// and leave name and persistence matches to the indicator check.
    public var startupFile: Bool

    /// Creates a file observation.
    public init(location: FileLocation, name: String, size: UInt64, sha256: [UInt8]?, firstLine: String? = nil, head: String? = nil,
                startupFile: Bool = false) {
        self.location = location
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.firstLine = firstLine.map(Redact.excerpt)
        self.head = head
        self.startupFile = startupFile
    }
}

/// A Python startup hook (a `.pth` file with an `import` line, `sitecustomize.py`,
/// `usercustomize.py`) that no RECORD, dpkg list, conda record or egg-info owns, or whose bytes
/// differ from the RECORD that owns it.
public struct StartupHookObservation: Sendable {
    /// Why it is suspicious.
    public enum Reason: String, Sendable {
        case unowned
        case modified
    }

    /// The hook file.
    public var location: FileLocation
    /// Unowned or modified.
    public var reason: Reason
    /// The first executable line, escaped and truncated.
    public var firstLine: String
    /// Which distribution claims it, for `modified`.
    public var owner: String?

    /// Creates the observation.
    public init(location: FileLocation, reason: Reason, firstLine: String, owner: String? = nil) {
        self.location = location
        self.reason = reason
        self.firstLine = Redact.excerpt(firstLine)
        self.owner = owner
    }
}

/// How one installed distribution disagrees with its RECORD: counts of modified, missing and
/// unlisted files and the first ``IntegrityCounts/maxPaths`` of them by path (one observation,
/// and so one finding, per install however many files differ).
public struct IntegrityObservation: Sendable {
    /// What disagrees.
    public enum Problem: String, Sendable {
        case modified, missing, unlisted
    }

    /// The distribution's RECORD.
    public var location: FileLocation
    /// The distribution (`litellm 1.82.6`) whose RECORD was checked.
    public var distribution: String
    /// The normalised package name.
    public var package: PackageName
    /// The counts and the first paths.
    public var counts: IntegrityCounts

    /// Creates the observation.
    public init(location: FileLocation, distribution: String, package: PackageName, counts: IntegrityCounts) {
        self.location = location
        self.distribution = distribution
        self.package = package
        self.counts = counts
    }
}
