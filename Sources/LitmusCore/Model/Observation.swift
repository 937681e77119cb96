/// One fact an extractor read from a file: a package with a version or specifier, or a file
/// whose name or content may be an indicator of compromise.
public enum Observation: Sendable {
    case package(PackageObservation)
    case file(FileObservation)
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
    /// `===text` where text is not a valid version: compared as a string.
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

    /// Creates an observation.
    public init(name: PackageName, requirement: Requirement, requirementText: String,
                location: FileLocation, origin: Origin, ecosystem: String = "PyPI", note: String? = nil) {
        self.name = name
        self.requirement = requirement
        self.requirementText = requirementText
        self.location = location
        self.origin = origin
        self.ecosystem = ecosystem
        self.note = note
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

    /// Creates a file observation.
    public init(location: FileLocation, name: String, size: UInt64, sha256: [UInt8]?, firstLine: String? = nil) {
        self.location = location
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.firstLine = firstLine
    }
}
