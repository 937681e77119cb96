// libFuzzer target: every lockfile and manifest extractor (uv.lock, poetry.lock, pdm.lock,
// pylock.toml, Pipfile, Pipfile.lock, pyproject.toml, setup.cfg, environment.yml, wheels).
import LitmusExtractors
import LitmusWalk

private let names = ["uv.lock", "poetry.lock", "pdm.lock", "pylock.toml", "Pipfile", "Pipfile.lock",
                     "pyproject.toml", "setup.cfg", "environment.yml", "litellm-1.82.6-py3-none-any.whl"]
private let extractors: [any Extractor] = Extractors.all

/// The first byte picks the file name; the rest is its content, given to every extractor that
/// claims that name.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let name = names[Int(data[0]) % names.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let files = InMemoryFiles([name: bytes])
    let entry = FileEntry(path: name, name: name, parentName: "", kind: .file)
    var count = 0
    for e in extractors where e.claims(name: name, parentName: "", isDirectory: false) {
        let x = e.extract(entry, files: files)
        count += x.observations.count + x.issues.count
    }
    return CInt(truncatingIfNeeded: count) & 0
}
