import Testing
@testable import LitmusReporters

@Suite(.serialized) struct MarkdownReporterTests {
    @Test func summaryTableOnRealFixture() throws {
        let report = try Fixtures.scanFromRoot(["requirements/pip-freeze/compromised", "requirements/ranges"])
        let md = MarkdownReporter().render(report, context: ReportContext())
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "### litmus scan: compromised packages found")
        #expect(lines.contains("| Severity | Package | Version / specifier | Location | Advisory |"))
        #expect(lines.contains("| **critical** | litellm | 1.82.7 | fixtures/requirements/pip-freeze/compromised/requirements.txt:1 | [MAL-2026-2144](https://osv.dev/vulnerability/MAL-2026-2144) |"))
        #expect(lines.contains { $0.hasPrefix("| **low** | litellm | \\>=1.80 | fixtures/requirements/ranges/requirements-admits.txt:1 |") })
        #expect(lines.contains("**5 findings** (1 critical, 4 low) · 0 ignored · 0 errors · 3 files read · advisory data 2026-12-02 · exit **1** (findings at or above high)"))
    }

    @Test func cellsCannotBreakTheTable() {
        #expect(MarkdownText.escape("a|b`c@d\nx") == "a\\|b\\`c\\@d\\\\x0ax")
    }

    @Test func errorsAreListed() throws {
        var report = try Fixtures.scanFromRoot(["requirements/pip-freeze/clean"])
        report.issues = [.error("x|y.txt", line: 2, stage: "read", "permission denied")]
        let md = MarkdownReporter().render(report, context: ReportContext())
        #expect(md.hasPrefix("### litmus scan: scan incomplete"))
        #expect(md.contains("#### Not scanned (errors; the scan is incomplete)\n\n- x\\|y.txt:2: \\[read\\] permission denied"))
    }
}
