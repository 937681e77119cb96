/// Where an observation or finding was seen: a path and, when the format has lines, a 1-based line.
public struct FileLocation: Sendable, Hashable, Comparable, Codable {
    /// The path as litmus reached it (root-relative spelling as given on the command line).
    public var path: String
    /// The 1-based line, or nil for formats without lines (directories, zip archives).
    public var line: Int?

    /// Creates a location.
    public init(path: String, line: Int? = nil) {
        self.path = path
        self.line = line
    }

    /// Orders by path, then line (a location without a line first).
    public static func < (lhs: FileLocation, rhs: FileLocation) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        return (lhs.line ?? 0) < (rhs.line ?? 0)
    }

    /// `path:line` or `path`.
    public var display: String {
        if let line { return "\(path):\(line)" }
        return path
    }
}
