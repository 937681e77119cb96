import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusFormats
@testable import LitmusModel
@testable import LitmusReporters

/// Text is escaped exactly once, at output: the model keeps raw strings, every reporter shows
/// untrusted text in the one display form (``Escape/display(_:)``) composed with its format's
/// own syntax escaping, and every output still parses.
@Suite struct DisplayEscapingTests {
    /// Reads the display form back (the rule in ``Escape``'s documentation): `\\` is one
    /// backslash, `\xNN` a control character (below 80) or raw file-name byte (80 and up),
    /// `\u{…}` that scalar; any other backslash is itself.
    static func undisplay(_ shown: String) throws -> String {
        let s = Array(shown.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func hex(_ text: [Unicode.Scalar]) -> UInt32? { UInt32(String(String.UnicodeScalarView(text)), radix: 16) }
        while i < s.count {
            guard s[i] == "\\", i + 1 < s.count else { out.append(s[i]); i += 1; continue }
            switch s[i + 1] {
            case "\\":
                out.append("\\"); i += 2
            case "x" where i + 3 < s.count && hex(Array(s[(i + 2)...(i + 3)])) != nil:
                let v = try #require(hex(Array(s[(i + 2)...(i + 3)])))
                out.append(try #require(v < 0x80 ? Unicode.Scalar(v) : Unicode.Scalar(0xF700 + v)))
                i += 4
            case "u" where i + 2 < s.count && s[i + 2] == "{":
                let close = try #require(s[(i + 3)...].firstIndex(of: "}"), "unterminated \\u{ in \(shown)")
                out.append(try #require(hex(Array(s[(i + 3)..<close])).flatMap(Unicode.Scalar.init)))
                i = close + 1
            default:
                out.append("\\"); i += 1
            }
        }
        return String(out)
    }

    /// A raw file-name byte as ``PathBytes`` keeps it.
    static func rawByte(_ b: UInt8) -> String { String(Character(Unicode.Scalar(0xF700 + UInt32(b))!)) }

    @Test(arguments: [
        ("C:\\temp\u{1B}", "C:\\temp\\x1b"),
        ("C:\\temp", "C:\\temp"),
        ("a\nb\tc\r", "a\\x0ab\\x09c\\x0d"),
        ("\u{0}\u{7}\u{7F}", "\\x00\\x07\\x7f"),
        ("x\u{202E}y\u{2066}\u{200B}\u{FEFF}", "x\\u{202e}y\\u{2066}\\u{200b}\\u{feff}"),
        ("\u{85}", "\\u{85}"),
        ("p" + rawByte(0xFF) + rawByte(0x85), "p\\xff\\x85"),
        ("literal \\x1b", "literal \\\\x1b"),
        ("\\u{41}", "\\\\u{41}"),
        ("\\\\server\\share", "\\\\\\server\\share"),
        ("ends\\", "ends\\\\"),
        ("\\\u{1B}", "\\\\\\x1b"),
        ("plain ümlaut 中文", "plain ümlaut 中文"),
    ])
    func displayConvention(raw: String, shown: String) throws {
        #expect(Escape.display(raw) == shown)
        #expect(try Self.undisplay(shown) == raw, "the display form reads back to the raw text")
        #expect(Escape.isDisplaySafe(shown))
    }

    /// Unambiguous: every string over an alphabet of the troublesome characters reads back to
    /// itself, alone and concatenated with another displayed value.
    @Test func displayFormReadsBackForEveryShortString() throws {
        let alphabet: [String] = ["\\", "x", "u", "{", "}", "1", "b", "t", "\u{1B}", "\u{0}", "\n", "\u{202E}", "\u{85}", Self.rawByte(0xFF), "a"]
        var seed: UInt64 = 0x5EED
        for _ in 0..<4000 {
            var parts: [String] = []
            for _ in 0..<2 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                let length = Int(seed >> 60)
                var s = ""
                for k in 0..<length { s += alphabet[Int((seed >> UInt64(4 * k % 56)) % UInt64(alphabet.count))] }
                parts.append(s)
            }
            let shown = Escape.display(parts[0])
            #expect(try Self.undisplay(shown) == parts[0], "\(parts[0].debugDescription) shown as \(shown)")
            #expect(Escape.isDisplaySafe(shown))
            #expect(try Self.undisplay(shown + Escape.display(parts[1])) == parts[0] + parts[1])
            #expect(Escape.displayReported(shown) == shown, "a litmus report's text is not escaped again")
        }
    }

    // MARK: - Every reporter

    /// Hostile text: terminal escapes (CSI, OSC with BEL), a Windows path, a literal `\x41`, a
    /// right-to-left override, NUL, an invalid UTF-8 byte, XML/CDATA and JUnit closers, quotes,
    /// markup, a line break that would forge a line, and a carriage return.
    static let hostile = "C:\\temp\u{1B}[2J\u{1B}]0;t\u{07}\u{202E}gpj.exe\u{0}" + rawByte(0xFF)
        + "]]></failure>\"<&'|`*\nforged line\r\\x41 end"

    enum Field: String, CaseIterable { case path, package, evidence, advisoryID, alias, issue }

    static func value(_ field: Field) -> String {
        switch field {
        case .path: return "./proj/P" + hostile + "/requirements.txt"
        case .package: return "N" + hostile
        case .evidence: return "first line: import os # E" + hostile
        case .advisoryID: return "A" + hostile
        case .alias: return "L" + hostile
        case .issue: return "could not parse I" + hostile
        }
    }

    static func report(command: String = "scan") -> ScanReport {
        let advisory = Advisory(id: value(.advisoryID), aliases: [value(.alias)], summary: "S" + hostile, details: "D" + hostile,
                                modified: "2026-03-25T00:00:00Z",
                                affected: [AffectedPackage(ecosystem: "PyPI", name: PackageName(value(.package)), versions: [], versionTexts: ["1.0"])],
                                references: [AdvisoryReference(type: "ADVISORY\(hostile)", url: "https://example.org/\(hostile)")],
                                severity: .critical, remediation: "R" + hostile, safeVersions: "V" + hostile, source: "test")
        var r = ScanReport(command: command, roots: ["."], database: AdvisoryDatabase([advisory]), startedAt: Date(timeIntervalSince1970: 1_774_350_000))
        r.hostName = "H" + hostile
        r.findings = [Finding(kind: .compromisedVersion, severity: .critical, advisoryID: value(.advisoryID), aliases: [value(.alias)],
                              package: value(.package), version: "1.0", specifier: nil,
                              location: FileLocation(path: value(.path), line: 3), evidence: value(.evidence), remediation: "R" + hostile)]
        r.inventory = [InventoryItem(name: value(.package), version: "1.0", specifier: nil, origin: .declared, ecosystem: "PyPI",
                                     location: FileLocation(path: value(.path), line: 3))]
        r.issues = [.error(value(.path), line: 9, stage: "requirements", value(.issue))]
        return r
    }

    /// Where each format shows each field (a format that does not show a field is not asked to).
    static let shown: [OutputFormat: Set<Field>] = [
        .text: Set(Field.allCases),
        .json: Set(Field.allCases),
        .sarif: [.path, .package, .evidence, .advisoryID, .alias, .issue],
        .junit: Set(Field.allCases),
        .markdown: [.path, .package, .advisoryID, .issue],
        .cyclonedx: [.path, .package, .evidence, .advisoryID, .alias],
    ]

    /// The text values a reader of the output sees: the text itself; Markdown with its
    /// backslash escapes removed; every string of a JSON document; every text and attribute
    /// value of an XML document (parsed by CPython's xml.etree).
    static func values(_ output: String, format: OutputFormat) throws -> [String] {
        switch format {
        case .text:
            return [output]
        case .markdown:
            var out = ""
            var escaped = false
            for c in output {
                if escaped || c != "\\" { out.append(c); escaped = false } else { escaped = true }
            }
            return [out]
        case .json, .sarif, .cyclonedx:
            let object = try JSONSerialization.jsonObject(with: Data(output.utf8))
            _ = try JSONParser.parse(Array(output.utf8))
            return strings(in: object)
        case .junit:
            return try xmlValues(output)
        }
    }

    static func strings(in object: Any) -> [String] {
        if let s = object as? String { return [s] }
        if let a = object as? [Any] { return a.flatMap(strings(in:)) }
        if let d = object as? [String: Any] { return d.keys.map { $0 } + d.values.flatMap(strings(in:)) }
        return []
    }

    static func xmlValues(_ xml: String) throws -> [String] {
        let dir = try Fixtures.temporaryDirectory("litmus-xml")
        defer { Fixtures.cleanUp(dir) }
        try Data(xml.utf8).write(to: URL(fileURLWithPath: dir + "/report.xml"))
        let script = """
        import json, sys, xml.etree.ElementTree as ET
        out = []
        for e in ET.parse(sys.argv[1]).iter():
            out += [e.text or "", e.tail or ""] + list(e.attrib.values())
        print(json.dumps(out))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script, dir + "/report.xml"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "xml.etree could not parse the JUnit report")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String])
    }

    @Test(arguments: OutputFormat.allCases)
    func hostileTextIsShownExactlyOnceAndTheOutputStillParses(format: OutputFormat) throws {
        let output = format.reporter.render(Self.report(), context: ReportContext(failOn: .high))
        let values = try Self.values(output, format: format)
        let all = values.joined(separator: "\u{1F}")
        for field in try #require(Self.shown[format]) {
            let once = Escape.display(Self.value(field))
            let twice = Escape.display(once)
            #expect(all.contains(once), "\(format): \(field) is not shown in display form")
            #expect(!all.contains(twice), "\(format): \(field) is escaped twice")
        }
        for v in values {
            // The only raw control character any output holds is the line feed between lines.
            #expect(Escape.isDisplaySafe(v.replacingOccurrences(of: "\n", with: "")), "\(format): raw control or invisible character in \(v.debugDescription.prefix(200))")
        }
        #expect(!output.split(separator: "\n").contains { $0.hasPrefix("forged") }, "\(format): a hostile line break forged a line")
        #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0 || $0.value == 0x07 })
        if format == .markdown {
            #expect(!output.contains("</failure>") && !output.contains("<&"), "markup is escaped in Markdown")
            #expect(output.contains("(https://example.org/C:%5Ctemp%1B%5B2J"), "the advisory link is percent-encoded")
        }
    }

    /// `litmus fleet` reads litmus JSON reports, whose text is in display form already, and
    /// shows it as it is: once, not escaped again, in every fleet format.
    @Test(arguments: FleetFormat.allCases)
    func fleetShowsReportedTextExactlyOnce(format: FleetFormat) throws {
        let dir = try Fixtures.temporaryDirectory("litmus-fleet-escape")
        defer { Fixtures.cleanUp(dir) }
        let json = JSONReporter().render(Self.report(command: "audit"), context: ReportContext(failOn: .high))
        try Fixtures.write(json, to: dir + "/reports/host.json")
        let c = Captured()
        _ = CLI.run(["fleet", dir + "/reports", "--format", format.rawValue], console: c.console())
        let values: [String]
        switch format {
        case .text: values = try Self.values(c.out, format: .text)
        case .markdown: values = try Self.values(c.out, format: .markdown)
        case .json: values = try Self.values(c.out, format: .json)
        }
        let all = values.joined(separator: "\u{1F}")
        var fields = ["H" + Self.hostile, Self.value(.advisoryID)]
        if format != .markdown { fields += [Self.value(.path), Self.value(.issue)] }
        for raw in fields {
            #expect(all.contains(Escape.display(raw)), "\(format): \(raw.debugDescription) not shown in display form:\n\(c.out)")
            #expect(!all.contains(Escape.display(Escape.display(raw))), "\(format): escaped twice")
        }
        for v in values { #expect(Escape.isDisplaySafe(v.replacingOccurrences(of: "\n", with: "")), "\(format): raw control character") }
        #expect(!c.out.split(separator: "\n").contains { $0.hasPrefix("forged") })
    }

    @Test func sarifRuleIdsAliasesAndHelpAreDisplayed() throws {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(SARIFReporter().render(Self.report(), context: ReportContext()).utf8)) as? [String: Any])
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        let id = Escape.display(Self.value(.advisoryID) + "/compromised-version")
        #expect(result["ruleId"] as? String == id)
        let rule = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]).first
        #expect(rule?["id"] as? String == id)
        #expect((rule?["properties"] as? [String: Any])?["aliases"] as? [String] == [Escape.display(Self.value(.alias))])
        let help = try #require((rule?["help"] as? [String: Any])?["text"] as? String)
        #expect(help.contains("Aliases: " + Escape.display(Self.value(.alias))))
        #expect(help.contains(Escape.display("ADVISORY\(Self.hostile): https://example.org/\(Self.hostile)")))
        // helpUri is a URI: percent-encoded (valid for GitHub), not displayed.
        #expect(rule?["helpUri"] as? String == ReportURL.encoded("https://example.org/\(Self.hostile)"))
        #expect((rule?["helpUri"] as? String)?.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" } == true)
    }

    /// The known bug: a `.pth` line holding `C:\temp` and an ESC printed double-escaped in
    /// text. Now the whole pipeline (host check → observation → finding → text) shows it once.
    @Test func pthLineWithWindowsPathAndEscapeIsShownOnceInText() throws {
        let root = try Fixtures.temporaryDirectory("litmus-pth")
        defer { Fixtures.cleanUp(root) }
        let sp = root + "/usr/lib/python3/dist-packages"
        try Fixtures.write("import os  # C:\\temp\u{1B}[31m\n", to: sp + "/zz_hook.pth")
        let c = Captured()
        _ = CLI.run(["audit", "--root", root, "--no-color"], console: c.console())
        #expect(c.out.contains("import os  # C:\\temp\\x1b[31m"), "\(c.out)")
        #expect(!c.out.contains("C:\\\\temp"), "the backslash is not doubled")
        #expect(!c.out.contains("\\\\x1b"), "the escape is not escaped again")
        let j = Captured()
        _ = CLI.run(["audit", "--root", root, "--format", "json"], console: j.console())
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(j.out.utf8)) as? [String: Any])
        let evidence = (doc["findings"] as? [[String: Any]] ?? []).compactMap { $0["evidence"] as? String }
        #expect(evidence.contains { $0.hasSuffix("first line: import os  # C:\\temp\\x1b[31m") }, "\(evidence)")
    }

    /// Messages built from input (a RECORD path, a dist-info name, an ignore entry's id) are
    /// kept raw in the model, so they too are escaped once.
    @Test func issueMessagesAreRawInTheModel() throws {
        let dir = try Fixtures.temporaryDirectory("litmus-msg")
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write("litellm==1.82.8\n", to: dir + "/requirements.txt")
        try Fixtures.write("[[ignore]]\nid = \"MAL-\\u001b[31m\"\nreason = \"r\"\n", to: dir + "/.litmus.toml")
        let c = Captured()
        _ = CLI.run(["scan", dir, "--no-color"], console: c.console())
        #expect(c.out.contains("ignore entry names MAL-\\x1b[31m, which no loaded advisory"), "\(c.out)")
        #expect(!c.out.contains("\\\\x1b"))
        #expect(c.err.contains("ignore entry names MAL-\\x1b[31m,"), "standard error shows the warning displayed: \(c.err)")
        #expect(!c.err.unicodeScalars.contains { $0.value == 0x1B })
    }
}

/// Advisory URLs are input (users add OSV files): every format that validates a URI gets a valid one.
@Suite struct ReportURLTests {
    @Test(arguments: [
        ("https://osv.dev/vulnerability/MAL-2026-2144", "https://osv.dev/vulnerability/MAL-2026-2144"),
        ("https://example.org/a?b=c&d=e#f", "https://example.org/a?b=c&d=e#f"),
        ("https://example.org/C:\\temp\u{1B}[2J", "https://example.org/C:%5Ctemp%1B%5B2J"),
        ("https://example.org/a b\u{202E}", "https://example.org/a%20b%E2%80%AE"),
        ("https://example.org/%41%zz%", "https://example.org/%41%25zz%25"),
        ("https://example.org/\"<>`{}|^", "https://example.org/%22%3C%3E%60%7B%7D%7C%5E"),
    ])
    func urlsBecomeValidURIs(url: String, expected: String) {
        #expect(ReportURL.encoded(url) == expected)
    }

    @Test func markdownAlsoEncodesWhatWouldEndALink() {
        #expect(MarkdownText.escapeURL("https://x.org/a(b)[c]'d'") == "https://x.org/a%28b%29%5Bc%5D%27d%27")
    }
}
