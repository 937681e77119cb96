// libFuzzer target: OSV JSON advisories (--advisories files are user input too).
import LitmusAdvisories

/// Decodes the input as an OSV record or list of records.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? OSVDecoder.decode(bytes, source: "fuzz.json")
    return 0
}
