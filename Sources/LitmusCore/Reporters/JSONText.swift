import Foundation

/// Serialises JSON-compatible values the way every JSON-based report does: pretty, keys
/// sorted (stable output), slashes unescaped, one trailing newline.
enum JSONText {
    static func render(_ document: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "{\"error\": \"report could not be encoded\"}\n"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
