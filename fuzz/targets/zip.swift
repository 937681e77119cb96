// libFuzzer target: the zip central-directory reader (wheels, cached downloads).
import LitmusFormats

/// Treats the input as a whole archive read through a bounds-checked random-access reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    struct OutOfRange: Error {}
    _ = try? ZipDirectory.entries(size: UInt64(bytes.count)) { offset, count in
        // The reader contract: exactly [offset, offset+count) or throw.
        guard count >= 0, offset <= UInt64(bytes.count), UInt64(count) <= UInt64(bytes.count) - offset else {
            throw OutOfRange()
        }
        let start = Int(offset)
        return Array(bytes[start..<start + count])
    }
    _ = ZipDirectory.isZip(prefix: Array(bytes.prefix(64)))
    return 0
}
