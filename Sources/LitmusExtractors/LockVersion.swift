import LitmusModel

/// Checks a lockfile's format version against the versions litmus knows.
///
/// A known version passes silently. A newer one is a warning: the file is still read, since
/// lock formats keep their package tables when they add fields. A missing, malformed or
/// unknown older version is an error; the file is still read as best effort so that a pin in
/// it is never lost.
enum LockVersion {
    /// Dotted numbers of `text` (`"2.1"` → [2, 1]); nil when not all numeric.
    static func components(_ text: String) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty else { return nil }
        var out: [Int] = []
        for part in parts {
            guard let n = Int(part), n >= 0 else { return nil }
            out.append(n)
        }
        return out
    }

    /// Records the verdict on `text` (nil: absent). `isKnown` decides from the components;
    /// `newest` is the newest known version.
    static func check(_ text: String?, key: String, line: Int?, newest: [Int], isKnown: ([Int]) -> Bool,
                      path: String, stage: String, into out: inout Extraction) {
        guard let text else {
            out.issues.append(.error(path, stage: stage, "no \(key); entries read as best effort"))
            return
        }
        guard let version = components(text) else {
            out.issues.append(.error(path, line: line, stage: stage, "unknown \(key) \"\(Redact.excerpt(text))\"; entries read as best effort"))
            return
        }
        if isKnown(version) { return }
        if version.lexicographicallyPrecedes(newest) {
            out.issues.append(.error(path, line: line, stage: stage, "unknown \(key) \"\(Redact.excerpt(text))\"; entries read as best effort"))
        } else {
            let known = newest.map(String.init).joined(separator: ".")
            out.issues.append(.warning(path, line: line, stage: stage,
                                       "\(key) \"\(Redact.excerpt(text))\" is newer than the newest known (\(known)); read with the known layout"))
        }
    }
}
