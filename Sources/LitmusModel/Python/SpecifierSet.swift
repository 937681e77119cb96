/// A comma-separated PEP 440 specifier set such as `>=1.80,!=1.82.7,!=1.82.8`, as `packaging` 26.
///
/// Items are split on `,` and stripped; empty items are skipped, so `""` is the empty set,
/// which admits every version. Equality and hashing ignore order and duplicates.
public struct SpecifierSet: Sendable, Hashable, CustomStringConvertible {
    /// The specifiers in the order written.
    public let specifiers: [Specifier]

    /// Parses a comma-separated specifier set.
    ///
    /// Throws the `InvalidSpecifier` of the first item that does not parse.
    public init(_ text: String) throws(InvalidSpecifier) {
        var parsed: [Specifier] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = PythonText.strip(item)
            if trimmed.isEmpty { continue }
            parsed.append(try Specifier(String(trimmed)))
        }
        specifiers = parsed
    }

    /// A set made of already parsed specifiers.
    public init(_ specifiers: [Specifier]) {
        self.specifiers = specifiers
    }

    /// `packaging`'s `SpecifierSet.prereleases`: true when any specifier names a pre-release
    /// (`>=1.0rc1`), otherwise nil (decide per candidate list). Never false.
    public var impliesPrereleases: Bool? {
        specifiers.contains(where: { $0.impliesPrereleases == true }) ? true : nil
    }

    /// Whether `candidate` satisfies every specifier, as `SpecifierSet.contains` in `packaging` 26.
    ///
    /// With the default `prereleases: nil` a lone pre-release is admitted when the specifiers
    /// match it (PEP 440: pre-releases are accepted when no final release is on offer);
    /// `false` rejects every pre-release. `===` compares `candidate.text`.
    public func contains(_ candidate: Version, prereleases: Bool? = nil) -> Bool {
        if prereleases == false, candidate.isPrerelease { return false }
        return specifiers.allSatisfy { $0.matches(candidate) }
    }

    /// `contains` for raw text, including text that is not a version at all.
    ///
    /// Text that does not parse is admitted only by the empty set, or when every specifier is
    /// `===` with that same text (case-insensitively), as in `packaging`.
    public func contains(_ text: String, prereleases: Bool? = nil) -> Bool {
        if let version = Version.parse(text) { return contains(version, prereleases: prereleases) }
        return specifiers.allSatisfy { $0.matchesArbitrary(text) }
    }

    /// The single version this set pins exactly: `==X` without a wildcard, or `===X` when `X`
    /// parses as a version, and only when that version also satisfies the rest of the set.
    ///
    /// Nil for ranges (`>=1.80`), wildcards (`==1.82.*`) and unsatisfiable pins
    /// (`==1.82.7,!=1.82.7`). With several pins, the first one that satisfies the set wins.
    public var exactPin: Version? {
        for specifier in specifiers where specifier.op == .arbitrary || (specifier.op == .equal && !specifier.isWildcard) {
            guard let pinned = Version.parse(specifier.versionText) else { continue }
            if contains(pinned, prereleases: true) { return pinned }
        }
        return nil
    }

    /// The members of `versions` that this set admits, as `SpecifierSet.filter` in `packaging` 26.
    ///
    /// Pre-releases are kept when the set names a pre-release itself, or when no final release
    /// in `versions` is admitted; otherwise only the admitted final releases are returned.
    /// Order is preserved.
    public func admitsAny(of versions: [Version]) -> [Version] {
        let matching = versions.filter { contains($0, prereleases: true) }
        if impliesPrereleases == true { return matching }
        let finals = matching.filter { !$0.isPrerelease }
        return finals.isEmpty ? matching : finals
    }

    /// The specifiers deduplicated and sorted by their text, joined by `,`, as `str()` in
    /// `packaging`.
    public var description: String {
        canonicalSpecifiers.map(\.description).joined(separator: ",")
    }

    private var canonicalSpecifiers: [Specifier] {
        var seen = Set<Specifier>()
        return specifiers
            .sorted { $0.description.utf8.lexicographicallyPrecedes($1.description.utf8) }
            .filter { seen.insert($0).inserted }
    }

    /// Equal when both hold the same specifiers, in any order and with any duplicates.
    public static func == (lhs: SpecifierSet, rhs: SpecifierSet) -> Bool {
        Set(lhs.specifiers) == Set(rhs.specifiers)
    }

    /// Hashes the set of specifiers, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(Set(specifiers))
    }
}
