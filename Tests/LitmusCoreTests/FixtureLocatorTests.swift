import Foundation
import Testing

/// The fixture locator cannot let a test pass by accident: a missing fixture fails the test.
@Suite struct FixtureLocatorTests {
    @Test func aMissingFixtureFailsTheTestThatAsksForIt() {
        withKnownIssue("Fixtures.path records a failure for a fixture that is not there") {
            let path = Fixtures.path("no/such/fixture")
            #expect(path.hasSuffix("/fixtures/no/such/fixture"), "the path is still returned so the test reports the rest")
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("fixture not found: fixtures/no/such/fixture") }
        }
    }

    @Test func theThrowingFormsThrowForAMissingFixture() {
        #expect(throws: Fixtures.Missing.self) { try Fixtures.existing("no/such/fixture") }
        #expect(throws: Fixtures.Missing.self) { try Fixtures.relative("no/such/fixture") }
        #expect(throws: Fixtures.Missing.self) { try Fixtures.scan(fixture: "no/such/fixture") }
        #expect(throws: Fixtures.Missing.self) { try Fixtures.scanFromRoot(["requirements", "no/such/fixture"]) }
    }

    @Test func anExistingFixtureIsFoundFromTheSourceFileNotTheWorkingDirectory() throws {
        let path = Fixtures.path("README.md")
        #expect(path.hasPrefix("/") && FileManager.default.fileExists(atPath: path))
        #expect(try Fixtures.existing("README.md") == path)
        #expect(try Fixtures.relative("README.md") == "fixtures/README.md")
        #expect(Fixtures.path("requirements/../README.md") == path, "the path is normalised")
    }
}
