// libFuzzer target: the in-house DEFLATE decoder and zip member reading (zipped eggs,
// python3XY.zip on sys.path).
import LitmusFormats
import LitmusWalk

/// The input as a raw DEFLATE stream (whole, and in 3-byte chunks: both must agree), then as a
/// zip archive whose every member is read with a 1 MiB cap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = try? Inflate.decompress(bytes, limit: 1 << 20)
    var source = InflateChunks(stride(from: 0, to: bytes.count, by: 3).map { Array(bytes[$0..<min($0 + 3, bytes.count)]) })
    let chunked = try? Inflate.decompress(limit: 1 << 20, from: &source)
    if whole != chunked { fatalError("whole and chunked decoding disagree") }
    let files = InMemoryFiles(["/a.egg": bytes])
    if let zip = try? ZipArchiveFiles(archive: "/a.egg", files: files) {
        var queue = ["/a.egg"]
        while let dir = queue.popLast() {
            for item in (try? zip.list(dir)) ?? [] {
                let path = dir + "/" + item.name
                if item.isDirectory { queue.append(path) } else { _ = try? zip.read(path, limit: 1 << 20) }
            }
        }
    }
    return 0
}
