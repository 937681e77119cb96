import Foundation
import Testing

/// Sources/ may import FoundationEssentials but never full Foundation (or its ICU-backed
/// siblings): linking Foundation puts its internationalisation data, tens of megabytes, into
/// the static release binary. A new `import Foundation` anywhere in Sources/ fails here.
@Suite struct SourceImportsTests {
    static let forbidden: Set<String> = ["Foundation", "FoundationInternationalization", "FoundationNetworking", "FoundationXML", "CoreFoundation"]

    static func sourcesDirectory() -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
    }

    /// The module an import line names (`import Foundation`, `@_exported import struct Foundation.Data`).
    static func importedModule(_ line: Substring) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        while let first = words.first, first.hasPrefix("@") || ["public", "internal", "package", "private", "fileprivate"].contains(first) { words.removeFirst() }
        guard words.first == "import", words.count >= 2 else { return nil }
        let kinds: Set<String> = ["struct", "class", "enum", "protocol", "typealias", "func", "var", "let"]
        let path = words.count >= 3 && kinds.contains(words[1]) ? words[2] : words[1]
        return String(path.split(separator: ".").first ?? "")
    }

    @Test func importedModuleIsReadFromEveryImportForm() {
        #expect(Self.importedModule("import Foundation") == "Foundation")
        #expect(Self.importedModule("  @_exported import Foundation") == "Foundation")
        #expect(Self.importedModule("import struct Foundation.Data") == "Foundation")
        #expect(Self.importedModule("public import FoundationNetworking") == "FoundationNetworking")
        #expect(Self.importedModule("import FoundationEssentials") == "FoundationEssentials")
        #expect(Self.importedModule("// import Foundation") == nil)
    }

    @Test func noSourceFileImportsFullFoundation() throws {
        let root = Self.sourcesDirectory()
        let walker = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        var checked = 0
        var offenders: [String] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            checked += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let module = Self.importedModule(line), Self.forbidden.contains(module) {
                    offenders.append("\(url.path):\(n + 1): \(line)")
                }
            }
        }
        #expect(checked > 50, "found only \(checked) Swift files under \(root.path)")
        #expect(offenders.isEmpty, "use FoundationEssentials (see TEAM conventions): \(offenders.joined(separator: "; "))")
    }
}
