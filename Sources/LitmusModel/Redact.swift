/// Removes secrets that legitimately appear in dependency files before they reach a report.
///
/// Applied once, where an observation or issue is made (``PackageObservation``, ``ScanIssue``
/// and the first lines of file observations), so no reporter can print what it removed.
public enum Redact {
    /// The most bytes of one input line a message or an observation quotes.
    public static let excerptLimit = 200

    /// What replaces a removed secret.
    static let mask = "***"

    /// Query parameter names (lowercased, by substring) whose values are credentials: index
    /// tokens, presigned-URL signatures (`X-Amz-Signature`, Azure `sig`), API keys.
    static let secretParameterParts = ["token", "secret", "pass", "pwd", "key", "sig", "credential", "auth", "session", "code"]

    /// Every URL in `text` loses its userinfo (`https://user:token@host/` → `https://***@host/`)
    /// and the values of token-like query parameters (`?private_token=x` → `?private_token=***`);
    /// other text is unchanged. Private index URLs in requirements files commonly carry tokens.
    public static func credentials(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: ":")) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var changed = false
        while i < bytes.count {
            guard let scheme = schemeEnd(bytes, at: i) else {
                out.append(bytes[i])
                i += 1
                continue
            }
            out += bytes[i..<scheme]
            var j = scheme
            var authorityEnd = j
            while authorityEnd < bytes.count, !endsAuthority(bytes[authorityEnd]) { authorityEnd += 1 }
            if let at = bytes[j..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) {
                out += Array(mask.utf8)
                j = at
                changed = true
            }
            var end = authorityEnd
            while end < bytes.count, !endsURL(bytes[end]) { end += 1 }
            let (rest, queryChanged) = redactQuery(bytes[j..<end])
            out += rest
            changed = changed || queryChanged
            i = end
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    /// `text` without credentials, cut to at most ``excerptLimit`` bytes (on a character
    /// boundary, with `…` marking the cut): the form in which input text enters a message.
    public static func excerpt(_ text: String) -> String {
        truncated(credentials(text), limit: excerptLimit)
    }

    /// `text` cut to at most `limit` UTF-8 bytes plus a trailing `…` when it was longer.
    package static func truncated(_ text: String, limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var out = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let size = String(scalar).utf8.count
            if used + size > limit { break }
            out.unicodeScalars.append(scalar)
            used += size
        }
        return out + "…"
    }

    /// The index just past `://` when a URL scheme (`https`, `git+ssh`) ends at `i`'s `:`.
    private static func schemeEnd(_ b: [UInt8], at i: Int) -> Int? {
        guard b[i] == UInt8(ascii: ":"), i + 2 < b.count, b[i + 1] == UInt8(ascii: "/"), b[i + 2] == UInt8(ascii: "/"),
              i > 0, isSchemeByte(b[i - 1]) else { return nil }
        return i + 3
    }

    private static func isSchemeByte(_ c: UInt8) -> Bool {
        PythonText.isAlphanumeric(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }

    private static func endsAuthority(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: "#") || endsURL(c)
    }

    private static func endsURL(_ c: UInt8) -> Bool {
        c <= 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "<") || c == UInt8(ascii: ">")
            || c == UInt8(ascii: "`") || c == 0x7F
    }

    /// The path-and-query part with secret parameter values masked.
    private static func redactQuery(_ part: ArraySlice<UInt8>) -> ([UInt8], Bool) {
        guard let q = part.firstIndex(of: UInt8(ascii: "?")) else { return (Array(part), false) }
        let fragment = part[q...].firstIndex(of: UInt8(ascii: "#")) ?? part.endIndex
        var out = Array(part[...q])
        var changed = false
        let pairs = part[(q + 1)..<fragment].split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false)
        for (n, pair) in pairs.enumerated() {
            if n > 0 { out.append(UInt8(ascii: "&")) }
            if let eq = pair.firstIndex(of: UInt8(ascii: "=")), eq + 1 < pair.endIndex, isSecretName(pair[..<eq]) {
                out += pair[...eq]
                out += Array(mask.utf8)
                changed = true
            } else {
                out += pair
            }
        }
        out += part[fragment...]
        return (out, changed)
    }

    private static func isSecretName(_ name: ArraySlice<UInt8>) -> Bool {
        let lower = String(decoding: name, as: UTF8.self).lowercased()
        return secretParameterParts.contains { lower.contains($0) }
    }
}
