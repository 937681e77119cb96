extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    package var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" && $0 != "\n" }) else { return "" }
        guard let end = scalars.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" && $0 != "\n" }) else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    /// Works on Unicode scalars, as Python's `str.strip` does, in one pass from each end: the
    /// character-wise version was most of the time spent parsing a large `setup.cfg`.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isTrimmedSpace($0) }),
              let last = scalars.lastIndex(where: { !Self.isTrimmedSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// Space, tab and the scalars that make a `Character` a newline.
    private static func isTrimmedSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}

extension String {
    /// nil for the empty string.
    package var nilIfEmpty: String? { isEmpty ? nil : self }
}
