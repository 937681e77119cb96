import Foundation
import Testing
@testable import LitmusFormats

/// JSONParser and JSONWriter against Foundation's JSONSerialization (the parser litmus used
/// before it moved to FoundationEssentials) on every JSON vector in ../shared/conformance/,
/// plus the edge cases where litmus follows Python's `json` instead.
@Suite struct JSONTests {
    /// Every `.json` file in the yaml-test-suite and toml-test vectors.
    static func vectorFiles() throws -> [URL] {
        var out: [URL] = []
        for base in ["yaml-test-suite", "toml-test/tests/valid"] {
            let root = ConformanceFiles.conformanceURL(base)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
                throw ConformanceFiles.Missing(url: root)
            }
            for case let url as URL in walker where url.pathExtension == "json" { out.append(url) }
        }
        return out.sorted { $0.path < $1.path }
    }

    /// Foundation's canonical text of a document (or nil when Foundation rejects it).
    static func foundationCanonical(_ bytes: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func everyConformanceVectorParsesAsFoundationParsesIt() throws {
        let files = try Self.vectorFiles()
        #expect(files.count > 400, "expected the yaml-test-suite and toml-test JSON vectors, found \(files.count)")
        var accepted = 0
        for url in files {
            let bytes = [UInt8](try Data(contentsOf: url))
            let expected = Self.foundationCanonical(bytes)
            let mine = try? JSONParser.parse(bytes)
            guard let expected else {
                #expect(mine == nil, "\(url.path): Foundation rejects it, JSONParser accepted it")
                continue
            }
            guard let mine else {
                Issue.record("\(url.path): JSONParser rejected a document Foundation accepts")
                continue
            }
            // Written by JSONWriter, read back by Foundation: the same document.
            let roundTrip = Self.foundationCanonical(Array(JSONWriter.pretty(mine).utf8))
            #expect(roundTrip == expected, "\(url.path)")
            accepted += 1
        }
        #expect(accepted > 300)
    }

    static var reportShapes: [[String: Any]] { [
        ["schema_version": "1.1.0", "summary": ["findings": 2, "errors": 0] as [String: Any], "config": NSNull(),
         "findings": [["path": "a/b.txt", "line": 3, "package": "litellm"] as [String: Any]], "empty": [Any](), "none": [String: Any]()],
        ["text": "quote \" backslash \\ slash / tab \t newline \n bell \u{07} esc \u{1b} del \u{7f} é 漢 🎉", "ok": true, "no": false],
        ["numbers": [0, -1, 42, Int(Int32.max), 9_007_199_254_740_993, 0.5, 2.25, 1.5e300, -0.125, 123.456], "Upper": 1, "lower": 2, "_x": 3, "a_b": 4, "ab": 5],
    ] }

    @Test(arguments: 0..<3)
    func writerMatchesFoundationPrettyOutputByteForByte(_ index: Int) throws {
        let document = Self.reportShapes[index]
        let foundation = String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        var converted = document
        if index == 0 { converted["config"] = JSONNull() }
        #expect(JSONWriter.pretty(converted) == foundation)
    }

    @Test(arguments: [
        ("{", "unterminated object"), ("[1,", "unexpected end of input, expected a value"), ("[1,]", "unexpected character ']', expected a value"),
        ("{\"a\":1,}", "expected a string key"), ("01", "invalid number: leading zero"), ("1.", "invalid number: no digit after '.'"),
        ("1e", "invalid number: no digit in the exponent"), ("NaN", "unexpected character 'N', expected a value"),
        ("\"a\u{01}\"", "raw control character 0x01 in a string"), ("\"\\x\"", "invalid escape \\'x'"), ("\"\\u12zz\"", "invalid hex digit in a \\u escape"), ("\"\\u12", "truncated \\u escape"),
        ("{} {}", "unexpected data after the document"), ("// c\n{}", "unexpected character '/', expected a value"), ("tru", "invalid literal, expected true"),
        ("", "unexpected end of input, expected a value"), ("\"abc", "unterminated string"),
    ])
    func malformedInputIsAnErrorNamingTheProblem(_ text: String, _ message: String) {
        #expect(throws: JSONError.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func errorsNameTheLine() {
        do {
            _ = try JSONParser.parse("{\n  \"a\": 1,\n  \"b\": ]\n}")
            Issue.record("accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.description == "line 3 (byte 19): unexpected character ']', expected a value")
        }
    }

    @Test func invalidUTF8IsRejectedAsPythonRejectsIt() {
        #expect(throws: JSONError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func pythonSemanticsForDuplicatesSurrogatesAndBOM() throws {
        let dup = try #require(try JSONParser.parse(#"{"version": "1.82.6", "version": "1.82.8"}"#) as? [String: Any])
        #expect(dup["version"] as? String == "1.82.8")
        #expect(try JSONParser.parse(#""\ud83c\udf89""#) as? String == "🎉")
        #expect(try JSONParser.parse(#""a\ud800b""#) as? String == "a\u{FFFD}b")
        #expect(try JSONParser.parse(#""\udc00\ud800\u0041""#) as? String == "\u{FFFD}\u{FFFD}A")
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[true]".utf8)) as? [Bool] == [true])
        #expect(try JSONParser.parse("\"\\u0000\"") as? String == "\u{0}")
    }

    @Test func numbersKeepIntegersExactAndTypesApart() throws {
        let values = try #require(try JSONParser.parse("[9223372036854775807, 9223372036854775808, -0, 1.0, 1e2, true, null]") as? [Any])
        #expect(values[0] as? Int == Int.max)
        #expect(values[1] as? Double == 9_223_372_036_854_775_808.0)
        #expect(values[2] as? Int == 0)
        #expect(values[3] as? Double == 1.0)
        #expect(values[4] as? Double == 100)
        #expect(values[5] as? Bool == true)
        #expect(values[5] as? Int == nil)
        #expect(values[6] is JSONNull)
    }

    @Test func nestingIsBoundedWithoutOverflowingTheStack() throws {
        let ok = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(try JSONParser.parse(ok) is [Any])
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONError.self) { try JSONParser.parse(deep) }
    }
}
