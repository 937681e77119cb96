/// Recursive-descent TOML 1.0 parser over a byte buffer.
///
/// Works on raw pointer offsets so the hot loops (keys, strings, table headers) never build
/// `Character`s; strings are materialised once, from a validated byte range.
struct TOMLParser {
    /// A remembered position, so errors about a key can point at the key, not at the value.
    struct Mark {
        let position: Int
        let line: Int
        let lineStart: Int
    }

    /// A parsed key: the first segment plus any dotted continuation.
    struct KeyPath {
        var first: String
        var rest: [String]
        let mark: Mark
    }

    let p: UnsafePointer<UInt8>
    let end: Int
    var pos = 0
    var line = 1
    var lineStart = 0

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.p = base
        self.end = count
    }

    // MARK: - Document

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        if end >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF {
            pos = 3
            lineStart = 3
        }
        let root = TOMLBuilder(kind: .explicit, line: 1, depth: 0)
        var current = root
        while true {
            skipSpaces()
            guard pos < end else { break }
            switch p[pos] {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try consumeNewline()
            case UInt8(ascii: "#"):
                try skipComment()
            case UInt8(ascii: "["):
                current = try parseHeader(root: root)
                try finishLine()
            default:
                try parseKeyValue(into: current)
                try finishLine()
            }
        }
        return root.build()
    }

    /// After a statement only whitespace, a comment, and a line break (or the end) may follow.
    mutating func finishLine() throws(TOMLError) {
        skipSpaces()
        guard pos < end else { return }
        if p[pos] == UInt8(ascii: "#") {
            try skipComment()
            guard pos < end else { return }
        }
        guard p[pos] == UInt8(ascii: "\n") || p[pos] == UInt8(ascii: "\r") else {
            throw error("expected end of line, found \(describeByte())")
        }
        try consumeNewline()
    }

    // MARK: - Tables

    /// Handles `[a.b]` and `[[a.b]]`; returns the table that following keys go into.
    mutating func parseHeader(root: TOMLBuilder) throws(TOMLError) -> TOMLBuilder {
        let headerLine = line
        pos += 1
        let isArray = pos < end && p[pos] == UInt8(ascii: "[")
        if isArray { pos += 1 }
        skipSpaces()
        let key = try parseKeyPath()
        skipSpaces()
        try expect(UInt8(ascii: "]"), "expected ']' to close the table header")
        if isArray { try expect(UInt8(ascii: "]"), "expected ']]' to close the array-of-tables header") }

        var parent = root
        var name = key.first
        for next in key.rest {
            parent = try headerStep(parent, name, headerLine: headerLine, mark: key.mark)
            name = next
        }
        if isArray {
            return try appendTableArrayElement(parent, name, headerLine: headerLine, mark: key.mark)
        }
        return try defineTable(parent, name, headerLine: headerLine, mark: key.mark)
    }

    /// Walks one intermediate header segment, creating an implicit table when absent.
    mutating func headerStep(_ parent: TOMLBuilder, _ name: String, headerLine: Int,
                             mark: Mark) throws(TOMLError) -> TOMLBuilder {
        switch parent.find(name) {
        case .table(let child)?:
            return child
        case .tables(let list)?:
            guard let last = list.items.last else { throw error("empty array of tables '\(name)'", at: mark) }
            return last
        case .value?:
            throw error("key '\(name)' is already a value and cannot hold a table", at: mark)
        case nil:
            let child = try newTable(parent, kind: .implicit, line: headerLine, mark: mark)
            parent.append(name, .table(child), line: headerLine)
            return child
        }
    }

    mutating func defineTable(_ parent: TOMLBuilder, _ name: String, headerLine: Int,
                              mark: Mark) throws(TOMLError) -> TOMLBuilder {
        switch parent.find(name) {
        case nil:
            let child = try newTable(parent, kind: .explicit, line: headerLine, mark: mark)
            parent.append(name, .table(child), line: headerLine)
            return child
        case .table(let child)? where child.kind == .implicit:
            child.kind = .explicit
            child.line = headerLine
            return child
        case .table(let child)? where child.kind == .dotted:
            throw error("table '\(name)' was already defined with dotted keys", at: mark)
        case .table?:
            throw error("table '\(name)' is defined more than once", at: mark)
        case .tables?:
            throw error("'\(name)' is an array of tables, not a table", at: mark)
        case .value?:
            throw error("key '\(name)' is already defined as a value", at: mark)
        }
    }

    mutating func appendTableArrayElement(_ parent: TOMLBuilder, _ name: String, headerLine: Int,
                                          mark: Mark) throws(TOMLError) -> TOMLBuilder {
        let element = try newTable(parent, kind: .explicit, line: headerLine, mark: mark)
        switch parent.find(name) {
        case nil:
            parent.append(name, .tables(TOMLTableArray(element)), line: headerLine)
        case .tables(let list)?:
            list.items.append(element)
        case .table?:
            throw error("'\(name)' is a table, not an array of tables", at: mark)
        case .value?:
            throw error("key '\(name)' is already defined as a value, not an array of tables", at: mark)
        }
        return element
    }

    func newTable(_ parent: TOMLBuilder, kind: TOMLBuilder.Kind, line: Int,
                  mark: Mark) throws(TOMLError) -> TOMLBuilder {
        guard parent.depth < TOML.maxDepth else {
            throw error("tables nested deeper than \(TOML.maxDepth) levels", at: mark)
        }
        return TOMLBuilder(kind: kind, line: line, depth: parent.depth + 1)
    }

    // MARK: - Key/value pairs

    mutating func parseKeyValue(into table: TOMLBuilder) throws(TOMLError) {
        let key = try parseKeyPath()
        skipSpaces()
        try expect(UInt8(ascii: "="), "expected '=' after key '\(key.first)'")
        skipSpaces()
        let value = try parseValue(depth: table.depth + 1 + key.rest.count)
        try insert(value, at: key, into: table)
    }

    /// Stores `value` under a possibly dotted key, creating intermediate dotted tables.
    func insert(_ value: TOMLValue, at key: KeyPath, into table: TOMLBuilder) throws(TOMLError) {
        var target = table
        var name = key.first
        for next in key.rest {
            switch target.find(name) {
            case .table(let child)? where child.kind == .dotted:
                target = child
            case nil:
                let child = try newTable(target, kind: .dotted, line: key.mark.line, mark: key.mark)
                target.append(name, .table(child), line: key.mark.line)
                target = child
            case .some:
                throw error("cannot add keys to '\(name)' with a dotted key: it is already defined", at: key.mark)
            }
            name = next
        }
        guard target.find(name) == nil else {
            throw error("duplicate key '\(name)'", at: key.mark)
        }
        target.append(name, .value(value), line: key.mark.line)
    }

    // MARK: - Keys

    mutating func parseKeyPath() throws(TOMLError) -> KeyPath {
        let mark = Mark(position: pos, line: line, lineStart: lineStart)
        var path = KeyPath(first: try parseSimpleKey(), rest: [], mark: mark)
        while true {
            skipSpaces()
            guard pos < end, p[pos] == UInt8(ascii: ".") else { return path }
            pos += 1
            skipSpaces()
            path.rest.append(try parseSimpleKey())
        }
    }

    mutating func parseSimpleKey() throws(TOMLError) -> String {
        guard pos < end else { throw error("expected a key, found end of input") }
        let first = p[pos]
        if first == UInt8(ascii: "\"") {
            if isTripleQuote(first) { throw error("multi-line strings cannot be keys") }
            return try parseBasicString()
        }
        if first == UInt8(ascii: "'") {
            if isTripleQuote(first) { throw error("multi-line strings cannot be keys") }
            return try parseLiteralString()
        }
        let start = pos
        while pos < end && Self.isBareKeyByte(p[pos]) { pos += 1 }
        guard pos > start else { throw error("expected a key, found \(describeByte())") }
        return makeString(start, pos)
    }

    @inline(__always)
    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    // MARK: - Values

    mutating func parseValue(depth: Int) throws(TOMLError) -> TOMLValue {
        guard pos < end else { throw error("expected a value, found end of input") }
        let first = p[pos]
        switch first {
        case UInt8(ascii: "\""):
            return .string(isTripleQuote(first) ? try parseMultilineBasicString() : try parseBasicString())
        case UInt8(ascii: "'"):
            return .string(isTripleQuote(first) ? try parseMultilineLiteralString() : try parseLiteralString())
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth)
        case UInt8(ascii: "{"):
            return try parseInlineTable(depth: depth)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumberOrDate()
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "i"), UInt8(ascii: "n"):
            return try parseNumber()
        default:
            throw error("expected a value, found \(describeByte())")
        }
    }

    mutating func parseArray(depth: Int) throws(TOMLError) -> TOMLValue {
        guard depth <= TOML.maxDepth else { throw error("values nested deeper than \(TOML.maxDepth) levels") }
        pos += 1
        var items: [TOMLValue] = []
        while true {
            try skipBlanksAndComments()
            guard pos < end else { throw error("unterminated array") }
            if p[pos] == UInt8(ascii: "]") {
                pos += 1
                return .array(items)
            }
            items.append(try parseValue(depth: depth + 1))
            try skipBlanksAndComments()
            guard pos < end else { throw error("unterminated array") }
            switch p[pos] {
            case UInt8(ascii: ","):
                pos += 1
            case UInt8(ascii: "]"):
                pos += 1
                return .array(items)
            default:
                throw error("expected ',' or ']' in array, found \(describeByte())")
            }
        }
    }

    /// Inline tables are parsed straight into entries; only a dotted key switches to a
    /// builder, since dotted keys need the table-kind rules.
    mutating func parseInlineTable(depth: Int) throws(TOMLError) -> TOMLValue {
        guard depth <= TOML.maxDepth else { throw error("values nested deeper than \(TOML.maxDepth) levels") }
        let tableLine = line
        pos += 1
        skipSpaces()
        guard pos < end else { throw error("unterminated inline table") }
        if p[pos] == UInt8(ascii: "}") {
            pos += 1
            return .table(TOMLTable(line: tableLine))
        }
        var entries: [TOMLTable.Entry] = []
        var builder: TOMLBuilder?
        while true {
            skipSpaces()
            let key = try parseKeyPath()
            skipSpaces()
            try expect(UInt8(ascii: "="), "expected '=' after key '\(key.first)'")
            skipSpaces()
            let value = try parseValue(depth: depth + 1 + key.rest.count)
            if key.rest.isEmpty && builder == nil && entries.count < TOMLTable.indexThreshold {
                try appendInline(value, key: key, to: &entries)
            } else {
                let target = builder ?? makeInlineBuilder(entries, line: tableLine, depth: depth)
                builder = target
                try insert(value, at: key, into: target)
            }
            skipSpaces()
            guard pos < end else { throw error("unterminated inline table") }
            switch p[pos] {
            case UInt8(ascii: ","):
                pos += 1
            case UInt8(ascii: "}"):
                pos += 1
                if let builder { return .table(builder.build()) }
                return .table(TOMLTable(entries: entries, line: tableLine))
            default:
                throw error("expected ',' or '}' in inline table, found \(describeByte())")
            }
        }
    }

    func appendInline(_ value: TOMLValue, key: KeyPath, to entries: inout [TOMLTable.Entry]) throws(TOMLError) {
        // Only called while the table is small; larger ones move to an indexed builder.
        for entry in entries where entry.key == key.first {
            throw error("duplicate key '\(key.first)'", at: key.mark)
        }
        entries.append(TOMLTable.Entry(key: key.first, value: value, line: key.mark.line))
    }

    func makeInlineBuilder(_ entries: [TOMLTable.Entry], line: Int, depth: Int) -> TOMLBuilder {
        let builder = TOMLBuilder(kind: .explicit, line: line, depth: depth)
        for entry in entries { builder.append(entry.key, .value(entry.value), line: entry.line) }
        return builder
    }

    // MARK: - Whitespace, comments, newlines

    @inline(__always)
    mutating func skipSpaces() {
        while pos < end && (p[pos] == UInt8(ascii: " ") || p[pos] == UInt8(ascii: "\t")) { pos += 1 }
    }

    /// Inside arrays: spaces, line breaks and comments all separate values.
    mutating func skipBlanksAndComments() throws(TOMLError) {
        while pos < end {
            switch p[pos] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                pos += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try consumeNewline()
            case UInt8(ascii: "#"):
                try skipComment()
            default:
                return
            }
        }
    }

    /// Consumes `\n` or `\r\n`; a lone carriage return is not a TOML line break.
    @inline(__always)
    mutating func consumeNewline() throws(TOMLError) {
        if p[pos] == UInt8(ascii: "\r") {
            guard pos + 1 < end, p[pos + 1] == UInt8(ascii: "\n") else {
                throw error("carriage return not followed by line feed")
            }
            pos += 1
        }
        pos += 1
        line += 1
        lineStart = pos
    }

    /// Skips from `#` up to (not including) the line break, rejecting control characters and
    /// invalid UTF-8 as TOML 1.0 requires.
    mutating func skipComment() throws(TOMLError) {
        pos += 1
        while pos < end {
            let byte = p[pos]
            if byte >= 0x20 && byte < 0x7F || byte == UInt8(ascii: "\t") {
                pos += 1
            } else if byte >= 0x80 {
                pos += try utf8SequenceLength()
            } else if byte == UInt8(ascii: "\n") {
                return
            } else if byte == UInt8(ascii: "\r") {
                guard pos + 1 < end, p[pos + 1] == UInt8(ascii: "\n") else {
                    throw error("carriage return not followed by line feed in comment")
                }
                return
            } else {
                throw error("control character \(describeByte()) in comment")
            }
        }
    }

    // MARK: - Small helpers

    @inline(__always)
    func isTripleQuote(_ quote: UInt8) -> Bool {
        pos + 2 < end && p[pos + 1] == quote && p[pos + 2] == quote
    }

    mutating func expect(_ byte: UInt8, _ message: @autoclosure () -> String) throws(TOMLError) {
        guard pos < end, p[pos] == byte else { throw error(message()) }
        pos += 1
    }

    mutating func expectWord(_ word: StaticString) throws(TOMLError) {
        let count = word.utf8CodeUnitCount
        let bytes = word.utf8Start
        guard pos + count <= end else { throw error("expected a value, found \(describeByte())") }
        for offset in 0..<count where p[pos + offset] != bytes[offset] {
            throw error("expected a value, found \(describeByte())")
        }
        pos += count
    }

    /// Builds a `String` from bytes already checked to be valid UTF-8.
    @inline(__always)
    func makeString(_ start: Int, _ stop: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + start, count: stop - start), as: UTF8.self)
    }

    /// Length of the valid UTF-8 sequence starting at `pos` (whose lead byte is >= 0x80).
    func utf8SequenceLength() throws(TOMLError) -> Int {
        let lead = p[pos]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw error("invalid UTF-8")
        }
        guard pos + length <= end else { throw error("truncated UTF-8 sequence") }
        guard p[pos + 1] >= low && p[pos + 1] <= high else { throw error("invalid UTF-8") }
        for offset in 2..<length where p[pos + offset] & 0xC0 != 0x80 {
            throw error("invalid UTF-8")
        }
        return length
    }

    func describeByte() -> String {
        guard pos < end else { return "end of input" }
        let byte = p[pos]
        switch byte {
        case UInt8(ascii: "\n"): return "end of line"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default: return "byte 0x" + String(byte, radix: 16, uppercase: true)
        }
    }

    func error(_ message: String) -> TOMLError {
        error(message, at: Mark(position: min(pos, end), line: line, lineStart: lineStart))
    }

    /// Column counts Unicode scalars (UTF-8 lead bytes) from the start of the line.
    func error(_ message: String, at mark: Mark) -> TOMLError {
        var column = 1
        var index = mark.lineStart
        while index < mark.position && index < end {
            if p[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return TOMLError(line: mark.line, column: column, message: message)
    }
}
