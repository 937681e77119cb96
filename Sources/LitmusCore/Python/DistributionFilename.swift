/// The project name and version encoded in a wheel, sdist or egg file name (PEP 427, PEP 625
/// and the older setuptools conventions), e.g. `litellm-1.82.8-py3-none-any.whl`.
public struct DistributionFilename: Sendable, Equatable {
    /// The kind of distribution.
    public enum Kind: String, Sendable { case wheel, sdist, egg }

    /// Name as it appears in the file name.
    public var name: PackageName
    /// Parsed version.
    public var version: Version
    /// The version text as it appears.
    public var versionText: String
    /// Wheel, sdist or egg.
    public var kind: Kind

    /// The archive suffixes an sdist may carry, longest first.
    public static let sdistSuffixes = [".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst", ".tgz", ".tbz", ".zip", ".tar"]

    /// Parses a base name; nil when it is not a distribution file name with a valid version.
    public init?(_ fileName: String) {
        let base = Self.lastComponent(fileName)
        let lower = base.lowercased()
        if lower.hasSuffix(".whl") {
            let parts = base.dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 5 || parts.count == 6 else { return nil }
            guard let made = Self.make(String(parts[0]), String(parts[1]), .wheel) else { return nil }
            self = made
            return
        }
        if lower.hasSuffix(".egg") {
            let parts = base.dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count >= 2, let made = Self.make(String(parts[0]), String(parts[1]), .egg) else { return nil }
            self = made
            return
        }
        guard let suffix = Self.sdistSuffixes.first(where: { lower.hasSuffix($0) }) else { return nil }
        let stem = String(base.dropLast(suffix.count))
        // sdist names may contain hyphens; the version is the longest valid tail after a hyphen.
        var index = stem.startIndex
        while let dash = stem[index...].firstIndex(of: "-") {
            let name = String(stem[..<dash])
            let version = String(stem[stem.index(after: dash)...])
            if let made = Self.make(name, version, .sdist) {
                self = made
                return
            }
            index = stem.index(after: dash)
        }
        return nil
    }

    private static func make(_ name: String, _ versionText: String, _ kind: Kind) -> DistributionFilename? {
        guard PackageName.isValid(name), let version = Version.parse(versionText) else { return nil }
        return DistributionFilename(name: PackageName(name), version: version, versionText: versionText, kind: kind)
    }

    private init(name: PackageName, version: Version, versionText: String, kind: Kind) {
        self.name = name
        self.version = version
        self.versionText = versionText
        self.kind = kind
    }

    /// The last path component of a path or URL, without query or fragment, percent-decoded.
    public static func lastComponent(_ pathOrURL: String) -> String {
        var s = Substring(pathOrURL)
        if let cut = s.firstIndex(where: { $0 == "#" || $0 == "?" }) { s = s[..<cut] }
        while s.hasSuffix("/") { s = s.dropLast() }
        if let slash = s.lastIndex(of: "/") { s = s[s.index(after: slash)...] }
        return percentDecoded(String(s))
    }

    private static func percentDecoded(_ s: String) -> String {
        guard s.contains("%") else { return s }
        var out: [UInt8] = []
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
               let v = Hex.decode(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self))?.first {
                out.append(v)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
