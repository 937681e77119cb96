import Foundation
import Testing
@testable import LitmusFormats

/// Runs the TOML 1.0 cases of toml-test (github.com/toml-lang/toml-test) against the parser.
///
/// `tests/files-toml-1.0.0` lists both `valid/**/X.toml` and their expected `valid/**/X.json`;
/// each `.json` is consumed as the answer for its `.toml` sibling rather than being a case of
/// its own. Any other kind of entry is reported as a failure so a data update cannot silently
/// shrink coverage.
@Suite struct TOMLConformanceTests {
    @Test func tomlTest100() throws {
        let root = tomlTestRoot()
        let listURL = root.appendingPathComponent("tests/files-toml-1.0.0")
        guard let list = try? String(contentsOf: listURL, encoding: .utf8) else {
            Issue.record("toml-test data missing at \(listURL.path); see shared/conformance/README.md")
            return
        }
        var failures: [String] = []
        var valid = (passed: 0, total: 0)
        var invalid = (passed: 0, total: 0)
        for entry in list.split(whereSeparator: \.isNewline).map(String.init) where !entry.isEmpty {
            let url = root.appendingPathComponent("tests").appendingPathComponent(entry)
            if entry.hasPrefix("valid/") && entry.hasSuffix(".toml") {
                valid.total += 1
                if let failure = checkValid(url) { failures.append("\(entry): \(failure)") } else { valid.passed += 1 }
            } else if entry.hasPrefix("valid/") && entry.hasSuffix(".json") {
                continue
            } else if entry.hasPrefix("invalid/") && entry.hasSuffix(".toml") {
                invalid.total += 1
                if let failure = checkInvalid(url) { failures.append("\(entry): \(failure)") } else { invalid.passed += 1 }
            } else {
                failures.append("\(entry): unexpected entry in files-toml-1.0.0")
            }
        }
        print("toml-test 1.0.0: \(valid.passed)/\(valid.total) valid passed, \(invalid.passed)/\(invalid.total) invalid rejected")
        #expect(valid.total > 0 && invalid.total > 0, "no cases found in \(listURL.path)")
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.prefix(30).joined(separator: "\n"))")
    }

    private func checkValid(_ url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return "cannot read" }
        let jsonURL = url.deletingPathExtension().appendingPathExtension("json")
        guard let jsonData = FileManager.default.contents(atPath: jsonURL.path),
              let expected = try? JSONSerialization.jsonObject(with: jsonData, options: [.fragmentsAllowed]) else {
            return "cannot read expected JSON"
        }
        do {
            let table = try TOML.parse([UInt8](data))
            return mismatch(.table(table), expected, path: "$")
        } catch {
            return "rejected: \(error)"
        }
    }

    private func checkInvalid(_ url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return "cannot read" }
        do {
            _ = try TOML.parse([UInt8](data))
            return "accepted invalid document"
        } catch {
            return nil
        }
    }

    /// Describes the first difference between a parsed value and toml-test's tagged JSON.
    private func mismatch(_ value: TOMLValue, _ expected: Any, path: String) -> String? {
        if let object = expected as? [String: Any], let type = object["type"] as? String,
           let text = object["value"] as? String, object.count == 2 {
            return scalarMismatch(value, type: type, text: text, path: path)
        }
        if let object = expected as? [String: Any] {
            guard case .table(let table) = value else { return "\(path): expected table, got \(value)" }
            guard Set(table.keys) == Set(object.keys) else {
                return "\(path): keys \(table.keys.sorted()) != expected \(object.keys.sorted())"
            }
            for (key, child) in object {
                guard let actual = table[key] else { return "\(path).\(key): missing" }
                if let failure = mismatch(actual, child, path: "\(path).\(key)") { return failure }
            }
            return nil
        }
        if let array = expected as? [Any] {
            guard case .array(let values) = value else { return "\(path): expected array, got \(value)" }
            guard values.count == array.count else { return "\(path): \(values.count) elements, expected \(array.count)" }
            for (offset, pair) in zip(values, array).enumerated() {
                if let failure = mismatch(pair.0, pair.1, path: "\(path)[\(offset)]") { return failure }
            }
            return nil
        }
        return "\(path): unexpected JSON \(expected)"
    }

    private func scalarMismatch(_ value: TOMLValue, type: String, text: String, path: String) -> String? {
        let same: Bool
        switch (type, value) {
        case ("string", .string(let actual)):
            same = Array(actual.unicodeScalars) == Array(text.unicodeScalars)
        case ("integer", .integer(let actual)):
            same = Int64(text) == actual
        case ("float", .float(let actual)):
            same = floatMatches(actual, text)
        case ("bool", .bool(let actual)):
            same = String(actual) == text
        case ("datetime", .offsetDateTime(let actual)), ("datetime-local", .localDateTime(let actual)),
             ("date-local", .localDate(let actual)), ("time-local", .localTime(let actual)):
            same = normalizedDateTime(actual.text) == normalizedDateTime(text)
        default:
            same = false
        }
        return same ? nil : "\(path): got \(value), expected \(type) \(text)"
    }

    private func floatMatches(_ actual: Double, _ text: String) -> Bool {
        switch text {
        case "nan", "+nan", "-nan": return actual.isNaN
        case "inf", "+inf": return actual == .infinity
        case "-inf": return actual == -.infinity
        default: return Double(text) == actual
        }
    }

    /// Folds spelling differences RFC 3339 allows: `t`/space separator, `z`, `+00:00`,
    /// trailing zeros in (and precision beyond nanoseconds of) fractional seconds.
    private func normalizedDateTime(_ text: String) -> String {
        var chars = Array(text.uppercased())
        if chars.count > 10 && chars[10] == " " { chars[10] = "T" }
        var result = String(chars)
        for zero in ["+00:00", "-00:00"] where result.hasSuffix(zero) {
            result = String(result.dropLast(6)) + "Z"
        }
        guard let dot = result.firstIndex(of: ".") else { return result }
        let digitsStart = result.index(after: dot)
        let digitsEnd = result[digitsStart...].firstIndex { !$0.isNumber } ?? result.endIndex
        var digits = String(result[digitsStart..<digitsEnd].prefix(9))
        while digits.hasSuffix("0") { digits.removeLast() }
        let head = String(result[..<dot])
        let tail = String(result[digitsEnd...])
        return digits.isEmpty ? head + tail : head + "." + digits + tail
    }

    /// The package root is three levels above this file; shared data sits beside it.
    private func tomlTestRoot(file: String = #filePath) -> URL {
        URL(fileURLWithPath: file)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("../shared/conformance/toml-test")
            .standardizedFileURL
    }
}
