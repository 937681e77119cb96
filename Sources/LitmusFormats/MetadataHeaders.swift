/// The header block of a Python core-metadata file (`METADATA` in a
/// `*.dist-info`, `PKG-INFO` in a `*.egg-info` or sdist).
///
/// The format is RFC 822 style: `Name: value` lines, continuation lines
/// starting with a space or tab, and a first empty line that ends the
/// headers. Parsing stops there, so a multi-megabyte description body is
/// never read. Folded values keep their line breaks (as `\n`) and the
/// continuation lines' leading whitespace, as Python's `email` package
/// (compat32 policy) does.
public struct MetadataHeaders: Sendable, Equatable {
    /// One header occurrence.
    public struct Field: Sendable, Equatable {
        /// Header name as written in the file.
        public let name: String
        /// Value with leading and trailing whitespace removed; invalid UTF-8
        /// is replaced by U+FFFD.
        public let value: String
        /// 1-based line of the header name.
        public let line: Int

        /// Creates a field.
        public init(name: String, value: String, line: Int) {
            self.name = name
            self.value = value
            self.line = line
        }
    }

    /// Largest header block accepted, in bytes; real blocks are a few KiB,
    /// so anything larger is not a metadata file worth trusting.
    public static let maxHeaderBytes = 1 << 20

    /// All header occurrences in file order.
    public let fields: [Field]

    /// Parses the header block of `bytes` (LF or CRLF line breaks).
    ///
    /// Throws for NUL bytes (a binary file), for a line that is neither a
    /// header nor a continuation, and for a block larger than
    /// ``maxHeaderBytes``. Missing `Name`/`Version` is not an error here.
    public init(parsing bytes: [UInt8]) throws(MetadataError) {
        fields = try MetadataHeaderScanner(bytes: bytes).scan()
    }

    /// Value of the first header called `name` (case-insensitive).
    public func first(_ name: String) -> String? {
        fields.first { Self.sameName($0.name, name) }?.value
    }

    /// Values of every header called `name` (case-insensitive), in order.
    public func all(_ name: String) -> [String] {
        fields.filter { Self.sameName($0.name, name) }.map(\.value)
    }

    /// The `Name` header: the distribution name.
    public var name: String? { first("Name") }

    /// The `Version` header: the distribution version.
    public var version: String? { first("Version") }

    /// 1-based line of the first header called `name` (case-insensitive).
    public func line(of name: String) -> Int? {
        fields.first { Self.sameName($0.name, name) }?.line
    }

    /// ASCII case-insensitive comparison; header names are FormatASCII.
    private static func sameName(_ lhs: String, _ rhs: String) -> Bool {
        lhs.lowercased() == rhs.lowercased()
    }
}

/// A file that is not a well-formed metadata header block.
public struct MetadataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line where the problem was found.
    public let line: Int
    /// Human-readable explanation.
    public let message: String

    /// Creates an error.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `line L: message`.
    public var description: String { "line \(line): \(message)" }
}

/// Line-by-line scanner for the header block.
struct MetadataHeaderScanner {
    /// A header whose value may still grow through continuation lines.
    private struct Pending {
        let name: String
        var value: [UInt8]
        let line: Int
    }

    private let bytes: [UInt8]
    private var fields: [MetadataHeaders.Field] = []
    private var pending: Pending?

    /// Creates a scanner over a whole file.
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads header lines until the first empty line or the end of input.
    consuming func scan() throws(MetadataError) -> [MetadataHeaders.Field] {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let limit = start + MetadataHeaders.maxHeaderBytes
        var offset = start
        var lineNumber = 0
        while offset < bytes.count {
            lineNumber += 1
            let end = try lineEnd(from: offset, limit: limit, lineNumber: lineNumber)
            let content = trimCR(offset, end)
            if content.isEmpty { break }
            try consume(content, lineNumber: lineNumber)
            offset = end + 1
        }
        flush()
        return fields
    }

    /// Index of the LF ending the line at `offset` (or the end of input),
    /// refusing to look past the size cap.
    private func lineEnd(from offset: Int, limit: Int, lineNumber: Int) throws(MetadataError) -> Int {
        let searchEnd = min(bytes.count, limit)
        var index = offset
        while index < searchEnd, bytes[index] != FormatASCII.lf { index += 1 }
        if index == searchEnd, searchEnd < bytes.count {
            throw MetadataError(line: lineNumber, message: "header block exceeds \(MetadataHeaders.maxHeaderBytes) bytes")
        }
        return index
    }

    /// The line's bytes without a trailing CR.
    private func trimCR(_ start: Int, _ end: Int) -> ArraySlice<UInt8> {
        var end = end
        if end > start, bytes[end - 1] == FormatASCII.cr { end -= 1 }
        return bytes[start..<end]
    }

    /// Handles one non-empty header-block line.
    private mutating func consume(_ line: ArraySlice<UInt8>, lineNumber: Int) throws(MetadataError) {
        if line.contains(0) {
            throw MetadataError(line: lineNumber, message: "NUL byte in header block (binary file?)")
        }
        guard let first = line.first, FormatASCII.isBlank(first) else {
            try startHeader(line, lineNumber: lineNumber)
            return
        }
        guard pending != nil else {
            throw MetadataError(line: lineNumber, message: "continuation line without a preceding header")
        }
        // Folded value: keep the break and the indentation, like Python's email compat32.
        pending?.value.append(FormatASCII.lf)
        pending?.value.append(contentsOf: line)
    }

    /// Starts a new `Name: value` header after validating the name.
    private mutating func startHeader(_ line: ArraySlice<UInt8>, lineNumber: Int) throws(MetadataError) {
        guard let colon = line.firstIndex(of: FormatASCII.colon) else {
            throw MetadataError(line: lineNumber, message: "header line without ':'")
        }
        let name = line[line.startIndex..<colon]
        // RFC 5322 field names: printable ASCII except ':' and space.
        guard !name.isEmpty, name.allSatisfy({ (33...126).contains($0) }) else {
            throw MetadataError(line: lineNumber, message: "invalid header name")
        }
        flush()
        var valueStart = colon + 1
        while valueStart < line.endIndex, FormatASCII.isBlank(line[valueStart]) { valueStart += 1 }
        pending = Pending(name: String(decoding: name, as: UTF8.self), value: Array(line[valueStart...]), line: lineNumber)
    }

    /// Records the pending header, trimming trailing whitespace.
    private mutating func flush() {
        guard let header = pending else { return }
        pending = nil
        var value = header.value[...]
        while let last = value.last, FormatASCII.isBlank(last) || last == FormatASCII.lf || last == FormatASCII.cr {
            value = value.dropLast()
        }
        let text = String(decoding: value, as: UTF8.self)
        fields.append(MetadataHeaders.Field(name: header.name, value: text, line: header.line))
    }
}
