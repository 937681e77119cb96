// libFuzzer target: the YAML subset parser (environment.yml, lockfiles, CI files), every document.
import LitmusFormats

/// Parses the input as YAML; errors are expected, crashes and hangs are bugs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? YAMLSubset.parseDocuments(bytes)
    return 0
}
