import Foundation
import Testing
@testable import LitmusFormats

/// Runs every case of the YAML test suite (`../shared/conformance/yaml-test-suite/`) through
/// ``YAMLSubset``. A case passes when the parser's documents equal `in.json` (scalars compared
/// as the JSON value's text: `65` matches the plain scalar `65`), or when it rejects an input
/// the suite marks `error`. The passing ids are recorded in `Vectors/yaml-suite-passing.txt`:
/// the test fails if a recorded case stops passing, if a case is parsed to a *different* value
/// (a wrong answer is never acceptable; refusing is), or if an `error` case is accepted without
/// being listed in `Vectors/yaml-suite-accepted-invalid.txt` with a reason.
@Suite struct YAMLSuiteTests {
    enum Outcome: Equatable { case pass, refused(String), wrong, acceptedInvalid, noExpectation }

    static func cases() throws -> [(id: String, dir: URL)] {
        let root = ConformanceFiles.conformanceURL("yaml-test-suite")
        guard FileManager.default.fileExists(atPath: root.path) else { throw ConformanceFiles.Missing(url: root) }
        var out: [(String, URL)] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            let dir = root.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("in.yaml").path) {
                out.append((name, dir))
                continue
            }
            for sub in (try? FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()) ?? []
            where FileManager.default.fileExists(atPath: dir.appendingPathComponent(sub).appendingPathComponent("in.yaml").path) {
                out.append(("\(name)/\(sub)", dir.appendingPathComponent(sub)))
            }
        }
        return out
    }

    static func outcome(_ dir: URL) throws -> Outcome {
        let input = try [UInt8](Data(contentsOf: dir.appendingPathComponent("in.yaml")))
        let isError = FileManager.default.fileExists(atPath: dir.appendingPathComponent("error").path)
        let documents: [YAMLNode]
        do { documents = try YAMLSubset.parseDocuments(input) } catch {
            return isError ? .pass : .refused(error.message)
        }
        if isError { return .acceptedInvalid }
        let jsonURL = dir.appendingPathComponent("in.json")
        guard FileManager.default.fileExists(atPath: jsonURL.path) else { return .noExpectation }
        let expected = try jsonStream(Data(contentsOf: jsonURL))
        guard expected.count == documents.count else { return .wrong }
        return zip(expected, documents).allSatisfy { matches($0, $1) } ? .pass : .wrong
    }

    /// The JSON documents of a stream file (several top-level values, whitespace separated).
    static func jsonStream(_ data: Data) throws -> [Any] {
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return [] }
        if let one = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) { return [one] }
        // Several values: wrap them into one array by splitting at top-level boundaries.
        var values: [Any] = []
        var depth = 0, inString = false, escaped = false, start = text.startIndex
        var index = text.startIndex
        func flush(_ end: String.Index) throws {
            let piece = text[start..<end].trimmingCharacters(in: .whitespacesAndNewlines)
            if !piece.isEmpty { values.append(try JSONSerialization.jsonObject(with: Data(piece.utf8), options: [.fragmentsAllowed])) }
            start = end
        }
        while index < text.endIndex {
            let c = text[index]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false; if depth == 0 { try flush(text.index(after: index)) } }
            } else if c == "\"" { inString = true } else if c == "{" || c == "[" { depth += 1 } else if c == "}" || c == "]" {
                depth -= 1
                if depth == 0 { try flush(text.index(after: index)) }
            } else if depth == 0 && (c == "\n") { try flush(index) }
            index = text.index(after: index)
        }
        try flush(text.endIndex)
        return values
    }

    static func matches(_ json: Any, _ node: YAMLNode) -> Bool {
        switch node {
        case .null: return json is NSNull || (json as? String) == ""
        case .scalar(let text, _):
            if let s = json as? String { return s == text }
            if let n = json as? NSNumber {
                if String(cString: n.objCType) == "c" { return text.lowercased() == (n.boolValue ? "true" : "false") }
                if let d = Double(text) { return d == n.doubleValue }
                if text.hasPrefix("0o"), let i = Int(text.dropFirst(2), radix: 8) { return Double(i) == n.doubleValue }
                if text.hasPrefix("0x"), let i = Int(text.dropFirst(2), radix: 16) { return Double(i) == n.doubleValue }
                return false
            }
            return json is NSNull && ["~", "null", "Null", "NULL"].contains(text)
        case .sequence(let items, _):
            guard let array = json as? [Any], array.count == items.count else { return false }
            return zip(array, items).allSatisfy { matches($0, $1) }
        case .mapping(let entries, _):
            guard let object = json as? [String: Any], object.count == entries.count else { return false }
            return entries.allSatisfy { entry in object[entry.key].map { matches($0, entry.value) } ?? false }
        }
    }

    static func recorded(_ name: String) throws -> [String] {
        let url = Fixtures.repo("Tests/LitmusCoreTests/Vectors/\(name)")
        return try String(contentsOfFile: url, encoding: .utf8).split(separator: "\n")
            .map { String($0.split(separator: " ").first ?? "") }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    @Test func suite() throws {
        let cases = try Self.cases()
        #expect(cases.count > 350)
        var passing: [String] = [], wrong: [String] = [], acceptedInvalid: [String] = []
        var refused: [String: Int] = [:]
        for (id, dir) in cases {
            switch try Self.outcome(dir) {
            case .pass: passing.append(id)
            case .wrong: wrong.append(id)
            case .acceptedInvalid: acceptedInvalid.append(id)
            case .refused(let why): refused[why, default: 0] += 1
            case .noExpectation: break
            }
        }
        if ProcessInfo.processInfo.environment["LITMUS_YAML_SUITE_REPORT"] != nil {
            print("YAML suite: \(passing.count) pass, \(wrong.count) wrong, \(acceptedInvalid.count) accepted-invalid of \(cases.count)")
            print("PASSING " + passing.joined(separator: " "))
            print("WRONG " + wrong.joined(separator: " "))
            print("ACCEPTED-INVALID " + acceptedInvalid.joined(separator: " "))
            for (why, n) in refused.sorted(by: { $0.value > $1.value }) { print("REFUSED \(n) \(why)") }
        }
        #expect(wrong == [], "parsed to a different value than the suite expects")
        #expect(Set(try Self.recorded("yaml-suite-passing.txt")).subtracting(passing).sorted() == [])
        #expect(Set(acceptedInvalid).subtracting(try Self.recorded("yaml-suite-accepted-invalid.txt")).sorted() == [])
    }
}
