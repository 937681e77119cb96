import Foundation
import Testing
@testable import LitmusModel

/// TimeText against Foundation's ISO 8601 formatter and `%.3f`, which the reporters used
/// before litmus moved to FoundationEssentials.
@Suite struct TimeTextTests {
    static let instants: [Double] = [0, 0.999, 0.0005, 0.0015, 1.0625, 1, 59.5, 86_399.999, 86_400, 951_782_400, 1_709_210_096.25,
                                     1_774_349_527.123, 4_102_444_800, 253_402_300_799, -1, -86_400.5, -2_208_988_800]

    @Test(arguments: instants)
    func iso8601MatchesFoundation(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let whole = ISO8601DateFormatter()
        whole.formatOptions = [.withInternetDateTime]
        #expect(TimeText.iso8601(date) == withFraction.string(from: date))
        #expect(TimeText.iso8601(date, fractional: false) == whole.string(from: date))
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"
        #expect(TimeText.day(date) == day.string(from: date))
    }

    @Test(arguments: [0.0, 0.0004, 0.0005, 0.0015, 0.0625, 0.1875, 1.2345, 2.0005, 12.34567, 99.9996, 3600.25])
    func fixedMatchesPrintf(_ seconds: Double) {
        #expect(TimeText.fixed(seconds, digits: 3) == String(format: "%.3f", seconds))
    }
}
