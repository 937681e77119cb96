import LitmusFormats

/// Serialises JSON-compatible values the way every JSON-based report does: pretty, keys
/// sorted (stable output), slashes unescaped, one trailing newline.
enum JSONText {
    static func render(_ document: [String: Any]) -> String {
        JSONWriter.pretty(document) + "\n"
    }
}
