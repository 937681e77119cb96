import Foundation
#if canImport(FoundationXML)
import FoundationXML  // XMLParser lives here on Linux; used only to check well-formedness
#endif
import Testing
@testable import LitmusAdvisories
@testable import LitmusReporters

@Suite(.serialized) struct JUnitReporterTests {
    @Test func oneCasePerFileWithFindings() throws {
        let report = try Fixtures.scanFromRoot(["dist-info/pip-venv/compromised", "requirements/pip-freeze/compromised"])
        let xml = JUnitReporter().render(report, context: ReportContext())
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"litmus\" tests=\"3\" failures=\"3\" errors=\"0\""))
        let names = xml.split(separator: "\n").filter { $0.contains("<testcase ") }.map { line -> String in
            let start = line.range(of: " name=\"")?.upperBound ?? line.startIndex
            return String(line[start...].prefix { $0 != "\"" })
        }
        #expect(names == [
            "fixtures/dist-info/pip-venv/compromised/V/lib/python3.11/site-packages/litellm-1.82.8.dist-info/METADATA",
            "fixtures/dist-info/pip-venv/compromised/V/lib/python3.11/site-packages/litellm_init.pth",
            "fixtures/requirements/pip-freeze/compromised/requirements.txt",
        ])
        #expect(xml.contains("<failure message=\"litellm pinned to 1.82.7 (written &quot;==1.82.7&quot;)\" type=\"compromised-version\">"))
        #expect(xml.contains("type=\"ioc-file\""))
        #expect(XMLParser(data: Data(xml.utf8)).parse())
    }

    @Test func findingsBelowFailOnPassButStayVisible() throws {
        let report = try Fixtures.scanFromRoot(["requirements/ranges"])
        #expect(!report.findings.isEmpty && report.findings.allSatisfy { $0.severity == .low })
        #expect(report.exitCode(failOn: .high) == ExitCode.clean)
        let xml = JUnitReporter().render(report, context: ReportContext(failOn: .high))
        #expect(xml.contains("failures=\"0\" errors=\"0\""))
        #expect(!xml.contains("<failure"))
        #expect(xml.contains("<system-out>\nBelow --fail-on high (reported, not failing):\nLOW "))
        #expect(xml.contains("<property name=\"below_fail_on\" value=\"\(report.findings.count)\"/>"))
        let strict = JUnitReporter().render(report, context: ReportContext(failOn: .low))
        #expect(report.exitCode(failOn: .low) == ExitCode.findings)
        #expect(!strict.contains("failures=\"0\"") && strict.contains("<failure"))
        #expect(!JUnitReporter().render(report, context: ReportContext(failOn: nil)).contains("<failure"))
        #expect(XMLParser(data: Data(xml.utf8)).parse())
    }

    @Test func cleanScanHasOneSummaryCase() throws {
        let report = try Fixtures.scanFromRoot(["requirements/pip-freeze/clean"])
        let xml = JUnitReporter().render(report, context: ReportContext())
        #expect(xml.contains("tests=\"1\" failures=\"0\" errors=\"0\""))
        #expect(xml.contains("name=\"litmus scan of fixtures/requirements/pip-freeze/clean: no findings\""))
        #expect(!xml.contains("<failure"))
    }

    @Test func errorsAndHostileTextStayWellFormed() throws {
        var report = try Fixtures.scanFromRoot(["requirements/pip-freeze/clean"])
        report.issues = [.error("bad\u{1}<&>\u{FFFE}.txt", stage: "read", "cannot read \"x\"\u{7}")]
        let xml = JUnitReporter().render(report, context: ReportContext())
        #expect(xml.contains("<error message=\"cannot read &quot;x&quot;\\x07\" type=\"scan-error\">"))
        #expect(xml.contains("name=\"bad\\x01&lt;&amp;&gt;.txt\""))
        #expect(!xml.unicodeScalars.contains { !XMLText.isAllowed($0) })
        #expect(XMLParser(data: Data(xml.utf8)).parse())
    }
}
