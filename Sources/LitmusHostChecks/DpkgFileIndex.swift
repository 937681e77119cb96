import Synchronization
import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// Which Debian package installed a path, from `ROOT/var/lib/dpkg/info/*.list`, and the MD5
/// dpkg recorded for it in `*.md5sums` (so an owned hook whose bytes changed is still found),
/// for start-up file paths only; loaded once
/// per audit, on first use, and only when a startup hook needs an owner. A list that exists
/// but cannot be read is an error in the report, given to the first caller only.
final class DpkgFileIndex: Sendable {
    private struct State {
        var root: String?
        var index: [String: String] = [:]
        var md5: [String: [UInt8]] = [:]
    }

    private let state = Mutex(State())

    init() {}

    /// Loads the lists under `root` unless already loaded; returns the issues of this load.
    func load(root: String, files: any FileReading) -> [ScanIssue] {
        state.withLock { state in
            guard state.root != root else { return [] }
            let (index, md5, issues) = Self.read(root: root, files: files)
            state = State(root: root, index: index, md5: md5)
            return issues
        }
    }

    /// The MD5 dpkg recorded for `path` (a path under the audit root), or nil.
    func md5(of path: String, root: String) -> [UInt8]? {
        let absolute = Paths.onHost(path, root: root)
        return state.withLock { $0.md5[absolute] }
    }

    /// The package listing `path` (a path under the audit root), or nil.
    func owner(of path: String, root: String) -> String? {
        let absolute = Paths.onHost(path, root: root)
        return state.withLock { $0.index[absolute] }
    }

    private static func read(root: String, files: any FileReading) -> ([String: String], [String: [UInt8]], [ScanIssue]) {
        let dir = Paths.join(root, "var/lib/dpkg/info")
        let items: [DirectoryItem]
        do {
            items = try files.list(dir)
        } catch {
            return ([:], [:], error.isNotFound ? [] : [.error(dir, stage: "site-packages", "cannot list dpkg file lists: \(error.message)")])
        }
        var out: [String: String] = [:]
        var md5: [String: [UInt8]] = [:]
        var issues: [ScanIssue] = []
        for item in items.sorted(by: { $0.name < $1.name }) where item.name.hasSuffix(".md5sums") {
            let path = Paths.join(dir, item.name)
            do {
                for (file, digest) in parseMD5Sums(try files.read(path, limit: 32 << 20)) { md5[file] = digest }
            } catch {
                issues.append(.error(path, stage: "site-packages", "cannot read dpkg md5sums: \(error.message)"))
            }
        }
        for item in items.sorted(by: { $0.name < $1.name }) where item.name.hasSuffix(".list") {
            let path = Paths.join(dir, item.name)
            let bytes: [UInt8]
            do {
                bytes = try files.read(path, limit: 32 << 20)
            } catch {
                issues.append(.error(path, stage: "site-packages", "cannot read dpkg file list: \(error.message)"))
                continue
            }
            let package = String(item.name.dropLast(5))
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                let line = bytes[start..<end]
                start = end + 1
                guard Self.mayBeStartupFile(line) else { continue }
                out[String(decoding: line, as: UTF8.self)] = package
            }
        }
        return (out, md5, issues)
    }

    /// Whether a listed path can be a start-up file the hook check asks about: a `.pth`, or a
    /// `sitecustomize`/`usercustomize` in any form (module, package, bytecode, extension). Only
    /// these are indexed: a Debian host lists ~30,000 `.py` files, and keeping them all was
    /// most of this index's memory for answers no one asks.
    static func mayBeStartupFile(_ line: ArraySlice<UInt8>) -> Bool {
        if line.count >= 4 && line.suffix(4).elementsEqual(".pth".utf8) { return true }
        // "…customize" anywhere in the path: a few false positives cost nothing.
        let needle = Array("customize".utf8)
        guard line.count >= needle.count + 4 else { return false }
        var i = line.startIndex + 4
        while i + needle.count <= line.endIndex {
            if line[i] == needle[0], line[i..<(i + needle.count)].elementsEqual(needle) {
                let prefix = line[(i - 4)..<i]
                if prefix.elementsEqual("site".utf8) || prefix.elementsEqual("user".utf8) { return true }
            }
            i += 1
        }
        return false
    }

    /// `d41d8cd98f00b204e9800998ecf8427e  usr/lib/python3/dist-packages/x.pth` lines, as
    /// `/usr/lib/...` → digest; only start-up file paths (``mayBeStartupFile(_:)``) are kept.
    static func parseMD5Sums(_ bytes: [UInt8]) -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            start = end + 1
            guard line.count > 34, mayBeStartupFile(line) else { continue }
            let text = String(decoding: line, as: UTF8.self)
            let hex = text.prefix(32)
            let rest = text.dropFirst(32).drop { $0 == " " || $0 == "*" }
            guard let digest = Hex.decode(String(hex)), digest.count == 16, !rest.isEmpty else { continue }
            out.append(("/" + rest.drop { $0 == "/" }, digest))
        }
        return out
    }
}
