/// A CPython feature release (3.x) whose start-up rules litmus reproduces.
///
/// The rules differ between releases in ways an attacker can use: 3.13 stopped reading `.pth`
/// files whose name starts with a dot, and decodes `.pth` files as UTF-8 with an optional
/// BOM and splits them with `str.splitlines()`, which also breaks at form feed, vertical tab,
/// U+001C–U+001E, U+0085, U+2028 and U+2029. Where the release of an environment is unknown,
/// callers ask ``all`` and take the union.
public struct CPythonRelease: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The minor version: 12 for CPython 3.12.
    public let minor: Int

    /// Creates the release 3.`minor`.
    public init(minor: Int) { self.minor = minor }

    /// Every release whose rules litmus knows, oldest first (3.6 to 3.14).
    public static let all: [CPythonRelease] = (6...14).map(CPythonRelease.init(minor:))

    /// The release named by a library folder such as `python3.12` or `python3.13t`, or nil.
    public init?(folderName: String) {
        guard folderName.hasPrefix("python3.") else { return nil }
        var digits = folderName.dropFirst(8)
        if digits.hasSuffix("t") { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.count <= 2, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let minor = Int(digits) else { return nil }
        self.minor = minor
    }

    /// `3.12`.
    public var description: String { "3.\(minor)" }

    /// Whether `site.addsitedir` of every patch release of this minor ignores `.pth` names
    /// starting with `.`: 3.13 and later. The skip was backported into some later 3.12 and
    /// older patch releases (3.12.1, 3.11.7 and 3.10.13 still read them), and a `python3.X`
    /// folder names no patch level, so for those a dot-named `.pth` counts.
    public var skipsHiddenPthFiles: Bool { minor >= 13 }

    /// Whether `.pth` files are decoded as `utf-8-sig` with a locale fallback and split by
    /// `str.splitlines()` (3.13 and later); earlier releases read them through a text stream in
    /// the locale encoding with universal newlines.
    public var readsPthAsWholeText: Bool { minor >= 13 }

    /// Orders by minor version.
    public static func < (lhs: CPythonRelease, rhs: CPythonRelease) -> Bool { lhs.minor < rhs.minor }
}
