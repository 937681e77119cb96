/// Minimal zip writer for tests: stored (uncompressed) entries only, with
/// options for ZIP64 structures, comments, prepended bytes and extra fields,
/// so edge cases can be built without committing binaries.
struct TestZipWriter {
    /// One file to store.
    struct Entry {
        /// Raw name bytes (need not be valid UTF-8).
        var name: [UInt8]
        /// File contents.
        var data: [UInt8]
        /// Extra field bytes appended to the central header's extra area.
        var extra: [UInt8] = []

        /// Entry with a UTF-8 name.
        init(_ name: String, _ data: String, extra: [UInt8] = []) {
            self.name = Array(name.utf8)
            self.data = Array(data.utf8)
            self.extra = extra
        }

        /// Entry with a raw name.
        init(rawName: [UInt8], data: [UInt8]) {
            self.name = rawName
            self.data = data
        }
    }

    /// Files in archive order.
    var entries: [Entry]
    /// Archive comment.
    var comment: [UInt8] = []
    /// Bytes before the archive (like a zipapp shebang); offsets stay
    /// relative to the archive start, as real writers produce them.
    var prefix: [UInt8] = []
    /// Write every size/offset as 0xFFFFFFFF with ZIP64 extras, and a ZIP64
    /// end record plus locator.
    var zip64 = false

    /// Layout facts tests use to corrupt specific fields.
    struct Layout {
        /// Absolute offset of the central directory.
        var directoryStart = 0
        /// Absolute offset of the classic end record.
        var endRecord = 0
        /// Absolute offset of the ZIP64 end record, if written.
        var end64Record: Int?
    }

    /// The archive bytes.
    func build() -> [UInt8] { buildWithLayout().bytes }

    /// The archive bytes and where its structures are.
    func buildWithLayout() -> (bytes: [UInt8], layout: Layout) {
        var out = prefix
        var layout = Layout()
        var offsets: [Int] = []
        for entry in entries {
            offsets.append(out.count - prefix.count)
            appendLocalHeader(entry, to: &out)
        }
        layout.directoryStart = out.count
        for (entry, offset) in zip(entries, offsets) {
            appendCentralHeader(entry, offset: offset, to: &out)
        }
        let directorySize = out.count - layout.directoryStart
        let directoryOffset = layout.directoryStart - prefix.count
        if zip64 {
            layout.end64Record = out.count
            appendEnd64(size: directorySize, offset: directoryOffset, to: &out)
        }
        layout.endRecord = out.count
        appendEnd(size: directorySize, offset: directoryOffset, to: &out)
        return (out, layout)
    }

    private func appendLocalHeader(_ entry: Entry, to out: inout [UInt8]) {
        out.zipAppend32(0x0403_4b50)
        out.zipAppend16(zip64 ? 45 : 20)
        out.zipAppend16(0x0800)  // UTF-8 names
        out.zipAppend16(0)  // stored
        out.zipAppend16(0)
        out.zipAppend16(0x21)  // 1980-01-01
        out.zipAppend32(TestCRC32.checksum(entry.data))
        out.zipAppend32(zip64 ? UInt32.max : UInt32(entry.data.count))
        out.zipAppend32(zip64 ? UInt32.max : UInt32(entry.data.count))
        out.zipAppend16(UInt16(entry.name.count))
        out.zipAppend16(zip64 ? 20 : 0)
        out += entry.name
        if zip64 {
            out.zipAppend16(1)
            out.zipAppend16(16)
            out.zipAppend64(UInt64(entry.data.count))
            out.zipAppend64(UInt64(entry.data.count))
        }
        out += entry.data
    }

    private func appendCentralHeader(_ entry: Entry, offset: Int, to out: inout [UInt8]) {
        var extra: [UInt8] = []
        if zip64 {
            extra.zipAppend16(1)
            extra.zipAppend16(24)
            extra.zipAppend64(UInt64(entry.data.count))
            extra.zipAppend64(UInt64(entry.data.count))
            extra.zipAppend64(UInt64(offset))
        }
        extra += entry.extra
        out.zipAppend32(0x0201_4b50)
        out.zipAppend16(0x031E)
        out.zipAppend16(zip64 ? 45 : 20)
        out.zipAppend16(0x0800)
        out.zipAppend16(0)
        out.zipAppend16(0)
        out.zipAppend16(0x21)
        out.zipAppend32(TestCRC32.checksum(entry.data))
        out.zipAppend32(zip64 ? UInt32.max : UInt32(entry.data.count))
        out.zipAppend32(zip64 ? UInt32.max : UInt32(entry.data.count))
        out.zipAppend16(UInt16(entry.name.count))
        out.zipAppend16(UInt16(extra.count))
        out.zipAppend16(0)  // comment
        out.zipAppend16(0)  // disk
        out.zipAppend16(0)  // internal attributes
        out.zipAppend32(0)  // external attributes
        out.zipAppend32(zip64 ? UInt32.max : UInt32(offset))
        out += entry.name
        out += extra
    }

    private func appendEnd64(size: Int, offset: Int, to out: inout [UInt8]) {
        let recordOffset = out.count - prefix.count
        out.zipAppend32(0x0606_4b50)
        out.zipAppend64(44)
        out.zipAppend16(0x031E)
        out.zipAppend16(45)
        out.zipAppend32(0)
        out.zipAppend32(0)
        out.zipAppend64(UInt64(entries.count))
        out.zipAppend64(UInt64(entries.count))
        out.zipAppend64(UInt64(size))
        out.zipAppend64(UInt64(offset))
        out.zipAppend32(0x0706_4b50)
        out.zipAppend32(0)
        out.zipAppend64(UInt64(recordOffset))
        out.zipAppend32(1)
    }

    private func appendEnd(size: Int, offset: Int, to out: inout [UInt8]) {
        out.zipAppend32(0x0605_4b50)
        out.zipAppend16(0)
        out.zipAppend16(0)
        out.zipAppend16(zip64 ? UInt16.max : UInt16(entries.count))
        out.zipAppend16(zip64 ? UInt16.max : UInt16(entries.count))
        out.zipAppend32(zip64 ? UInt32.max : UInt32(size))
        out.zipAppend32(zip64 ? UInt32.max : UInt32(offset))
        out.zipAppend16(UInt16(comment.count))
        out += comment
    }
}

/// CRC-32 (IEEE, as in zip) for the test writer.
enum TestCRC32 {
    /// Byte-wise lookup table for the reflected polynomial 0xEDB88320.
    static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        return crc
    }

    /// CRC-32 of `bytes`.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc = UInt32.max
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }
}

extension Array where Element == UInt8 {
    /// Appends a little-endian UInt16.
    mutating func zipAppend16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    /// Appends a little-endian UInt32.
    mutating func zipAppend32(_ value: UInt32) {
        zipAppend16(UInt16(truncatingIfNeeded: value))
        zipAppend16(UInt16(truncatingIfNeeded: value >> 16))
    }

    /// Appends a little-endian UInt64.
    mutating func zipAppend64(_ value: UInt64) {
        zipAppend32(UInt32(truncatingIfNeeded: value))
        zipAppend32(UInt32(truncatingIfNeeded: value >> 32))
    }

    /// Overwrites a little-endian UInt16 at `offset` (test corruption).
    mutating func zipPut16(_ value: UInt16, at offset: Int) {
        self[offset] = UInt8(truncatingIfNeeded: value)
        self[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
    }

    /// Overwrites a little-endian UInt32 at `offset` (test corruption).
    mutating func zipPut32(_ value: UInt32, at offset: Int) {
        zipPut16(UInt16(truncatingIfNeeded: value), at: offset)
        zipPut16(UInt16(truncatingIfNeeded: value >> 16), at: offset + 2)
    }

    /// Overwrites a little-endian UInt64 at `offset` (test corruption).
    mutating func zipPut64(_ value: UInt64, at offset: Int) {
        zipPut32(UInt32(truncatingIfNeeded: value), at: offset)
        zipPut32(UInt32(truncatingIfNeeded: value >> 32), at: offset + 4)
    }
}
