import LitmusFormats

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
        // Byte-level suffix tests and splits: names are ASCII where it matters, and this runs
        // for every file URL of a lockfile.
        if Self.hasSuffixIgnoringCase(base, ".whl") {
            let parts = Self.firstTwoDashParts(base, dropping: 4)
            guard parts.count == 5 || parts.count == 6 else { return nil }
            guard let made = Self.make(parts.first, parts.second, .wheel) else { return nil }
            self = made
            return
        }
        if Self.hasSuffixIgnoringCase(base, ".egg") {
            let parts = Self.firstTwoDashParts(base, dropping: 4)
            guard parts.count >= 2, let made = Self.make(parts.first, parts.second, .egg) else { return nil }
            self = made
            return
        }
        guard let suffix = Self.sdistSuffixes.first(where: { Self.hasSuffixIgnoringCase(base, $0) }) else { return nil }
        let stem = String(Substring(base.utf8.dropLast(suffix.utf8.count)))
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

    /// Whether `text` ends with the ASCII `suffix`, ignoring ASCII case.
    static func hasSuffixIgnoringCase(_ text: String, _ suffix: String) -> Bool {
        let tail = text.utf8.suffix(suffix.utf8.count)
        guard tail.count == suffix.utf8.count else { return false }
        return zip(tail, suffix.utf8).allSatisfy { a, b in
            (a >= 0x41 && a <= 0x5A ? a | 0x20 : a) == b
        }
    }

    /// The first two `-`-separated parts of `text` without its last `count` bytes (an ASCII
    /// suffix), and how many parts there are; one pass over contiguous bytes, as this runs for
    /// every file URL of a lockfile.
    static func firstTwoDashParts(_ text: String, dropping count: Int) -> (first: String, second: String, count: Int) {
        var copy = text
        return copy.withUTF8 { buf in
            let end = max(0, buf.count - count)
            var dashes: [Int] = []
            for i in 0..<end where buf[i] == UInt8(ascii: "-") {
                dashes.append(i)
                if dashes.count > 6 { break }
            }
            func part(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: buf[from..<to]), as: UTF8.self) }
            let first = part(0, dashes.first ?? end)
            let second = dashes.isEmpty ? "" : part(dashes[0] + 1, dashes.count > 1 ? dashes[1] : end)
            return (first, second, dashes.count + 1)
        }
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
        // Works on UTF-8 bytes: `#`, `?` and `/` are ASCII, so byte and character boundaries
        // agree, and lockfiles hold thousands of long URLs (Character iteration was the
        // dominant cost of reading a large uv.lock).
        var copy = pathOrURL
        return copy.withUTF8 { buf -> String in
            var end = 0
            while end < buf.count, buf[end] != UInt8(ascii: "#"), buf[end] != UInt8(ascii: "?") { end += 1 }
            while end > 0, buf[end - 1] == UInt8(ascii: "/") { end -= 1 }
            var start = end
            var hasPercent = false
            while start > 0, buf[start - 1] != UInt8(ascii: "/") {
                start -= 1
                if buf[start] == UInt8(ascii: "%") { hasPercent = true }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self)
            return hasPercent ? percentDecoded(text) : text
        }
    }

    private static func percentDecoded(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "%")) else { return s }
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
