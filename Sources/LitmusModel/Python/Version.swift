/// A PEP 440 version, parsed and ordered exactly as pypa `packaging` 26 does.
///
/// Accepts every spelling `packaging.version.Version` accepts: surrounding Unicode whitespace,
/// a `v`/`V` prefix, any letter case, the alternate pre-release words (`alpha`, `beta`, `c`,
/// `pre`, `preview`), `rev`/`r` for post, `-N` implicit post releases, `.`/`_`/`-` separators and
/// omitted numbers. Digits and letters must be ASCII. Numbers may be of any length: they are
/// kept as normalised digit strings (no leading zeros), never as fixed-width integers.
///
/// Equality and hashing follow PEP 440: trailing zeros in the release do not matter
/// (`1.0 == 1.0.0`), the local label does (`1.0+a != 1.0`). `text` is not part of equality.
public struct Version: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A pre-release segment: its normalised label and number.
    public struct PreRelease: Sendable, Hashable {
        /// The normalised pre-release label; cases are declared in PEP 440 order.
        public enum Label: String, Sendable, Hashable {
            /// Alpha (`a`, `alpha`).
            case alpha = "a"
            /// Beta (`b`, `beta`).
            case beta = "b"
            /// Release candidate (`rc`, `c`, `pre`, `preview`).
            case candidate = "rc"
        }

        /// The normalised label.
        public let label: Label
        /// The number as a normalised digit string (`"0"` when omitted).
        public let number: String
    }

    /// One dot-separated part of a local version label.
    public enum LocalSegment: Sendable, Hashable {
        /// An all-digit part, normalised (no leading zeros); sorts after every text part.
        case number(String)
        /// Any other part, lowercased; text parts compare as strings.
        case text(String)
    }

    /// The epoch as a normalised digit string; `"0"` when absent.
    public let epoch: String
    /// The release numbers as written (trailing zeros kept), each a normalised digit string.
    public let release: [String]
    /// The pre-release segment, if any.
    public let pre: PreRelease?
    /// The post-release number, if any, as a normalised digit string.
    public let post: String?
    /// The development release number, if any, as a normalised digit string.
    public let dev: String?
    /// The local version label split into parts, or nil when there is none.
    public let local: [LocalSegment]?
    /// The exact text this version was parsed from (used by the `===` operator).
    ///
    /// Exemption: it does not take part in equality, ordering or hashing.
    public let text: String

    /// Parses a PEP 440 version.
    ///
    /// Throws `InvalidVersion` for anything `packaging` 26 rejects, including the empty
    /// string, non-ASCII digits (`١.٠`) and non-ASCII letters in a local label (`1.0+\u{130}`).
    public init(_ text: String) throws(InvalidVersion) {
        guard let parts = VersionGrammar.parse(text) else { throw InvalidVersion(text: text) }
        self.init(
            epoch: parts.epoch, release: parts.release, pre: parts.pre,
            post: parts.post, dev: parts.dev, local: parts.local, text: text
        )
    }

    /// Parses a PEP 440 version, returning nil instead of throwing.
    public static func parse(_ text: String) -> Version? {
        try? Version(text)
    }

    init(
        epoch: String, release: [String], pre: PreRelease?, post: String?, dev: String?,
        local: [LocalSegment]?, text: String? = nil
    ) {
        self.epoch = epoch
        self.release = release
        self.pre = pre
        self.post = post
        self.dev = dev
        self.local = local
        self.text = text ?? Version.render(epoch, release, pre, post, dev, local)
    }

    /// Whether this is a pre-release: it has a pre-release or a development segment.
    public var isPrerelease: Bool { pre != nil || dev != nil }

    /// Whether this version has a post-release segment.
    public var isPostrelease: Bool { post != nil }

    /// Whether this version has a development segment.
    public var isDevrelease: Bool { dev != nil }

    /// The normalised form, identical to `str(packaging.version.Version(text))`.
    public var description: String { Version.render(epoch, release, pre, post, dev, local) }

    /// The normalised form without the local label, as `Version.public` in `packaging`.
    public var publicVersion: String { Version.render(epoch, release, pre, post, dev, nil) }

    /// The epoch and release only, as `Version.base_version` in `packaging`.
    public var baseVersion: String { Version.render(epoch, release, nil, nil, nil, nil) }

    /// The normalised local label (`ubuntu.1`), or nil when there is none.
    public var localLabel: String? {
        local.map { segments in segments.map(\.rendered).joined(separator: ".") }
    }

    /// The release with trailing zeros removed; PEP 440 ignores them when comparing.
    var significantRelease: ArraySlice<String> {
        var end = release.count
        while end > 0, release[end - 1] == "0" { end -= 1 }
        return release[0..<end]
    }

    /// This version with the given post, dev and local segments, as `__replace__` does.
    func with(post: String?, dev: String?, local: [LocalSegment]?) -> Version {
        Version(epoch: epoch, release: release, pre: pre, post: post, dev: dev, local: local)
    }

    /// This version without its local label.
    var publicPart: Version { local == nil ? self : with(post: post, dev: dev, local: nil) }

    /// PEP 440 equality: trailing release zeros are ignored, the local label is not.
    public static func == (lhs: Version, rhs: Version) -> Bool {
        lhs.epoch == rhs.epoch && lhs.significantRelease == rhs.significantRelease
            && lhs.pre == rhs.pre && lhs.post == rhs.post && lhs.dev == rhs.dev
            && lhs.local == rhs.local
    }

    /// Hashes what `==` compares, with trailing release zeros removed.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        hasher.combine(Array(significantRelease))
        hasher.combine(pre)
        hasher.combine(post)
        hasher.combine(dev)
        hasher.combine(local)
    }

    /// PEP 440 ordering; see `compare`.
    public static func < (lhs: Version, rhs: Version) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Three-way PEP 440 comparison: -1, 0 or 1, following `packaging`'s `_cmpkey`.
    public static func compare(_ lhs: Version, _ rhs: Version) -> Int {
        let epochOrder = compareNumbers(lhs.epoch, rhs.epoch)
        if epochOrder != 0 { return epochOrder }
        let releaseOrder = compareSequences(lhs.significantRelease, rhs.significantRelease, by: compareNumbers)
        if releaseOrder != 0 { return releaseOrder }
        let suffixOrder = compareSequences(lhs.suffixKey, rhs.suffixKey, by: compareNumbers)
        if suffixOrder != 0 { return suffixOrder }
        return compareLocal(lhs.local, rhs.local)
    }
}

extension Version {
    /// The pre/post/dev part of `_cmpkey` as numbers: `(pre rank, pre n, post rank, post n,
    /// dev rank, dev n)`. A dev-only release ranks below alpha; a final one above rc.
    private var suffixKey: [String] {
        let preRank: String
        switch (pre?.label, post, dev) {
        case (nil, nil, _?): preRank = "0"
        case (nil, _, _): preRank = "4"
        case (.alpha?, _, _): preRank = "1"
        case (.beta?, _, _): preRank = "2"
        case (.candidate?, _, _): preRank = "3"
        }
        return [
            preRank, pre?.number ?? "0",
            post == nil ? "0" : "1", post ?? "0",
            dev == nil ? "1" : "0", dev ?? "0",
        ]
    }

    /// Compares two normalised digit strings numerically: by length, then digit by digit.
    static func compareNumbers(_ lhs: String, _ rhs: String) -> Int {
        let left = lhs.utf8, right = rhs.utf8
        if left.count != right.count { return left.count < right.count ? -1 : 1 }
        for (l, r) in zip(left, right) where l != r { return l < r ? -1 : 1 }
        return 0
    }

    /// Lexicographic comparison where a proper prefix sorts first, like Python tuples.
    private static func compareSequences<C: Collection>(
        _ lhs: C, _ rhs: C, by compare: (C.Element, C.Element) -> Int
    ) -> Int {
        for (l, r) in zip(lhs, rhs) {
            let order = compare(l, r)
            if order != 0 { return order }
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }

    /// No local label sorts before any; text parts sort before number parts.
    private static func compareLocal(_ lhs: [LocalSegment]?, _ rhs: [LocalSegment]?) -> Int {
        switch (lhs, rhs) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (left?, right?): return compareSequences(left, right, by: compareSegments)
        }
    }

    private static func compareSegments(_ lhs: LocalSegment, _ rhs: LocalSegment) -> Int {
        switch (lhs, rhs) {
        case let (.number(l), .number(r)): return compareNumbers(l, r)
        case (.text, .number): return -1
        case (.number, .text): return 1
        case let (.text(l), .text(r)):
            if l == r { return 0 }
            return l.utf8.lexicographicallyPrecedes(r.utf8) ? -1 : 1
        }
    }

    private static func render(
        _ epoch: String, _ release: [String], _ pre: PreRelease?, _ post: String?,
        _ dev: String?, _ local: [LocalSegment]?
    ) -> String {
        var out = epoch == "0" ? "" : epoch + "!"
        out += release.joined(separator: ".")
        if let pre { out += pre.label.rawValue + pre.number }
        if let post { out += ".post" + post }
        if let dev { out += ".dev" + dev }
        if let local { out += "+" + local.map(\.rendered).joined(separator: ".") }
        return out
    }
}

extension Version.LocalSegment {
    /// The part as it appears in the normalised version.
    var rendered: String {
        switch self {
        case let .number(digits): return digits
        case let .text(text): return text
        }
    }
}
