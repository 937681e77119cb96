/// Reads a zip archive's central directory (APPNOTE 6.3.x) without
/// decompressing anything. Wheels and cached downloads can be large or
/// hostile, so all access goes through a caller-supplied random-access
/// reader, every offset and length is checked against the file size, and
/// any inconsistency is a `ZipError` rather than a guess.
public enum ZipDirectory {
    /// Signature of a local file header, "PK\u{3}\u{4}".
    static let localHeaderSignature: UInt32 = 0x0403_4b50
    /// Signature of a central directory file header, "PK\u{1}\u{2}".
    static let centralHeaderSignature: UInt32 = 0x0201_4b50
    /// Signature of the classic End-of-Central-Directory record, "PK\u{5}\u{6}".
    static let endSignature: UInt32 = 0x0605_4b50
    /// Signature of the ZIP64 End-of-Central-Directory record, "PK\u{6}\u{6}".
    static let end64Signature: UInt32 = 0x0606_4b50
    /// Signature of the ZIP64 End-of-Central-Directory locator, "PK\u{6}\u{7}".
    static let end64LocatorSignature: UInt32 = 0x0706_4b50

    /// Fixed part of the classic end record.
    static let endRecordSize = 22
    /// Fixed part of the ZIP64 end record (without extensible data).
    static let end64RecordSize = 56
    /// Size of the ZIP64 locator.
    static let end64LocatorSize = 20
    /// Fixed part of a central directory file header.
    static let centralHeaderSize = 46
    /// Fixed part of a local file header.
    static let localHeaderSize: UInt64 = 30
    /// Longest possible archive comment; bounds the backwards scan.
    static let maxCommentSize = 65_535
    /// Header ID of the ZIP64 extended information extra field.
    static let zip64ExtraID: UInt16 = 0x0001

    /// Lists the entries of the archive's central directory.
    ///
    /// - Parameters:
    ///   - size: the file size in bytes.
    ///   - maxEntries: refuse archives claiming more entries than this, so a
    ///     lying count cannot drive a huge allocation.
    ///   - read: `read(offset, count)` returns exactly the bytes at
    ///     [offset, offset+count) or throws.
    /// - Returns: the entries in central-directory order.
    /// - Throws: `ZipError` for anything malformed, truncated or inconsistent,
    ///   including reader failures.
    public static func entries(
        size: UInt64, maxEntries: Int = 200_000, read: (UInt64, Int) throws -> [UInt8]
    ) throws(ZipError) -> [ZipEntry] {
        let end = try locateEnd(size: size, read: read)
        let directoryStart = try directoryStart(of: end, maxEntries: maxEntries)
        // Bytes prepended to the archive (self-extractors, zipapp shebangs)
        // shift every stored offset; Python's zipfile corrects the same way.
        let base = directoryStart - end.directoryOffset
        var cursor = ZipDirectoryCursor(start: directoryStart, end: end.position)
        var entries: [ZipEntry] = []
        entries.reserveCapacity(Int(end.entryCount))
        for index in 0..<end.entryCount {
            entries.append(try readEntry(index, cursor: &cursor, base: base, directoryStart: directoryStart, read: read))
        }
        // Python's zipfile ignores the count and parses until the size is
        // used up, so leftover bytes could hold entries pip sees and we don't.
        guard cursor.remaining == 0 else {
            throw ZipError("central directory has \(cursor.remaining) bytes beyond its \(end.entryCount) entries")
        }
        try checkNoOverlap(entries)
        return entries
    }

    /// Whether a file starting with `prefix` looks like a zip archive: a local
    /// file header, or the end record of an empty archive.
    public static func isZip(prefix: [UInt8]) -> Bool {
        guard prefix.count >= 4 else { return false }
        let signature = LittleEndian.u32(prefix, 0)
        return signature == localHeaderSignature || signature == endSignature
    }

    /// Calls the caller's reader, converting its failures and short reads
    /// into `ZipError` so the rest of the code can trust buffer lengths.
    static func fetch(
        offset: UInt64, count: Int, read: (UInt64, Int) throws -> [UInt8]
    ) throws(ZipError) -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try read(offset, count)
        } catch {
            throw ZipError("read of \(count) bytes at offset \(offset) failed: \(error)")
        }
        guard bytes.count == count else {
            throw ZipError("read of \(count) bytes at offset \(offset) returned \(bytes.count)")
        }
        return bytes
    }

    // MARK: - End of central directory

    /// Finds and decodes the end record, following the ZIP64 locator if any.
    static func locateEnd(
        size: UInt64, read: (UInt64, Int) throws -> [UInt8]
    ) throws(ZipError) -> ZipEndRecord {
        guard size >= UInt64(endRecordSize) else {
            throw ZipError("file of \(size) bytes is too small to hold an end of central directory record")
        }
        let tailLength = Int(min(size, UInt64(maxCommentSize + endRecordSize)))
        let tailStart = size - UInt64(tailLength)
        let tail = try fetch(offset: tailStart, count: tailLength, read: read)
        let index = try endRecordIndex(in: tail)
        let record = Array(tail[index..<(index + endRecordSize)])
        let position = tailStart + UInt64(index)
        if let zip64 = try zip64End(before: position, read: read) {
            return zip64
        }
        return try classicEnd(record, position: position)
    }

    /// Picks the end record in `tail` (the last bytes of the file) the way
    /// Python's zipfile does, the last signature with room for a record, but
    /// refuses cases where readers could disagree: if that candidate sits
    /// inside the comment of an earlier record whose comment reaches exactly
    /// to the end of the file, the archive is ambiguous.
    static func endRecordIndex(in tail: [UInt8]) throws(ZipError) -> Int {
        guard let last = previousSignature(in: tail, from: tail.count - endRecordSize) else {
            throw ZipError("no end of central directory record in the last \(tail.count) bytes")
        }
        if commentEnd(in: tail, at: last) == tail.count { return last }
        var candidate = previousSignature(in: tail, from: last - 1)
        while let index = candidate {
            if commentEnd(in: tail, at: index) == tail.count {
                throw ZipError("archive comment contains another end of central directory record")
            }
            candidate = previousSignature(in: tail, from: index - 1)
        }
        // Bytes after the comment are tolerated (Python does too), but a
        // comment running past the end means the file was truncated.
        guard commentEnd(in: tail, at: last) <= tail.count else {
            throw ZipError("archive comment runs past the end of the file (truncated?)")
        }
        return last
    }

    /// Index of the nearest end record signature at or before `start`.
    static func previousSignature(in tail: [UInt8], from start: Int) -> Int? {
        var index = min(start, tail.count - endRecordSize)
        while index >= 0 {
            if LittleEndian.u32(tail, index) == endSignature { return index }
            index -= 1
        }
        return nil
    }

    /// Where the comment of the end record at `index` ends, per its length field.
    static func commentEnd(in tail: [UInt8], at index: Int) -> Int {
        index + endRecordSize + Int(LittleEndian.u16(tail, index + 20))
    }

    /// Decodes a classic (non-ZIP64) end record.
    static func classicEnd(_ record: [UInt8], position: UInt64) throws(ZipError) -> ZipEndRecord {
        let disk = LittleEndian.u16(record, 4)
        let directoryDisk = LittleEndian.u16(record, 6)
        let diskEntries = LittleEndian.u16(record, 8)
        let totalEntries = LittleEndian.u16(record, 10)
        guard disk == 0, directoryDisk == 0, diskEntries == totalEntries else {
            throw ZipError("multi-disk archives are not supported")
        }
        return ZipEndRecord(
            position: position,
            entryCount: UInt64(totalEntries),
            directorySize: UInt64(LittleEndian.u32(record, 12)),
            directoryOffset: UInt64(LittleEndian.u32(record, 16))
        )
    }

    /// Returns the ZIP64 end record if a locator sits right before the
    /// classic end record at `endPosition`, or nil if there is none.
    static func zip64End(
        before endPosition: UInt64, read: (UInt64, Int) throws -> [UInt8]
    ) throws(ZipError) -> ZipEndRecord? {
        guard endPosition >= UInt64(end64LocatorSize) else { return nil }
        let locatorPosition = endPosition - UInt64(end64LocatorSize)
        let locator = try fetch(offset: locatorPosition, count: end64LocatorSize, read: read)
        guard LittleEndian.u32(locator, 0) == end64LocatorSignature else { return nil }
        guard LittleEndian.u32(locator, 4) == 0, LittleEndian.u32(locator, 16) <= 1 else {
            throw ZipError("multi-disk archives are not supported")
        }
        let position = try end64Position(
            locatorPosition: locatorPosition, storedOffset: LittleEndian.u64(locator, 8), read: read)
        let record = try fetch(offset: position, count: end64RecordSize, read: read)
        return try decodeEnd64(record, position: position)
    }

    /// Where the ZIP64 end record is. Python's zipfile only looks directly
    /// before the locator (which also works when data was prepended); the
    /// stored offset is the fallback for records with extensible data.
    static func end64Position(
        locatorPosition: UInt64, storedOffset: UInt64, read: (UInt64, Int) throws -> [UInt8]
    ) throws(ZipError) -> UInt64 {
        let recordSize = UInt64(end64RecordSize)
        if locatorPosition >= recordSize {
            let adjacent = locatorPosition - recordSize
            let signature = try fetch(offset: adjacent, count: 4, read: read)
            if LittleEndian.u32(signature, 0) == end64Signature { return adjacent }
        }
        guard storedOffset <= locatorPosition, locatorPosition - storedOffset >= recordSize else {
            throw ZipError("ZIP64 end record offset \(storedOffset) is not before its locator at \(locatorPosition)")
        }
        let signature = try fetch(offset: storedOffset, count: 4, read: read)
        guard LittleEndian.u32(signature, 0) == end64Signature else {
            throw ZipError("ZIP64 locator points to \(storedOffset), which is not a ZIP64 end record")
        }
        return storedOffset
    }

    /// Decodes the fixed part of a ZIP64 end record.
    static func decodeEnd64(_ record: [UInt8], position: UInt64) throws(ZipError) -> ZipEndRecord {
        guard LittleEndian.u32(record, 0) == end64Signature else {
            throw ZipError("missing ZIP64 end record signature at offset \(position)")
        }
        let diskEntries = LittleEndian.u64(record, 24)
        let totalEntries = LittleEndian.u64(record, 32)
        guard LittleEndian.u32(record, 16) == 0, LittleEndian.u32(record, 20) == 0,
            diskEntries == totalEntries
        else {
            throw ZipError("multi-disk archives are not supported")
        }
        return ZipEndRecord(
            position: position,
            entryCount: totalEntries,
            directorySize: LittleEndian.u64(record, 40),
            directoryOffset: LittleEndian.u64(record, 48)
        )
    }

    /// Validates the claimed directory against the file layout and returns
    /// its absolute start. The directory must end exactly where the end
    /// record begins, and the count must be plausible for its size.
    static func directoryStart(of end: ZipEndRecord, maxEntries: Int) throws(ZipError) -> UInt64 {
        guard end.directorySize <= end.position else {
            throw ZipError("central directory size \(end.directorySize) exceeds the \(end.position) bytes before the end record")
        }
        let start = end.position - end.directorySize
        guard end.directoryOffset <= start else {
            throw ZipError("central directory offset \(end.directoryOffset) lies beyond its actual start \(start)")
        }
        guard end.entryCount <= UInt64(max(maxEntries, 0)) else {
            throw ZipError("archive claims \(end.entryCount) entries, more than the limit of \(maxEntries)")
        }
        guard end.entryCount <= end.directorySize / UInt64(centralHeaderSize) else {
            throw ZipError("\(end.entryCount) entries cannot fit in a \(end.directorySize)-byte central directory")
        }
        return start
    }

    // MARK: - Central directory entries

    /// Reads one central directory file header and resolves its ZIP64 fields.
    static func readEntry(
        _ index: UInt64, cursor: inout ZipDirectoryCursor, base: UInt64, directoryStart: UInt64,
        read: (UInt64, Int) throws -> [UInt8]
    ) throws(ZipError) -> ZipEntry {
        let what = "central directory entry \(index)"
        let header = try cursor.take(centralHeaderSize, what: what, read: read)
        guard LittleEndian.u32(header, 0) == centralHeaderSignature else {
            throw ZipError("\(what) at offset \(cursor.position - UInt64(centralHeaderSize)) has a bad signature")
        }
        let rawName = try cursor.take(Int(LittleEndian.u16(header, 28)), what: "name of \(what)", read: read)
        let extra = try cursor.take(Int(LittleEndian.u16(header, 30)), what: "extra field of \(what)", read: read)
        try cursor.skip(Int(LittleEndian.u16(header, 32)), what: "comment of \(what)")
        let sizes = try resolveZip64(
            compressed: LittleEndian.u32(header, 20), uncompressed: LittleEndian.u32(header, 24),
            offset: LittleEndian.u32(header, 42), extra: extra, what: what)
        let localOffset = try absoluteLocalOffset(
            sizes.offset, base: base, compressedSize: sizes.compressed, directoryStart: directoryStart, what: what)
        return ZipEntry(
            rawName: rawName, compressedSize: sizes.compressed, uncompressedSize: sizes.uncompressed,
            crc32: LittleEndian.u32(header, 16), method: LittleEndian.u16(header, 10),
            localHeaderOffset: localOffset)
    }

    /// Replaces 0xFFFFFFFF placeholders with the 64-bit values from the ZIP64
    /// extra field, which stores only the saturated fields, in this order.
    /// Without such a field the 32-bit values stand, as in Python's zipfile.
    static func resolveZip64(
        compressed: UInt32, uncompressed: UInt32, offset: UInt32, extra: [UInt8], what: String
    ) throws(ZipError) -> (compressed: UInt64, uncompressed: UInt64, offset: UInt64) {
        var result = (compressed: UInt64(compressed), uncompressed: UInt64(uncompressed), offset: UInt64(offset))
        let saturated = UInt32.max
        guard compressed == saturated || uncompressed == saturated || offset == saturated,
            let data = try extraField(zip64ExtraID, in: extra, what: what)
        else { return result }
        var position = 0
        func next() throws(ZipError) -> UInt64 {
            guard position + 8 <= data.count else {
                throw ZipError("ZIP64 extra field of \(what) is too short")
            }
            defer { position += 8 }
            return LittleEndian.u64(data, position)
        }
        if uncompressed == saturated { result.uncompressed = try next() }
        if compressed == saturated { result.compressed = try next() }
        if offset == saturated { result.offset = try next() }
        return result
    }

    /// Returns the data of the extra field with header `id`, or nil. Records
    /// overrunning the extra area are errors; a tail shorter than a record
    /// header is ignored, as Python's zipfile does.
    static func extraField(_ id: UInt16, in extra: [UInt8], what: String) throws(ZipError) -> [UInt8]? {
        var position = 0
        while position + 4 <= extra.count {
            let fieldID = LittleEndian.u16(extra, position)
            let length = Int(LittleEndian.u16(extra, position + 2))
            let dataStart = position + 4
            guard dataStart + length <= extra.count else {
                throw ZipError("extra field 0x\(String(fieldID, radix: 16)) of \(what) overruns its extra area")
            }
            if fieldID == id { return Array(extra[dataStart..<(dataStart + length)]) }
            position = dataStart + length
        }
        return nil
    }

    /// Converts a stored local header offset to an absolute one and checks
    /// that the header and its data lie before the central directory.
    static func absoluteLocalOffset(
        _ stored: UInt64, base: UInt64, compressedSize: UInt64, directoryStart: UInt64, what: String
    ) throws(ZipError) -> UInt64 {
        // base <= directoryStart, so subtracting keeps every comparison free
        // of overflow even for hostile 64-bit values.
        let room = directoryStart - base
        guard stored <= room, room - stored >= localHeaderSize,
            room - stored - localHeaderSize >= compressedSize
        else {
            throw ZipError("\(what): local header at \(stored) with \(compressedSize) data bytes does not fit before the central directory")
        }
        return base + stored
    }

    /// Rejects entries whose local header plus data overlap another entry's
    /// local header: that is how "overlapping" zip bombs and ambiguous
    /// archives are built.
    static func checkNoOverlap(_ entries: [ZipEntry]) throws(ZipError) {
        let sorted = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        for (previous, next) in zip(sorted, sorted.dropFirst()) {
            // Both spans were checked to end before the directory, so no overflow.
            let previousEnd = previous.localHeaderOffset + localHeaderSize + previous.compressedSize
            guard previousEnd <= next.localHeaderOffset else {
                throw ZipError("entries \"\(previous.name)\" and \"\(next.name)\" overlap at offset \(next.localHeaderOffset)")
            }
        }
    }
}
