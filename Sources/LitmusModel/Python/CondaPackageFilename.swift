/// A conda package file name, `NAME-VERSION-BUILD.conda` or `NAME-VERSION-BUILD.tar.bz2`, or
/// the same stem as a folder of conda's package cache.
///
/// conda forbids `-` in versions and builds, so the last two `-` separate them; the name may
/// contain `-`. Anything with fewer than two `-`, or an empty part, is not a conda package name.
public struct CondaPackageFilename: Sendable, Equatable {
    /// The package name as written.
    public var name: String
    /// The version as written.
    public var version: String
    /// The build string.
    public var build: String

    /// Parses a file name or URL (the last path component is used; a query or fragment is dropped).
    public init?(_ text: String, requireExtension: Bool = true) {
        var base = Substring(text)
        if let cut = base.firstIndex(where: { $0 == "#" || $0 == "?" }) { base = base[..<cut] }
        if let slash = base.lastIndex(of: "/") { base = base[base.index(after: slash)...] }
        if base.hasSuffix(".conda") {
            base = base.dropLast(6)
        } else if base.hasSuffix(".tar.bz2") {
            base = base.dropLast(8)
        } else if requireExtension {
            return nil
        }
        guard let buildDash = base.lastIndex(of: "-") else { return nil }
        let rest = base[..<buildDash]
        guard let versionDash = rest.lastIndex(of: "-") else { return nil }
        let name = rest[..<versionDash], version = rest[rest.index(after: versionDash)...], build = base[base.index(after: buildDash)...]
        guard !name.isEmpty, !version.isEmpty, !build.isEmpty else { return nil }
        self.name = String(name)
        self.version = String(version)
        self.build = String(build)
    }
}
