/// Small path-string helpers; litmus never normalises through the filesystem (no realpath).
public enum Paths {
    /// `a/b` from `a` and `b`, without doubling a trailing slash.
    public static func join(_ dir: String, _ name: String) -> String {
        if dir.isEmpty || dir == "." { return name }
        return dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    /// The directory part of a path (`.` when there is none, `/` for `/x`).
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// `path` relative to directory `base` (`a/b` for `/r/a/b` under `/r`), nil when it is
    /// not below it; `base` of `.` or `""` takes relative paths as they are, `/` any absolute path.
    public static func relative(_ path: String, to base: String) -> String? {
        let b = base.count > 1 && base.hasSuffix("/") ? String(base.dropLast()) : base
        if b == "." || b.isEmpty { return path.hasPrefix("/") ? nil : path }
        if b == "/" { return path.hasPrefix("/") && path.count > 1 ? String(path.dropFirst()) : nil }
        guard path.hasPrefix(b + "/"), path.count > b.count + 1 else { return nil }
        return String(path.dropFirst(b.count + 1))
    }

    /// The path a file under audit root `root` has on that system: `/usr/x` for `/img/usr/x`
    /// under `/img`; paths not below `root` are returned unchanged.
    public static func onHost(_ path: String, root: String) -> String {
        guard let rest = relative(path, to: root), root != "/", root != "." else { return path }
        return "/" + rest
    }

    /// The last component.
    public static func baseName(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return String(p) }
        return String(p[p.index(after: slash)...])
    }

    /// Resolves `relative` against directory `base` lexically (`..` and `.` folded); absolute stays absolute.
    public static func resolve(_ relative: String, against base: String) -> String {
        let joined = relative.hasPrefix("/") ? relative : join(base, relative)
        return isNormal(joined) ? joined : folded(joined)
    }

    /// Lexical folding of `.`, `..` and empty components.
    static func folded(_ joined: String) -> String {
        var parts: [Substring] = []
        let absolute = joined.hasPrefix("/")
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if part == ".." && absolute { continue }
            parts.append(part)
        }
        let body = parts.joined(separator: "/")
        if absolute { return "/" + body }
        return body.isEmpty ? "." : body
    }

    /// No `.`/`..` components, doubled or trailing slashes: nothing for ``resolve(_:against:)`` to fold.
    static func isNormal(_ path: String) -> Bool {
        guard !path.isEmpty else { return false }
        var length = 0
        var dotsOnly = true
        var first = true
        for c in path.utf8 {
            if c == UInt8(ascii: "/") {
                if !first && length == 0 { return false }            // doubled slash
                if length > 0 && dotsOnly && length <= 2 { return false } // a "." or ".." component
                length = 0
                dotsOnly = true
            } else {
                length += 1
                if c != UInt8(ascii: ".") { dotsOnly = false }
            }
            first = false
        }
        if length == 0 { return path == "/" }                        // trailing slash
        return !(dotsOnly && length <= 2)
    }
}
