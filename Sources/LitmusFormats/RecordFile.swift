/// Parser for wheel `RECORD` files (PEP 376 / PEP 427), the per-file hash
/// manifest that lets litmus verify installed files against their wheel.
public enum RecordFile {
    /// Expected digest lengths of the algorithms pip accepts in RECORD files;
    /// a mismatch means a corrupted or hand-edited row.
    private static let digestLengths: [String: Int] = [
        "sha224": 28, "sha256": 32, "sha384": 48, "sha512": 64,
    ]

    /// Parses RECORD bytes (UTF-8 CSV, LF or CRLF). Blank lines are skipped.
    /// Every other row must have exactly three fields: a non-empty path, an
    /// empty or `algorithm=base64url` hash, and an empty or decimal size.
    ///
    /// - Throws: `RecordError` naming the line of the first malformed row
    ///   (wrong field count, bad base64, non-numeric size, unterminated
    ///   quote, NUL byte, invalid UTF-8).
    public static func parse(_ bytes: [UInt8]) throws(RecordError) -> [RecordEntry] {
        var reader = RecordCSVReader(bytes)
        var entries: [RecordEntry] = []
        while let row = try reader.nextRow() {
            entries.append(try entry(from: row))
        }
        return entries
    }

    /// The first `maxEntries` rows as entries and how many rows there are in all: rows past the
    /// limit are read (so a malformed CSV is still an error) but not kept, so a hostile
    /// million-row RECORD costs `maxEntries` entries of memory.
    public static func parse(_ bytes: [UInt8], maxEntries: Int) throws(RecordError) -> (entries: [RecordEntry], total: Int) {
        var reader = RecordCSVReader(bytes)
        var entries: [RecordEntry] = []
        var total = 0
        while let row = try reader.nextRow() {
            total += 1
            if entries.count < maxEntries { entries.append(try entry(from: row)) }
        }
        return (entries, total)
    }

    /// Converts one CSV row into an entry.
    private static func entry(from row: RecordCSVReader.Row) throws(RecordError) -> RecordEntry {
        guard row.fields.count == 3 else {
            throw RecordError(line: row.line, message: "expected 3 fields, found \(row.fields.count)")
        }
        let path = try text(row.fields[0], field: "path", line: row.line)
        guard !path.isEmpty else { throw RecordError(line: row.line, message: "empty path") }
        let hash = try parseHash(row.fields[1], line: row.line)
        let size = try parseSize(row.fields[2], line: row.line)
        return RecordEntry(
            path: path, hashAlgorithm: hash?.algorithm, digest: hash?.digest, size: size, line: row.line)
    }

    /// Decodes a field as strict UTF-8; lossy decoding would let two
    /// different byte paths compare equal.
    private static func text(_ bytes: [UInt8], field: String, line: Int) throws(RecordError) -> String {
        guard let value = String(validating: bytes, as: UTF8.self) else {
            throw RecordError(line: line, message: "\(field) is not valid UTF-8")
        }
        return value
    }

    /// Parses `algorithm=digest`; nil for an empty field.
    private static func parseHash(
        _ bytes: [UInt8], line: Int
    ) throws(RecordError) -> (algorithm: String, digest: [UInt8])? {
        guard !bytes.isEmpty else { return nil }
        let hash = try text(bytes, field: "hash", line: line)
        guard let equals = hash.firstIndex(of: "=") else {
            throw RecordError(line: line, message: "hash \"\(hash)\" has no algorithm= prefix")
        }
        let algorithm = String(hash[..<equals])
        let encoded = String(hash[hash.index(after: equals)...])
        guard !algorithm.isEmpty else { throw RecordError(line: line, message: "hash has an empty algorithm") }
        // Debian's dh-python rewrites RECORD digests as hex; PEP 376 says base64url. Accept both,
        // telling them apart by length (a base64url SHA-256 is 43 characters, hex is 64).
        if let expected = digestLengths[algorithm], encoded.utf8.count == expected * 2, let hex = Hex.decode(encoded) {
            return (algorithm, hex)
        }
        guard let digest = Base64URL.decode(encoded), !digest.isEmpty else {
            throw RecordError(line: line, message: "hash digest \"\(encoded)\" is not valid base64url")
        }
        if let expected = digestLengths[algorithm], digest.count != expected {
            throw RecordError(line: line, message: "\(algorithm) digest has \(digest.count) bytes, expected \(expected)")
        }
        return (algorithm, digest)
    }

    /// Parses a decimal size; nil for an empty field. Only ASCII digits are
    /// accepted (no sign, spaces or underscores), and it must fit in UInt64.
    private static func parseSize(_ bytes: [UInt8], line: Int) throws(RecordError) -> UInt64? {
        guard !bytes.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw RecordError(line: line, message: "size is not a decimal number")
            }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else {
                throw RecordError(line: line, message: "size does not fit in 64 bits")
            }
            value = sum
        }
        return value
    }
}
