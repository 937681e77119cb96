/// The name of an installed distribution's metadata folder: `name-version.dist-info`,
/// `name-version[-pyX.Y[-platform]].egg-info` or `name.egg-info` — the one parser of these
/// names (installs, wheels' inner folders, RECORD owners, integrity checks all use it).
///
/// The name is everything before the first `-` (installers escape `-` in both name and version
/// as `_`, PEP 427/491); the version is the part after it, if any. A name that is not a valid
/// package name makes the parse fail; a version that is not PEP 440 leaves ``version`` nil with
/// ``versionText`` kept, so callers can say what was wrong.
public struct DistributionFolder: Sendable, Equatable {
    /// Which metadata layout.
    public enum Kind: Sendable, Equatable {
        /// `*.dist-info` (wheel installs).
        case distInfo
        /// `*.egg-info` (setuptools, folder or single PKG-INFO file).
        case eggInfo
    }

    /// The folder's base name as found.
    public let folder: String
    /// dist-info or egg-info.
    public let kind: Kind
    /// The package name (PEP 503 comparisons through ``PackageName``).
    public let name: PackageName
    /// The version as written in the folder name, if there is one.
    public let versionText: String?
    /// The parsed version, nil when absent or not PEP 440.
    public let version: Version?
    /// How many `-`-separated parts follow the name (1 for `name-version.dist-info`).
    public let extraParts: Int

    /// `.dist-info` or `.egg-info` at the end of `folder`, in any case: `importlib.metadata`
    /// lower-cases directory entries before matching, so `LiteLLM-1.82.8.DIST-INFO` is an install.
    public static func kind(of folder: String) -> Kind? {
        let tail = folder.utf8.suffix(10)
        if tail.count == 10, String(decoding: tail, as: UTF8.self).lowercased() == ".dist-info" { return .distInfo }
        let egg = folder.utf8.suffix(9)
        if egg.count == 9, String(decoding: egg, as: UTF8.self).lowercased() == ".egg-info" { return .eggInfo }
        return nil
    }

    /// Parses `folder`; nil when it has no metadata suffix or no valid package name before the first `-`.
    public init?(_ folder: String) {
        guard let kind = Self.kind(of: folder) else { return nil }
        let stem = folder.dropLast(kind == .distInfo ? 10 : 9)
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, PackageName.isValid(String(first)) else { return nil }
        self.folder = folder
        self.kind = kind
        self.name = PackageName(String(first))
        self.versionText = parts.count >= 2 ? String(parts[1]) : nil
        self.version = versionText.flatMap(Version.parse)
        self.extraParts = parts.count - 1
    }

    /// `litellm 1.82.6`: the distribution as people write it, for evidence.
    public var display: String {
        versionText.map { "\(name.raw) \($0)" } ?? name.raw
    }

    /// The folder name without its suffix (`litellm-1.82.6`).
    public var stem: String {
        String(folder.dropLast(kind == .distInfo ? 10 : 9))
    }

    /// A wheel's inner folder: exactly `name-version.dist-info` with a PEP 440 version.
    public var isWheelShaped: Bool {
        kind == .distInfo && extraParts == 1 && version != nil
    }
}
