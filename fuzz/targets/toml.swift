// libFuzzer target: the TOML 1.0 parser (uv.lock, poetry.lock, pyproject.toml, pylock).
import LitmusFormats

/// Parses the input as a TOML document; errors are expected, crashes and hangs are bugs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? TOML.parse(bytes)
    return 0
}
