/// Removes secrets that legitimately appear in dependency files before they reach a report.
public enum Redact {
    /// `https://user:token@host/path` → `https://***@host/path`; other text unchanged.
    /// Private index URLs in requirements files commonly carry tokens.
    public static func credentials(_ text: String) -> String {
        guard let scheme = text.firstRange(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return text }
        return String(text[..<scheme.upperBound]) + "***" + String(rest[at...])
    }
}
