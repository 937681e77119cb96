/// TOML 1.0 parser over raw bytes.
///
/// Lockfiles are untrusted input, so the parser validates UTF-8 itself, bounds nesting depth,
/// and reports every problem as a `TOMLError` instead of trapping.
public enum TOML {
    /// Deepest nesting of tables, arrays and inline tables accepted; deeper input is an error
    /// rather than a risk of exhausting the stack in recursive descent or teardown.
    public static let maxDepth = 256

    /// Parses a UTF-8 TOML document (a leading BOM is allowed).
    public static func parse(_ bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(TOMLError) -> TOMLTable in try parse(buffer: buffer) }
        }
        return try result.get()
    }

    /// Parses a TOML document held in a `String`.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(TOMLError) -> TOMLTable in try parse(buffer: buffer) }
        }
        return try result.get()
    }

    /// Parses bytes the caller keeps alive for the duration of the call.
    public static func parse(buffer: UnsafeBufferPointer<UInt8>) throws(TOMLError) -> TOMLTable {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return TOMLTable(line: 1) }
        var parser = TOMLParser(base: base, count: buffer.count)
        return try parser.parseDocument()
    }
}
