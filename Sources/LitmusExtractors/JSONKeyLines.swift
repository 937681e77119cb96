/// The 1-based line of each object key in a JSON document, by key path (`["default",
/// "litellm", "version"]`), found with one pass over the bytes.
///
/// Only objects nested in objects are tracked (keys inside arrays are skipped), which is all a
/// lockfile needs. Malformed JSON is not diagnosed here: the real parser has already judged it;
/// this only places values, and a key it cannot place has no line.
struct JSONKeyLines {
    private var lines: [[String]: Int] = [:]

    /// Scans `bytes`.
    init(_ bytes: [UInt8]) {
        var path: [String?] = []   // the key of each open container (nil: array, or no key yet)
        var pendingKey: String?
        var lastString: (text: String, line: Int)?
        var line = 1
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case 0x0A: line += 1
            case UInt8(ascii: "\""):
                var raw: [UInt8] = []
                i += 1
                while i < bytes.count && bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    if i < bytes.count { raw.append(bytes[i]) }
                    i += 1
                }
                lastString = (String(decoding: raw, as: UTF8.self), line)
            case UInt8(ascii: ":"):
                if let s = lastString, !path.isEmpty {
                    pendingKey = s.text
                    // Keys below an array have no key path; the first spelling of a key wins.
                    if path.allSatisfy({ $0 != nil }) {
                        let keyPath = path.compactMap { $0 } + [s.text]
                        if lines[keyPath] == nil { lines[keyPath] = s.line }
                    }
                }
                lastString = nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                // The container's own key is the key pending in its parent; the root has none.
                if path.isEmpty { path.append("") } else { path.append(c == UInt8(ascii: "{") ? pendingKey : nil) }
                pendingKey = nil
                lastString = nil
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !path.isEmpty { path.removeLast() }
                lastString = nil
            case UInt8(ascii: ","):
                lastString = nil
            default: break
            }
            i += 1
        }
    }

    /// The line of the key at `keyPath`.
    func line(_ keyPath: [String]) -> Int? { lines[[""] + keyPath] }
}
