// libFuzzer target: pip requirements files through the real extractor, includes and all.
import LitmusExtractors
import LitmusWalk

/// Parses the input as `requirements.txt`; the same bytes are also `base.txt` and
/// `sub/c.txt`, so `-r`/`-c` lines in the input exercise includes, cycles and depth limits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let files = InMemoryFiles(["requirements.txt": bytes, "base.txt": bytes, "sub/c.txt": bytes])
    let entry = FileEntry(path: "requirements.txt", name: "requirements.txt", parentName: "", kind: .file)
    let extraction = RequirementsTxt().extract(entry, files: files)
    // Touch the results so nothing is optimised away.
    return CInt(truncatingIfNeeded: extraction.observations.count + extraction.issues.count) & 0
}
