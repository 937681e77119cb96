/// Reads the content of one zip member (stored or deflated) through a random-access reader,
/// with the checks Python's zipfile makes and more: the local header must match, the output may
/// not exceed the caller's cap nor the size the central directory declares, and the result
/// must have exactly the declared size and CRC-32. Compressed data is read in bounded chunks.
public enum ZipMember {
    /// Largest chunk of compressed data read at once.
    static let chunkSize = 64 * 1024

    /// The decompressed bytes of `entry`.
    ///
    /// - Parameters:
    ///   - limit: the largest content accepted; an entry declaring more, or producing more
    ///     than it declares, is an error before its output grows past either bound.
    ///   - read: `read(offset, count)` returns exactly those bytes of the archive or throws.
    /// - Throws: `ZipError` for anything malformed, oversized, unsupported or failing its CRC.
    public static func content(
        of entry: ZipEntry, limit: Int, read: @escaping (UInt64, Int) throws -> [UInt8]
    ) throws(ZipError) -> [UInt8] {
        let what = "member \"\(entry.name)\""
        guard entry.uncompressedSize <= UInt64(max(limit, 0)) else {
            throw ZipError("\(what) declares \(entry.uncompressedSize) bytes, over the limit of \(limit)")
        }
        let declared = Int(entry.uncompressedSize)
        let header = try ZipDirectory.fetch(offset: entry.localHeaderOffset, count: Int(ZipDirectory.localHeaderSize), read: read)
        guard LittleEndian.u32(header, 0) == ZipDirectory.localHeaderSignature else {
            throw ZipError("\(what): no local file header at offset \(entry.localHeaderOffset)")
        }
        let flags = LittleEndian.u16(header, 6)
        guard flags & 1 == 0 else { throw ZipError("\(what) is encrypted") }
        let skip = ZipDirectory.localHeaderSize + UInt64(LittleEndian.u16(header, 26)) + UInt64(LittleEndian.u16(header, 28))
        let dataStart = entry.localHeaderOffset + skip
        var source = ZipMemberSource(offset: dataStart, remaining: entry.compressedSize, read: read)
        let bytes: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw ZipError("stored \(what) has compressed size \(entry.compressedSize) but size \(entry.uncompressedSize)")
            }
            var out: [UInt8] = []
            out.reserveCapacity(declared)
            do {
                while let chunk = try source.next() { out.append(contentsOf: chunk) }
            } catch {
                throw ZipError("\(what): \(error)")
            }
            bytes = out
        case 8:
            do {
                bytes = try Inflate.decompress(limit: declared, from: &source)
            } catch where error.kind == .outputLimit {
                throw ZipError("\(what) decompresses to more than its declared \(declared) bytes")
            } catch {
                throw ZipError("\(what): \(error)")
            }
        default:
            throw ZipError("\(what) uses compression method \(entry.method), which litmus does not decode")
        }
        guard bytes.count == declared else {
            throw ZipError("\(what) decompresses to \(bytes.count) bytes but declares \(declared)")
        }
        let crc = CRC32.checksum(bytes)
        guard crc == entry.crc32 else {
            throw ZipError("\(what) fails its CRC-32 check (recorded \(hex(entry.crc32)), computed \(hex(crc)))")
        }
        return bytes
    }

    private static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

/// The compressed bytes of one member, fetched in chunks of at most ``ZipMember/chunkSize``.
struct ZipMemberSource: InflateSource {
    var offset: UInt64
    var remaining: UInt64
    let read: (UInt64, Int) throws -> [UInt8]

    mutating func next() throws(InflateError) -> [UInt8]? {
        guard remaining > 0 else { return nil }
        let count = Int(min(remaining, UInt64(ZipMember.chunkSize)))
        let bytes: [UInt8]
        do {
            bytes = try ZipDirectory.fetch(offset: offset, count: count, read: read)
        } catch {
            throw InflateError(.input, error.description)
        }
        offset += UInt64(count)
        remaining -= UInt64(count)
        return bytes
    }
}
