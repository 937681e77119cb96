// libFuzzer target: core-metadata headers (METADATA, PKG-INFO).
import LitmusFormats

/// Parses the input as METADATA and queries the fields the extractor uses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let headers = try? MetadataHeaders(parsing: bytes) else { return 0 }
    _ = headers.name
    _ = headers.version
    _ = headers.line(of: "Version")
    _ = headers.all("Requires-Dist")
    return 0
}
