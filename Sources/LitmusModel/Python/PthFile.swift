/// A `.pth` file as one CPython release's `site.addpackage` reads it: which lines it executes
/// and which it adds to `sys.path`.
///
/// Before 3.13 the file is read through a text stream in the locale encoding with universal
/// newlines (lines end at LF, CR or CRLF) and a BOM is an ordinary character; from 3.13 it is
/// decoded as `utf-8-sig` (locale encoding as fallback) and split by `str.splitlines()`. Lines
/// starting with `#` are skipped, lines starting with `import ` or `import\t` are executed, and
/// every other non-blank line, right-stripped, is a directory joined to the site directory.
///
/// The locale encoding is taken to be UTF-8 (what CPython uses under `C.UTF-8`, `POSIX`
/// coerced, and every UTF-8 locale). Bytes that are not UTF-8 stop such a start with a
/// `UnicodeDecodeError`, but under a single-byte locale the same file runs, so undecodable
/// bytes are read as Latin-1 and the file is flagged ``isUTF8`` false: what it would execute is
/// still reported. A line that raises stops CPython from reading further lines; litmus cannot
/// know which line raises, so every executable line counts. Pure: bytes in, values out.
public struct PthFile: Sendable, Equatable {
    /// What CPython does with one line.
    public enum Action: Sendable, Equatable {
        /// Passed to `exec`.
        case execute
        /// Joined to the site directory and appended to `sys.path` if it exists.
        case addPath
    }

    /// One line CPython acts on.
    public struct Line: Sendable, Equatable {
        /// 1-based line number as CPython counts it.
        public let number: Int
        /// The line's text: for ``Action/execute`` as executed (without its line break), for
        /// ``Action/addPath`` right-stripped as CPython joins it.
        public let text: String
        /// What CPython does with it.
        public let action: Action
    }

    /// The lines CPython executes or adds, in file order.
    public let lines: [Line]
    /// Whether the bytes are valid UTF-8 (false: this start fails under a UTF-8 locale).
    public let isUTF8: Bool

    /// Lines CPython executes.
    public var executed: [Line] { lines.filter { $0.action == .execute } }
    /// Directories (as written, right-stripped) CPython adds to `sys.path` when they exist.
    public var paths: [String] { lines.filter { $0.action == .addPath }.map(\.text) }

    /// Reads `bytes` as `release` does.
    public init(parsing bytes: [UInt8], release: CPythonRelease) {
        var body = bytes[...]
        if release.readsPthAsWholeText, body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let decoded = String(validating: body, as: UTF8.self)
        isUTF8 = decoded != nil
        let text = decoded ?? String(String.UnicodeScalarView(body.map { Unicode.Scalar($0) }))
        var out: [Line] = []
        var index = 0
        Self.forEachLine(text, release: release) { line in
            index += 1
            if line.hasPrefix("#") { return }
            if line.unicodeScalars.allSatisfy(PythonText.isWhitespace) { return }
            if line.hasPrefix("import ") || line.hasPrefix("import\t") {
                out.append(Line(number: index, text: String(line), action: .execute))
            } else {
                out.append(Line(number: index, text: String(Self.rstrip(line)), action: .addPath))
            }
        }
        lines = out
    }

    /// Whether `addsitedir` of `release` reads a directory entry called `name` as a `.pth` file.
    public static func isProcessed(name: String, release: CPythonRelease) -> Bool {
        name.hasSuffix(".pth") && !(release.skipsHiddenPthFiles && name.hasPrefix("."))
    }

    /// Lines without their terminators: universal newlines before 3.13, `str.splitlines()` after.
    static func split(_ text: String, release: CPythonRelease) -> [Substring] {
        var lines: [Substring] = []
        forEachLine(text, release: release) { lines.append($0) }
        return lines
    }

    /// Calls `body` with each line of ``split(_:release:)`` in order, without holding them all
    /// (a hostile `.pth` of millions of comment lines costs no array of millions of slices).
    static func forEachLine(_ text: String, release: CPythonRelease, _ body: (Substring) -> Void) {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var i = start
        while i < scalars.endIndex {
            let c = scalars[i]
            let isBreak = c == "\n" || c == "\r" || (release.readsPthAsWholeText && Self.isSplitlinesBreak(c))
            guard isBreak else { i = scalars.index(after: i); continue }
            body(Substring(scalars[start..<i]))
            var next = scalars.index(after: i)
            if c == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
            start = next
            i = next
        }
        if start < scalars.endIndex { body(Substring(scalars[start...])) }
    }

    /// The breaks `str.splitlines()` adds to LF and CR.
    static func isSplitlinesBreak(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `str.rstrip()`.
    static func rstrip(_ line: Substring) -> Substring {
        let scalars = line.unicodeScalars
        guard let last = scalars.lastIndex(where: { !PythonText.isWhitespace($0) }) else { return line[line.startIndex..<line.startIndex] }
        return Substring(scalars[...last])
    }
}
