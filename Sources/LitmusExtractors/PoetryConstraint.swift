import LitmusModel

/// Poetry version constraints translated to PEP 440 specifier sets.
///
/// `^1.82.6` → `>=1.82.6,<2.0.0`, `^0.2.3` → `>=0.2.3,<0.3.0`, `~1.82.6` → `>=1.82.6,<1.83.0`,
/// `~1.82` → `>=1.82,<1.83`, a bare version → `==X`, `*`/empty → unconstrained (nil), PEP 440
/// operators as written; parts are joined by `,` or spaces. `||` (or `|`) separates
/// alternatives, each returned on its own.
enum PoetryConstraint {
    /// The PEP 440 specifier text of each alternative; nil for an alternative that is
    /// unconstrained. Fails on a part that is not a version constraint.
    static func alternatives(_ text: String) -> Result<[String?], ParseMessage> {
        var out: [String?] = []
        let pieces = text.split(separator: "|", omittingEmptySubsequences: true)
        if pieces.isEmpty { return .success([nil]) }
        for alternative in pieces {
            switch translate(String(alternative)) {
            case .success(let specifier): out.append(specifier)
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(out)
    }

    /// One alternative: comma- or space-separated parts, each translated.
    static func translate(_ text: String) -> Result<String?, ParseMessage> {
        var parts: [String] = []
        for token in tokens(text) {
            if token == "*" { continue }
            guard let part = part(token) else { return .failure(ParseMessage("invalid poetry constraint \"\(Redact.excerpt(text.trimmingSpaces))\"")) }
            parts.append(part)
        }
        return .success(parts.isEmpty ? nil : parts.joined(separator: ","))
    }

    /// Splits on commas and spaces, re-attaching an operator written apart from its version (`>= 1.2`).
    private static func tokens(_ text: String) -> [String] {
        let raw = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
        var out: [String] = []
        for token in raw {
            if let last = out.last, !last.isEmpty, last.allSatisfy({ "<>=!~^".contains($0) }) {
                out[out.count - 1] = last + token
            } else {
                out.append(token)
            }
        }
        return out
    }

    private static func part(_ token: String) -> String? {
        if token.hasPrefix("^") { return caret(String(token.dropFirst())) }
        if token.hasPrefix("~") && !token.hasPrefix("~=") { return tilde(String(token.dropFirst())) }
        if let first = token.first, first.isNumber || first == "v" {
            return "==" + token
        }
        if token.hasPrefix("=") && !token.hasPrefix("==") { return "=" + token }
        return token
    }

    /// `^X`: at or above X, below the next bump of its first non-zero component.
    private static func caret(_ text: String) -> String? {
        guard let version = Version.parse(text) else { return nil }
        let release = version.release.compactMap { Int($0) }
        guard release.count == version.release.count, !release.isEmpty, !release.contains(Int.max) else { return nil }
        let index = release.firstIndex { $0 != 0 } ?? (release.count - 1)
        return ">=\(text),<\(bump(release, at: index))"
    }

    /// `~X`: at or above X, below the next minor (or the next major when only a major is given).
    private static func tilde(_ text: String) -> String? {
        guard let version = Version.parse(text) else { return nil }
        let release = version.release.compactMap { Int($0) }
        guard release.count == version.release.count, !release.isEmpty, !release.contains(Int.max) else { return nil }
        return ">=\(text),<\(bump(release, at: min(1, release.count - 1)))"
    }

    /// `release` with component `index` incremented and the later ones zeroed, keeping its length.
    private static func bump(_ release: [Int], at index: Int) -> String {
        var out = release
        out[index] += 1
        for later in out.indices where later > index { out[later] = 0 }
        return out.map(String.init).joined(separator: ".")
    }
}
