/// One `--exclude GLOB`: which entries of a walk are kept out, by their path relative to the
/// walk root (`vendor/litmus`, not `./vendor/litmus` or `/builds/app/vendor/litmus`).
///
/// The glob syntax is the ignore file's (``Glob``: `*`, `**`, `?`, `[abc]`). A pattern with a
/// `/` matches the whole relative path; a directory also matches a pattern written with a
/// trailing `/` or `/**` (`vendor/litmus/**` prunes `vendor/litmus` itself, so it is never
/// listed). A pattern without `/` matches the entry's name at any depth, as in `.gitignore`
/// (`node_modules`, `*.parquet`). A leading `./` is dropped from the pattern.
public struct ExcludePattern: Sendable, Hashable {
    /// The pattern as given.
    public let pattern: String
    private let glob: Glob
    private let anyDepth: Bool

    /// Compiles a pattern; an empty pattern or a bad glob is an error.
    public init(_ pattern: String) throws(GlobError) {
        var p = Substring(pattern)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        guard !p.isEmpty, p != "/" else { throw GlobError(message: "an empty pattern would exclude nothing") }
        self.pattern = pattern
        self.anyDepth = !p.dropLast(p.hasSuffix("/") ? 1 : 0).contains("/")
        self.glob = try Glob(anyDepth && p.hasSuffix("/") ? String(p.dropLast()) : String(p))
    }

    /// Whether the entry at `relative` (its path under the walk root) is excluded.
    public func matches(relative: String, isDirectory: Bool) -> Bool {
        if anyDepth {
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            return (isDirectory || !pattern.hasSuffix("/")) && glob.matches(name)
        }
        if glob.matches(relative) { return true }
        return isDirectory && glob.matches(relative + "/")
    }
}
