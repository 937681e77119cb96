/// One PEP 440 version specifier such as `>=1.80`, `==1.82.*` or `~=1.82.0`, as `packaging` 26.
///
/// Parsing accepts exactly the strings `packaging.specifiers.Specifier` accepts, with one
/// exemption: where `packaging` would accept a specifier whose version it then cannot parse
/// (non-ASCII letters that Python's case-insensitive regex folds onto ASCII), this type throws.
/// `contains` reproduces `packaging`'s operator functions, including its quirks for `~=`
/// prefixes written with `c`, `pre`, `r` or upper-case suffixes.
public struct Specifier: Sendable, Hashable, CustomStringConvertible {
    /// The comparison operators of PEP 440.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        /// `~=`: compatible release.
        case compatible = "~="
        /// `==`: version matching, with optional `.*` prefix match.
        case equal = "=="
        /// `!=`: version exclusion, with optional `.*` prefix match.
        case notEqual = "!="
        /// `<=`: inclusive ordered comparison.
        case lessEqual = "<="
        /// `>=`: inclusive ordered comparison.
        case greaterEqual = ">="
        /// `<`: exclusive ordered comparison; excludes pre-releases of the bound.
        case less = "<"
        /// `>`: exclusive ordered comparison; excludes post-releases and locals of the bound.
        case greater = ">"
        /// `===`: case-insensitive string identity with the candidate's original text.
        case arbitrary = "==="
    }

    /// The operator.
    public let op: Operator
    /// The version part as written, stripped of surrounding whitespace (`1.82.*`, `v1.0`).
    public let versionText: String
    /// The parsed version part: nil for `===` with a non-version string; for a wildcard, the
    /// version before `.*`.
    public let version: Version?
    /// Whether the version part ends in `.*` (only with `==` and `!=`).
    public let isWildcard: Bool
    /// For `==X.*`, `!=X.*` and `~=X`: the split prefix that candidates are compared against.
    private let prefix: [String]
    /// `packaging`'s `_canonical_spec` version, used for equality and hashing.
    private let canonicalVersionText: String

    /// Parses one specifier; surrounding whitespace and whitespace after the operator are allowed.
    ///
    /// Throws for an unknown or missing operator, a missing or invalid version, whitespace
    /// inside the version, `.*` with anything but a bare release or with an operator other than
    /// `==`/`!=`, a local label with `~=`, `<`, `<=`, `>`, `>=`, and `~=` with a single release number.
    public init(_ text: String) throws(InvalidSpecifier) {
        let trimmed = PythonText.strip(text[...])
        guard let op = Self.leadingOperator(trimmed) else {
            throw InvalidSpecifier(text: text, reason: "expected one of ~= == != <= >= < > ===")
        }
        let versionPart = PythonText.strip(trimmed.dropFirst(op.rawValue.count))
        if op == .arbitrary {
            guard !versionPart.unicodeScalars.contains(where: { PythonText.isWhitespace($0) || $0 == ";" || $0 == ")" })
            else { throw InvalidSpecifier(text: text, reason: "'===' version contains whitespace, ';' or ')'") }
        } else if let problem = Self.problem(op: op, versionPart: versionPart) {
            throw InvalidSpecifier(text: text, reason: problem)
        }
        self.init(validated: op, versionText: String(versionPart))
    }

    private init(validated op: Operator, versionText: String) {
        self.op = op
        self.versionText = versionText
        isWildcard = op != .arbitrary && versionText.hasSuffix(".*")
        version = Version.parse(isWildcard ? String(versionText.dropLast(2)) : versionText)
        if isWildcard {
            prefix = PrefixMatch.wildcardPrefix(versionText)
        } else if op == .compatible {
            prefix = PrefixMatch.wildcardPrefix(PrefixMatch.compatiblePrefix(versionText))
        } else {
            prefix = []
        }
        canonicalVersionText = Self.canonical(op: op, versionText: versionText, version: version, isWildcard: isWildcard)
    }

    /// The longest operator `text` starts with; `===` wins over `==`, `<=` over `<`.
    private static func leadingOperator(_ text: Substring) -> Operator? {
        Operator.allCases
            .filter { text.hasPrefix($0.rawValue) }
            .max { $0.rawValue.count < $1.rawValue.count }
    }

    /// Why `versionPart` cannot follow `op`, or nil when it is acceptable.
    private static func problem(op: Operator, versionPart: Substring) -> String? {
        if versionPart.isEmpty { return "missing version" }
        if PythonText.containsWhitespace(versionPart) { return "whitespace inside the version" }
        if versionPart.hasSuffix(".*") {
            guard op == .equal || op == .notEqual else { return "'.*' is only allowed with == and !=" }
            guard let base = Version.parse(String(versionPart.dropLast(2))),
                base.pre == nil, base.post == nil, base.dev == nil, base.local == nil
            else { return "'.*' must follow a plain release such as 1.82" }
            return nil
        }
        guard let version = Version.parse(String(versionPart)) else { return "not a valid PEP 440 version" }
        if version.local != nil, op != .equal, op != .notEqual {
            return "a local version label is only allowed with == and !="
        }
        if op == .compatible, version.release.count < 2 { return "'~=' needs at least two release numbers" }
        return nil
    }

    /// `canonicalize_version` as `_canonical_spec` applies it: trailing zeros are dropped
    /// except for `~=`, where they change the meaning.
    private static func canonical(op: Operator, versionText: String, version: Version?, isWildcard: Bool) -> String {
        guard op != .arbitrary, !isWildcard, let version else { return versionText }
        guard op != .compatible else { return version.description }
        var release = Array(version.significantRelease)
        if release.isEmpty { release = ["0"] }
        return Version(
            epoch: version.epoch, release: release, pre: version.pre, post: version.post,
            dev: version.dev, local: version.local
        ).description
    }

    /// The specifier as written, without surrounding whitespace (`>=1.80`).
    public var description: String { op.rawValue + versionText }

    /// `packaging`'s `Specifier.prereleases`: whether this specifier by itself asks for
    /// pre-releases. False for `!=` and wildcards; nil for `===` with a non-version string.
    public var impliesPrereleases: Bool? {
        if op == .notEqual || isWildcard { return false }
        return version?.isPrerelease
    }

    /// Whether `candidate` satisfies this specifier.
    ///
    /// `prereleases: false` rejects every pre-release; `nil` and `true` admit a matching
    /// pre-release, as `packaging` does for a single candidate. `===` compares `candidate.text`.
    public func contains(_ candidate: Version, prereleases: Bool? = nil) -> Bool {
        if prereleases == false, candidate.isPrerelease { return false }
        return matches(candidate)
    }

    /// The operator alone, without any pre-release policy.
    func matches(_ candidate: Version) -> Bool {
        if op == .arbitrary { return matchesArbitrary(candidate.text) }
        guard let spec = version else { return false }
        switch op {
        case .equal: return isEqual(candidate, spec)
        case .notEqual: return !isEqual(candidate, spec)
        case .compatible: return candidate.publicPart >= spec && PrefixMatch.matches(candidate, prefix: prefix)
        case .lessEqual: return candidate.publicPart <= spec
        case .greaterEqual: return candidate.publicPart >= spec
        case .less: return isLess(candidate, spec)
        case .greater: return isGreater(candidate, spec)
        case .arbitrary: return false
        }
    }

    /// `===`: case-insensitive identity of the texts, as `str(x).lower()` on both sides.
    func matchesArbitrary(_ candidateText: String) -> Bool {
        op == .arbitrary && candidateText.lowercased() == versionText.lowercased()
    }

    /// A spec without a local label matches every local variant of its version.
    private func isEqual(_ candidate: Version, _ spec: Version) -> Bool {
        if isWildcard { return PrefixMatch.matches(candidate, prefix: prefix) }
        return spec.local == nil ? candidate.publicPart == spec : candidate == spec
    }

    /// `<V` must not admit a pre-release of V itself unless V is a pre-release.
    private func isLess(_ candidate: Version, _ spec: Version) -> Bool {
        guard candidate < spec else { return false }
        if !spec.isPrerelease, candidate.isPrerelease,
            candidate >= spec.with(post: spec.post, dev: "0", local: nil)
        {
            return false
        }
        return true
    }

    /// `>V` must not admit a post-release or a local variant of V itself.
    private func isGreater(_ candidate: Version, _ spec: Version) -> Bool {
        guard candidate > spec else { return false }
        if !spec.isPostrelease, candidate.isPostrelease,
            candidate.with(post: nil, dev: nil, local: nil) == spec
        {
            return false
        }
        if candidate.local != nil, candidate.publicPart == spec { return false }
        return true
    }

    /// Equal when the operators match and the versions do after `packaging`'s canonicalisation
    /// (`==1.0` equals `==1.0.0`; `~=1.0` does not equal `~=1.0.0`).
    public static func == (lhs: Specifier, rhs: Specifier) -> Bool {
        lhs.op == rhs.op && lhs.canonicalVersionText == rhs.canonicalVersionText
    }

    /// Hashes the operator and canonical version, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(op)
        hasher.combine(canonicalVersionText)
    }
}
