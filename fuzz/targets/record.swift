// libFuzzer target: wheel RECORD files (CSV of path, hash, size).
import LitmusFormats

/// Parses the input as RECORD and checks every path with the safe-path filter.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let entries = try? RecordFile.parse(bytes) else { return 0 }
    for entry in entries { _ = RecordFile.safeRelativePath(entry.path) }
    return 0
}
