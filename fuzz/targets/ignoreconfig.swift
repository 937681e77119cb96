// libFuzzer target: the `.litmus.toml` ignore file (TOML, required keys, dates, globs).
import LitmusCore

/// Parses the input as `.litmus.toml`; when it parses, every glob is matched against a few
/// paths so pathological patterns show up as timeouts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let config = try? IgnoreConfig.parse(bytes, path: ".litmus.toml") else { return 0 }
    var hits = 0
    for rule in config.rules {
        for path in ["requirements.txt", "a/b/c/uv.lock", String(repeating: "a/", count: 40) + "x"] where rule.path?.matches(path) == true {
            hits += 1
        }
    }
    return CInt(truncatingIfNeeded: hits) & 0
}
