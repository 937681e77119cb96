import LitmusFormats

/// `packaging`'s string-based prefix matching behind `==X.*`, `!=X.*` and `~=X`.
///
/// `packaging` compares split version strings rather than numbers here, and builds the `~=`
/// prefix from the specifier text as written. Both are reproduced literally so that its edge
/// cases agree: `~=1.0.c1` or `~=1.0.RC1` keep the suffix in the prefix (only `dev`, `a`, `b`,
/// `rc` and `post` count as suffixes, case-sensitively), and `~=v1.0` matches nothing.
enum PrefixMatch {
    /// The split components of `==X.*`: `X` normalised when it is a valid version.
    static func wildcardPrefix(_ specVersion: String) -> [String] {
        let base = String(specVersion.dropLast(2))
        return split(Version.parse(base)?.description ?? base)
    }

    /// `~=X` as `packaging` rewrites it: `X` without its last release number, plus `.*`.
    static func compatiblePrefix(_ specVersion: String) -> String {
        let kept = split(specVersion).prefix(while: isNotSuffix).dropLast()
        guard let epoch = kept.first else { return ".*" }
        return epoch + "!" + kept.dropFirst().joined(separator: ".") + ".*"
    }

    /// Whether the candidate's public version, zero-padded, starts with `prefix`.
    static func matches(_ candidate: Version, prefix: [String]) -> Bool {
        let numericLength = numericPrefixLength(prefix)
        var parts = split(candidate.publicVersion)
        let candidateNumeric = numericPrefixLength(parts)
        if candidateNumeric < numericLength {
            parts.insert(contentsOf: repeatElement("0", count: numericLength - candidateNumeric), at: candidateNumeric)
        }
        return parts.prefix(prefix.count).elementsEqual(prefix)
    }

    /// `_version_split`: epoch first (`"0"` when absent), then the dot-separated parts, with a
    /// part like `0rc1` split into `0` and `rc1`.
    static func split(_ version: String) -> [String] {
        var epoch = "0"
        var rest = version[...]
        if let bang = version.lastIndex(of: "!") {
            let written = version[..<bang]
            if !written.isEmpty { epoch = String(written) }
            rest = version[version.index(after: bang)...]
        }
        var result = [epoch]
        for item in rest.split(separator: ".", omittingEmptySubsequences: false) {
            if let cut = preReleaseCut(item) {
                result.append(String(item[..<cut]))
                result.append(String(item[cut...]))
            } else {
                result.append(String(item))
            }
        }
        return result
    }

    /// Where `([0-9]+)((?:a|b|c|rc)[0-9]+)` would split `item`, or nil when it does not match.
    private static func preReleaseCut(_ item: Substring) -> Substring.Index? {
        let bytes = Array(item.utf8)
        var index = 0
        while index < bytes.count, PythonText.isDigit(bytes[index]) { index += 1 }
        guard index > 0, index < bytes.count else { return nil }
        let cut = index
        switch bytes[index] {
        case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "c"): index += 1
        case UInt8(ascii: "r") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "c"): index += 2
        default: return nil
        }
        let digitsStart = index
        while index < bytes.count, PythonText.isDigit(bytes[index]) { index += 1 }
        guard index > digitsStart, index == bytes.count else { return nil }
        return item.utf8.index(item.utf8.startIndex, offsetBy: cut)
    }

    private static func isNotSuffix(_ part: String) -> Bool {
        !["dev", "a", "b", "rc", "post"].contains(where: { part.hasPrefix($0) })
    }

    /// How many leading parts are non-empty runs of ASCII digits (`str.isdigit`).
    private static func numericPrefixLength(_ parts: [String]) -> Int {
        parts.prefix(while: { !$0.isEmpty && $0.utf8.allSatisfy(PythonText.isDigit) }).count
    }
}
