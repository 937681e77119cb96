import LitmusFormats

/// The PEP 440 version grammar as a hand-written scanner over ASCII bytes.
///
/// It mirrors `packaging`'s possessive regular expression: each optional segment is taken
/// greedily and never given back, which is why a plain left-to-right scan is exact.
struct VersionGrammar {
    struct Parts {
        var epoch = "0"
        var release: [String] = []
        var pre: Version.PreRelease?
        var post: String?
        var dev: String?
        var local: [Version.LocalSegment]?
    }

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses `text` into its segments, or nil when it is not a valid version.
    static func parse(_ text: String) -> Parts? {
        guard let core = PythonText.strippedASCII(text) else { return nil }
        var scanner = VersionGrammar(core)
        return scanner.parseAll()
    }

    private mutating func parseAll() -> Parts? {
        var parts = Parts()
        if peek(0) == UInt8(ascii: "v") || peek(0) == UInt8(ascii: "V") { index += 1 }
        parseEpoch(into: &parts)
        guard parseRelease(into: &parts) else { return nil }
        parsePre(into: &parts)
        parsePost(into: &parts)
        parseDev(into: &parts)
        guard parseLocal(into: &parts), index == bytes.count else { return nil }
        return parts
    }

    private mutating func parseEpoch(into parts: inout Parts) {
        let start = index
        if let digits = number(), peek(0) == UInt8(ascii: "!") {
            parts.epoch = digits
            index += 1
        } else {
            index = start
        }
    }

    private mutating func parseRelease(into parts: inout Parts) -> Bool {
        guard let first = number() else { return false }
        parts.release = [first]
        while peek(0) == UInt8(ascii: "."), let next = peek(1), PythonText.isDigit(next) {
            index += 1
            if let component = number() { parts.release.append(component) }
        }
        return true
    }

    private static let preLabels: [(String, Version.PreRelease.Label)] = [
        ("alpha", .alpha), ("a", .alpha), ("beta", .beta), ("b", .beta),
        ("preview", .candidate), ("pre", .candidate), ("c", .candidate), ("rc", .candidate),
    ]

    private mutating func parsePre(into parts: inout Parts) {
        let start = index
        skipSeparator()
        guard let label = Self.preLabels.first(where: { consume(word: $0.0) })?.1 else {
            index = start
            return
        }
        skipSeparator()
        parts.pre = Version.PreRelease(label: label, number: number() ?? "0")
    }

    private mutating func parsePost(into parts: inout Parts) {
        let start = index
        if peek(0) == UInt8(ascii: "-"), let next = peek(1), PythonText.isDigit(next) {
            index += 1
            parts.post = number()
            return
        }
        skipSeparator()
        guard ["post", "rev", "r"].contains(where: { consume(word: $0) }) else {
            index = start
            return
        }
        skipSeparator()
        parts.post = number() ?? "0"
    }

    private mutating func parseDev(into parts: inout Parts) {
        let start = index
        skipSeparator()
        guard consume(word: "dev") else {
            index = start
            return
        }
        skipSeparator()
        parts.dev = number() ?? "0"
    }

    /// `+` then alphanumeric runs joined by single separators; a dangling `+` or separator
    /// is left unconsumed so the caller rejects the version.
    private mutating func parseLocal(into parts: inout Parts) -> Bool {
        guard peek(0) == UInt8(ascii: "+") else { return true }
        index += 1
        guard let first = alphanumericRun() else { return false }
        var segments = [first]
        while let separator = peek(0), PythonText.isSeparator(separator), let next = peek(1), PythonText.isAlphanumeric(next) {
            index += 1
            if let segment = alphanumericRun() { segments.append(segment) }
        }
        parts.local = segments
        return true
    }

    private mutating func alphanumericRun() -> Version.LocalSegment? {
        let start = index
        while let byte = peek(0), PythonText.isAlphanumeric(byte) { index += 1 }
        guard index > start else { return nil }
        let run = bytes[start..<index]
        if run.allSatisfy(PythonText.isDigit) { return .number(Self.normalizedDigits(run)) }
        return .text(String(decoding: run.map(PythonText.lowercased), as: UTF8.self))
    }

    /// Consumes a run of ASCII digits and returns it without leading zeros.
    private mutating func number() -> String? {
        let start = index
        while let byte = peek(0), PythonText.isDigit(byte) { index += 1 }
        guard index > start else { return nil }
        return Self.normalizedDigits(bytes[start..<index])
    }

    static func normalizedDigits(_ digits: ArraySlice<UInt8>) -> String {
        let significant = digits.drop(while: { $0 == UInt8(ascii: "0") })
        return significant.isEmpty ? "0" : String(decoding: significant, as: UTF8.self)
    }

    private mutating func consume(word: String) -> Bool {
        let letters = Array(word.utf8)
        guard index + letters.count <= bytes.count else { return false }
        for (offset, letter) in letters.enumerated() where PythonText.lowercased(bytes[index + offset]) != letter {
            return false
        }
        index += letters.count
        return true
    }

    private mutating func skipSeparator() {
        if let byte = peek(0), PythonText.isSeparator(byte) { index += 1 }
    }

    private func peek(_ offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }
}
