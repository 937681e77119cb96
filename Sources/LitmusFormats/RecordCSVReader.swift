/// Splits `RECORD` bytes into rows of raw fields following the rules of
/// Python's `csv` module (excel dialect), which is what writes and reads
/// RECORD files: ',' separates, '"' quotes, '""' is a literal quote inside
/// quotes, quoted fields may span lines, and rows end at LF, CRLF or CR.
struct RecordCSVReader {
    /// A row of raw (still undecoded) fields and the line it starts on.
    struct Row {
        /// Field bytes, quotes removed.
        let fields: [[UInt8]]
        /// 1-based starting line.
        let line: Int
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// The input.
    private let bytes: [UInt8]
    /// Next byte to read.
    private var index = 0
    /// Current 1-based line.
    private var line = 1

    /// Creates a reader over `bytes`.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Returns the next non-blank row, or nil at end of input.
    mutating func nextRow() throws(RecordError) -> Row? {
        while index < bytes.count {
            if consumeLineEnd() { continue }  // blank line: no row, as in csv
            let start = line
            return Row(fields: try readFields(rowLine: start), line: start)
        }
        return nil
    }

    /// Reads fields until the end of the row (or of the input).
    private mutating func readFields(rowLine: Int) throws(RecordError) -> [[UInt8]] {
        var fields: [[UInt8]] = []
        while true {
            fields.append(try readField(rowLine: rowLine))
            if index < bytes.count, bytes[index] == RecordCSVReader.comma {
                index += 1
                continue
            }
            _ = consumeLineEnd()
            return fields
        }
    }

    /// Reads one field, stopping before the ',' or line end that follows it.
    private mutating func readField(rowLine: Int) throws(RecordError) -> [UInt8] {
        var field: [UInt8] = []
        var quoted = index < bytes.count && bytes[index] == RecordCSVReader.quote
        if quoted { index += 1 }
        while index < bytes.count {
            let byte = bytes[index]
            guard byte != 0 else { throw RecordError(line: line, message: "NUL byte") }
            if quoted {
                if byte == RecordCSVReader.quote {
                    index += 1
                    // '""' is an escaped quote; a lone '"' closes the quotes,
                    // and (like csv's non-strict mode) text may follow it.
                    if index < bytes.count, bytes[index] == RecordCSVReader.quote {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                    continue
                }
                if isLineEnd(byte) {
                    // Line ends inside quotes belong to the field verbatim.
                    let lineEndStart = index
                    _ = consumeLineEnd()
                    field.append(contentsOf: bytes[lineEndStart..<index])
                } else {
                    field.append(byte)
                    index += 1
                }
                continue
            }
            if byte == RecordCSVReader.comma || isLineEnd(byte) { break }
            // Outside quotes a '"' is an ordinary character, as in csv.
            field.append(byte)
            index += 1
        }
        if quoted { throw RecordError(line: rowLine, message: "unterminated quoted field") }
        return field
    }

    /// Whether `byte` ends a line.
    private func isLineEnd(_ byte: UInt8) -> Bool {
        byte == RecordCSVReader.lineFeed || byte == RecordCSVReader.carriageReturn
    }

    /// If a line end (LF, CRLF or CR) starts at `index`, consumes it, counts
    /// the line, and returns true.
    private mutating func consumeLineEnd() -> Bool {
        guard index < bytes.count, isLineEnd(bytes[index]) else { return false }
        if bytes[index] == RecordCSVReader.carriageReturn, index + 1 < bytes.count,
            bytes[index + 1] == RecordCSVReader.lineFeed
        {
            index += 1
        }
        index += 1
        line += 1
        return true
    }
}
