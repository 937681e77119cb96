import LitmusAdvisories

/// Where a reported path lies: the scan root it is under and its path relative to that root,
/// so SARIF URIs, fingerprints and SBOM evidence do not depend on where the tree was mounted.
///
/// A path as litmus reached it that does not start with `/` is relative to the working
/// directory (base `%SRCROOT%`, leading `./` dropped). An absolute path under an absolute
/// directory root is relative to the longest such root (base `ROOT<n>`, n its index in the
/// report's roots). Anything else (an included file outside every root) stays absolute.
struct ReportPaths {
    /// The base id of paths relative to the working directory.
    static let sourceRoot = "%SRCROOT%"

    /// A located path.
    struct Located: Equatable {
        /// `%SRCROOT%`, `ROOT<n>`, or nil for an absolute path outside every root.
        var base: String?
        /// The path relative to the base, or the absolute path when there is no base.
        var relative: String
    }

    /// Absolute roots by index, longest first so the deepest root wins.
    private let absoluteRoots: [(index: Int, path: String)]

    /// Paths of `report`, located against its roots.
    init(_ report: ScanReport) {
        absoluteRoots = report.roots.enumerated()
            .filter { $0.element.hasPrefix("/") }
            .map { (index: $0.offset, path: Self.trimmed($0.element)) }
            .sorted { $0.path.count > $1.path.count }
    }

    /// The base and relative path of `path`.
    func locate(_ path: String) -> Located {
        guard path.hasPrefix("/") else {
            var p = Substring(path)
            while p.hasPrefix("./") { p = p.dropFirst(2) }
            return Located(base: Self.sourceRoot, relative: p == "." ? "" : String(p))
        }
        for root in absoluteRoots {
            if root.path == "/" { return Located(base: "ROOT\(root.index)", relative: String(path.drop { $0 == "/" })) }
            if path == root.path { return Located(base: "ROOT\(root.index)", relative: "") }
            if path.hasPrefix(root.path + "/") {
                return Located(base: "ROOT\(root.index)", relative: String(path.dropFirst(root.path.count + 1)))
            }
        }
        return Located(base: nil, relative: path)
    }

    /// The bases `originalUriBaseIds` declares: `%SRCROOT%` (the working directory, when
    /// known) and each absolute root, as `file://` URIs ending in `/`.
    static func bases(_ report: ScanReport) -> [(id: String, uri: String)] {
        var out: [(id: String, uri: String)] = []
        if let cwd = report.workingDirectory, cwd.hasPrefix("/") {
            out.append((sourceRoot, "file://" + SARIFReporter.percentEncoded(directory(cwd))))
        }
        for (i, root) in report.roots.enumerated() where root.hasPrefix("/") {
            out.append(("ROOT\(i)", "file://" + SARIFReporter.percentEncoded(directory(trimmed(root)))))
        }
        return out
    }

    private static func trimmed(_ root: String) -> String {
        var r = Substring(root)
        while r.count > 1 && r.hasSuffix("/") { r = r.dropLast() }
        return String(r)
    }

    private static func directory(_ path: String) -> String {
        let t = trimmed(path)
        return t.hasSuffix("/") ? t : t + "/"
    }
}
