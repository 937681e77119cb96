import Foundation
import Testing
@testable import LitmusExtractors
@testable import LitmusModel
@testable import LitmusWalk
@testable import LitmusSystem

/// pip's requirements grammar as `pip._internal.req.req_file` reads it (pip 23.2 to 25.3):
/// decoding, `str.splitlines`, joining, comments, shlex and optparse. The differential suite
/// (PipOracleDifferentialTests) runs pip itself over every fixture; these pin the details.
@Suite struct PipRequirementsGrammarTests {
    let extractor = RequirementsTxt()

    private func extract(_ bytes: [UInt8], _ files: [String: [UInt8]] = [:]) -> Extraction {
        var all = files
        all["r/requirements.txt"] = bytes
        return extractor.extract(FileEntry(path: "r/requirements.txt", name: "requirements.txt", parentName: "r", kind: .file),
                                 files: InMemoryFiles(all))
    }

    private func pins(_ e: Extraction) -> [String] {
        e.observations.compactMap {
            guard case .package(let o) = $0 else { return nil }
            return "\(o.name)\(o.requirementText)@\(o.location.line ?? 0)"
        }
    }

    private func issues(_ e: Extraction) -> [String] {
        e.issues.map { "\($0.level.rawValue) \($0.location.display) \($0.message)" }
    }

    static func utf16(_ s: String, bigEndian: Bool) -> [UInt8] {
        s.utf16.flatMap { u in bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
    }

    static func utf32(_ s: String, bigEndian: Bool) -> [UInt8] {
        s.unicodeScalars.flatMap { sc -> [UInt8] in
            let v = sc.value
            let le = [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
            return bigEndian ? le.reversed() : le
        }
    }

    @Test func byteOrderMarksSelectTheEncodingAsPip25Does() {
        let text = "# \u{1F600} frozen\r\nlitellm==1.82.7\r\nsix==1.17.0\r\n"
        let cases: [(String, [UInt8])] = [
            ("utf-8", [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
            ("utf-16-le", [0xFF, 0xFE] + Self.utf16(text, bigEndian: false)),
            ("utf-16-be", [0xFE, 0xFF] + Self.utf16(text, bigEndian: true)),
            ("utf-32-le", [0xFF, 0xFE, 0, 0] + Self.utf32(text, bigEndian: false)),
            ("utf-32-be", [0, 0, 0xFE, 0xFF] + Self.utf32(text, bigEndian: true)),
        ]
        for (name, bytes) in cases {
            let e = extract(bytes)
            #expect(pins(e) == ["litellm==1.82.7@2", "six==1.17.0@3"], "\(name)")
            #expect(e.issues.isEmpty, "\(name): \(issues(e))")
        }
        // Without a BOM, UTF-16 is no UTF-8: an error naming the file, and never a silent clean.
        let e = extract(Self.utf16(text, bigEndian: false))
        #expect(e.issues.contains { $0.level == .error })
    }

    @Test func codingCookieInTheFirstTwoLinesSelectsTheEncoding() {
        let latin1: [UInt8] = Array("#!/usr/bin/env pip\n# -*- coding: latin-1 -*-\nlitellm==1.82.7".utf8) + [0xA0, 0x0A]
        #expect(pins(extract(latin1)) == ["litellm==1.82.7@3"], "NBSP (latin-1 0xA0) is whitespace str.strip removes")
        #expect(extract(latin1).issues.isEmpty)
        // cp1252's 0x85 is an ellipsis, latin-1's is NEL, which splitlines() breaks on.
        let body: [UInt8] = Array("litellm==1.82.7 #".utf8) + [0x85] + Array("telnyx==4.87.1\n".utf8)
        #expect(pins(extract(Array("# vim: set fileencoding=cp1252 :\n".utf8) + body)) == ["litellm==1.82.7@2"])
        #expect(pins(extract(Array("# coding=ISO-8859-1\n".utf8) + body)) == ["litellm==1.82.7@2", "telnyx==4.87.1@3"])
        // The third line is too late, and a line not starting with # is no cookie.
        let late = extract(Array("#\n#\n# coding: latin-1\nlitellm==1.82.7".utf8) + [0xA0])
        #expect(late.issues.contains { $0.message.contains("not valid UTF-8") })
        // An encoding litmus does not decode is an error naming the file, never a silent skip.
        let sjis = extract(Array("# coding: shift_jis\nlitellm==1.82.7\n".utf8))
        #expect(issues(sjis) == ["error r/requirements.txt its coding comment names \"shift_jis\", an encoding litmus does not decode; file not read"])
        #expect(PipTextEncoding.named("UTF8") == .utf8 && PipTextEncoding.named("utf-8-sig") == .utf8Sig)
        #expect(PipTextEncoding.named("Windows-1252") == .cp1252 && PipTextEncoding.named("l1") == .latin1)
        #expect(PipTextEncoding.named("ebcdic") == nil)
    }

    @Test func linesSplitWhereStrSplitlinesSplits() {
        let separators = ["\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1D}", "\u{1E}", "\u{85}", "\u{2028}", "\u{2029}"]
        for sep in separators {
            let e = extract(Array("# comment\(sep)litellm==1.82.7\(sep)six==1.17.0".utf8))
            #expect(pins(e) == ["litellm==1.82.7@2", "six==1.17.0@3"], "separator \(sep.unicodeScalars.map { $0.value })")
        }
        // \x1f is whitespace but no line break; U+00A0 is neither a break nor kept by strip.
        #expect(pins(extract(Array("\u{1F}litellm==1.82.7\u{A0}\n".utf8))) == ["litellm==1.82.7@1"])
    }

    @Test func joiningAndCommentsFollowPip() {
        let lines = RequirementsTxt.logicalLines(
            "a==1 \\\n# the comment ends the join \\\nb==2 # trailing \\\nswallowed==3\n\\\\c==4\\\\\n\nd==5#kept\n\u{3000}# ideographic-space comment\n")
        #expect(lines.map(\.text) == ["a==1", "b==2", "c==4", "d==5#kept"], "pip's preprocess() gives these (checked with pip 23.2.1)")
        #expect(lines.map(\.number) == [1, 3, 5, 7])
        let continued = RequirementsTxt.logicalLines("\\\\x\\\\\n==1")
        #expect(continued.map(\.text) == ["x==1"], "a continued line loses its backslashes at both ends")
    }

    @Test func optionLinesAreSplitByShlexAndOptparse() {
        let pre = PipOptionLine("--pre -r other.txt")
        #expect(pre.requirements == ["other.txt"] && pre.others == ["--pre"] && pre.error == nil)
        #expect(PipOptionLine("-r \"dir with space/x.txt\"").requirements == ["dir with space/x.txt"])
        #expect(PipOptionLine("-r 'a b'\\ c.txt").requirements == ["a b c.txt"])
        #expect(PipOptionLine("--requirement=x.txt").requirements == ["x.txt"])
        #expect(PipOptionLine("-rx.txt").requirements == ["x.txt"])
        #expect(PipOptionLine("--requirem x.txt").requirements == ["x.txt"], "optparse takes a unique prefix")
        #expect(PipOptionLine("--requ x.txt").error?.hasPrefix("ambiguous option: --requ") == true)
        #expect(PipOptionLine("-c c.txt -r a.txt").constraints == ["c.txt"])
        #expect(PipOptionLine("--frobnicate").error == "no such option: --frobnicate")
        #expect(PipOptionLine("-r \"unclosed").error == "Could not split options: No closing quotation")
        #expect(PipOptionLine("--pre=yes").error == "--pre option does not take a value")
        #expect(PipOptionLine("-r").error == "-r option requires 1 argument")
        #expect(PipOptionLine("litellm==1.82.7 --hash=md5:00").error == "Allowed hash algorithms for --hash are sha256, sha384, sha512.")
        let req = PipOptionLine("litellm==1.82.7  --hash=sha256:00 --hash sha512:11")
        #expect(req.args == "litellm==1.82.7 " && req.error == nil)
        #expect(PipOptionLine("litellm==1.82.7\t--hash=sha256:00").args == "litellm==1.82.7\t--hash=sha256:00", "break_args_options splits on spaces only")
        let positional = PipOptionLine("--pre litellm==1.82.7")
        #expect(positional.args == "" && positional.ignored == ["litellm==1.82.7"])
    }

    @Test func whatPipIgnoresOnALineIsAWarningAndPipsChoiceIsKept() {
        let e = extract(Array("--pre litellm==1.82.7\nsix==1.17.0 -r more.txt\n-r a.txt -r b.txt\n".utf8),
                        ["r/a.txt": Array("telnyx==4.87.1\n".utf8), "r/b.txt": Array("telnyx==4.87.2\n".utf8),
                         "r/more.txt": Array("litellm==1.82.8\n".utf8)])
        #expect(pins(e) == ["six==1.17.0@2", "telnyx==4.87.1@1"], "pip follows only the first -r of a line, none on a requirement line")
        #expect(issues(e) == ["warning r/requirements.txt:1 a word among the options ignored, as pip ignores them",
                              "warning r/requirements.txt:2 -r/-c/-e on a requirement line ignored, as pip ignores them"])
    }

    @Test func aRequirementsFileInsideAConstraintsFileIsNoConstraint() {
        let e = extract(Array("-c c.txt\n".utf8), ["r/c.txt": Array("-r inner.txt\n".utf8), "r/inner.txt": Array("litellm\n".utf8)])
        #expect(pins(e) == ["litellm@1"])
    }

    @Test func unexpandedEnvironmentVariablesNeverMakeAPinClean() {
        let e = extract(Array("litellm==${LITELLM_VERSION}\n${PKG}==1.82.7\nlitellm @ https://${HOST}/litellm-1.82.7-py3-none-any.whl\n".utf8))
        #expect(e.issues.filter { $0.level == .warning && $0.message.contains("is not expanded") }.map(\.location.line) == [1, 2, 3])
        #expect(e.issues.filter { $0.level == .error }.map(\.location.line) == [1, 2])
        #expect(pins(e) == ["litellm1.82.7@3"])
    }

    @Test func theSameFileIncludedTwiceIsReadTwiceWithoutALoopError() {
        let e = extract(Array("-r common.txt\n-r dev.txt\n-r ./common.txt\n".utf8),
                        ["r/common.txt": Array("litellm==1.82.7\n".utf8), "r/dev.txt": Array("-r common.txt\npytest\n".utf8)])
        #expect(e.issues.isEmpty)
        #expect(Set(pins(e)) == ["litellm==1.82.7@1", "pytest@2"])
    }

    /// A file larger than the chunk size, with separators, CRLF pairs and UTF-16 surrogate
    /// pairs straddling chunk boundaries at every offset parity.
    @Test func chunkBoundariesSplitNothing() {
        let filler = "# " + String(repeating: "\u{1F600}", count: 40) + "\r\n"
        let fillerUTF16 = Self.utf16(filler, bigEndian: false)
        let fillerUTF8 = Array(filler.utf8)
        let count = 3 * PipLineStream.chunkSize / fillerUTF16.count + 1
        let pin = "litellm==1.82.7\r\n"
        for pad in 0..<2 {
            var utf16: [UInt8] = [0xFF, 0xFE] + Self.utf16(String(repeating: " ", count: pad), bigEndian: false)
            var utf8 = Array(String(repeating: " ", count: pad).utf8)
            utf16.reserveCapacity(count * fillerUTF16.count + 64)
            for _ in 0..<count { utf16 += fillerUTF16; utf8 += fillerUTF8 }
            utf16 += Self.utf16(pin, bigEndian: false)
            utf8 += Array(pin.utf8)
            let e = extract(utf16)
            #expect(e.issues.isEmpty)
            #expect(pins(e) == ["litellm==1.82.7@\(count + 1)"])
            let e8 = extract(utf8)
            #expect(e8.issues.isEmpty && pins(e8) == ["litellm==1.82.7@\(count + 1)"])
        }
    }

    @Test(arguments: ["pre-include", "quoted-include", "included-twice", "utf16-bom", "utf8-bom", "latin1-cookie"])
    func grammarFixtures(_ name: String) throws {
        let bad = try Fixtures.scan(fixture: "requirements/pip-grammar/\(name)/compromised")
        #expect(bad.findings.map(\.package) == ["litellm"], "\(name)")
        #expect(bad.findings.allSatisfy { $0.version == "1.82.7" })
        #expect(bad.issues.isEmpty, "\(name): \(bad.issues.map(\.message))")
        let good = try Fixtures.scan(fixture: "requirements/pip-grammar/\(name)/clean")
        #expect(good.findings.isEmpty && good.issues.isEmpty, "\(name): \(good.issues.map(\.message))")
    }

    /// 50 MB of hashed pins with continuations and a 4 MiB comment line, the compromised pin
    /// near the end: read in bounded memory (peak RSS is measured by bench/requirements-size.sh).
    @Test func fiftyMegabytesOfHashedPinsAreStreamedAndTheLatePinFound() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let path = dir + "/requirements.txt"
        try RequirementsSizeFile.write(to: path, megabytes: 50)
        let report = try Fixtures.scan([path])
        #expect(report.findings.map { "\($0.package ?? "") \($0.version ?? "")" } == ["litellm 1.82.7"])
        #expect(report.issues.isEmpty, "\(report.issues.map(\.message))")
        // Over-long lines that are not comments are errors naming the line, never dropped.
        let longLine = dir + "/long/requirements.txt"
        try Fixtures.write("six==1.17.0\n", to: longLine)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: longLine))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(("litellm==1.82.7 " + String(repeating: "x", count: 2 << 20) + "\n").utf8))
        try handle.write(contentsOf: Data("telnyx==4.87.1 # " .utf8) + Data(repeating: UInt8(ascii: "y"), count: 2 << 20) + Data("\n".utf8))
        try handle.close()
        let long = try Fixtures.scan([longLine])
        #expect(long.errors.map { "\($0.location.line ?? 0) \($0.message)" } == ["2 line 2 is longer than 1 MiB and is not a comment; not read"])
        #expect(long.findings.map { "\($0.package ?? "")@\($0.location.line ?? 0)" } == ["telnyx@3"])
    }
}

/// The generated large requirements file (shared by the test and bench/requirements-size.sh's
/// generator, which writes the same layout in Python).
enum RequirementsSizeFile {
    static func write(to path: String, megabytes: Int) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let target = megabytes * 1_000_000
        var written = 0
        var block = ""
        var index = 0
        let hash = String(repeating: "0123456789abcdef", count: 4)
        func flush() throws {
            try handle.write(contentsOf: Data(block.utf8))
            written += block.utf8.count
            block = ""
        }
        try handle.write(contentsOf: Data(("# " + String(repeating: "c", count: 4 << 20) + "\n").utf8))
        written += (4 << 20) + 3
        while written + block.utf8.count < target - 10_000 {
            block += "package-\(index)==1.0.\(index) \\\n"
            for _ in 0..<12 { block += "    --hash=sha256:\(hash) \\\n" }
            block += "    --hash=sha256:\(hash)\n"
            index += 1
            if block.utf8.count > 1 << 20 { try flush() }
        }
        block += "litellm==1.82.7 \\\n    --hash=sha256:\(hash)\nsix==1.17.0\n"
        try flush()
    }
}

/// Every issue message is bounded at construction, whatever it quotes.
@Suite struct ScanIssueMessageCapTests {
    @Test func longMessagesAreCutOnAScalarBoundaryWithAMarker() {
        let short = ScanIssue.error("p", stage: "s", "fine")
        #expect(short.message == "fine")
        let exact = String(repeating: "a", count: ScanIssue.maxMessageBytes)
        #expect(ScanIssue.error("p", stage: "s", exact).message == exact, "a message of exactly the limit is kept")
        for prefix in ["", "a", "ab", "abc"] {
            // 4-byte scalars at every alignment: the cut never splits one.
            let long = prefix + String(repeating: "\u{1F600}", count: 400)
            let cut = ScanIssue.error("p", stage: "s", long).message
            #expect(cut.utf8.count <= ScanIssue.maxMessageBytes)
            #expect(cut.utf8.count > ScanIssue.maxMessageBytes - 4 - ScanIssue.cutMarker.utf8.count)
            #expect(cut.hasSuffix(ScanIssue.cutMarker))
            #expect(cut.hasPrefix(prefix + "\u{1F600}"))
            #expect(!cut.unicodeScalars.contains("\u{FFFD}"))
        }
        // Through a real extractor: an include path of 4,000 bytes.
        let path = "r/" + String(repeating: "d", count: 4000) + ".txt"
        let e = RequirementsTxt().extract(FileEntry(path: "r/requirements.txt", name: "requirements.txt", parentName: "r", kind: .file),
                                          files: InMemoryFiles(text: ["r/requirements.txt": "-r \(Paths.baseName(path))\n"]))
        #expect(e.issues.count == 1)
        #expect(e.issues.allSatisfy { $0.message.utf8.count <= ScanIssue.maxMessageBytes && $0.message.hasSuffix(ScanIssue.cutMarker) })
    }
}
