import Foundation
import Testing

/// Finds and reads the external conformance vectors in `../shared/conformance/`.
///
/// The directory is located from `#filePath`, never the working directory, and a missing
/// file is an error so that the calling test fails rather than passing vacuously.
enum ConformanceFiles {
    struct Missing: Error, CustomStringConvertible {
        let url: URL
        var description: String { "conformance file not found: \(url.path)" }
    }

    /// `../shared/conformance/<relative>` seen from the package root.
    static func conformanceURL(_ relative: String) -> URL {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot
            .appendingPathComponent("../shared/conformance", isDirectory: true)
            .appendingPathComponent(relative)
            .standardizedFileURL
    }

    /// A TSV file's data rows: `#` header lines and blank lines dropped, every field unescaped.
    static func tsvRows(_ relative: String) throws -> [[String]] {
        let url = conformanceURL(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(url: url) }
        let data = try Data(contentsOf: url)
        return data.split(separator: UInt8(ascii: "\n"))
            .filter { !$0.isEmpty && $0.first != UInt8(ascii: "#") }
            .map { line in
                line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
                    .map { unescape(String(decoding: $0, as: UTF8.self)) }
            }
    }

    /// Replaces `\n`, `\t`, `\\` and `\uXXXX` with the characters they stand for.
    static func unescape(_ field: String) -> String {
        guard field.contains("\\") else { return field }
        var out = String.UnicodeScalarView()
        var scalars = field.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\\", let code = scalars.popFirst() else {
                out.append(scalar)
                continue
            }
            switch code {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "\\": out.append("\\")
            case "u":
                let hex = String(String.UnicodeScalarView(scalars.prefix(4)))
                if hex.count == 4, let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) {
                    out.append(decoded)
                    scalars = scalars.dropFirst(4)
                } else {
                    out.append(scalar)
                    out.append(code)
                }
            default:
                out.append(scalar)
                out.append(code)
            }
        }
        return String(out)
    }

    /// Fails the current test with the first failures, and reports the pass count.
    static func report(_ name: String, rows: Int, failures: [String]) {
        print("\(name): \(rows - failures.count)/\(rows) rows passed")
        #expect(rows > 0, "\(name) has no rows")
        #expect(
            failures.isEmpty,
            "\(failures.count) of \(rows) rows failed in \(name):\n\(failures.prefix(20).joined(separator: "\n"))"
        )
    }
}
