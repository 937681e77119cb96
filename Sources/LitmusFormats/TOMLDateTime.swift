/// A TOML date, time, or date-time; which parts are meaningful depends on the `TOMLValue` case
/// that carries it (`hasDate`, `hasTime` and `offsetMinutes` say the same thing).
public struct TOMLDateTime: Sendable, Equatable, CustomStringConvertible {
    /// Calendar year (0...9999); 0 when there is no date part.
    public var year: Int
    /// Month 1...12; 0 when there is no date part.
    public var month: Int
    /// Day of month 1...31; 0 when there is no date part.
    public var day: Int
    /// Hour 0...23.
    public var hour: Int
    /// Minute 0...59.
    public var minute: Int
    /// Second 0...60 (60 only for a leap second).
    public var second: Int
    /// Fractional second in nanoseconds; digits past the ninth are truncated.
    public var nanosecond: Int
    /// Offset from UTC in minutes for an offset date-time, `nil` for local values.
    public var offsetMinutes: Int?
    /// True when the value has a calendar date.
    public var hasDate: Bool
    /// True when the value has a time of day.
    public var hasTime: Bool

    /// Creates a value from its components; no range checking is done here.
    public init(year: Int = 0, month: Int = 0, day: Int = 0, hour: Int = 0, minute: Int = 0,
                second: Int = 0, nanosecond: Int = 0, offsetMinutes: Int? = nil,
                hasDate: Bool, hasTime: Bool) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
        self.offsetMinutes = offsetMinutes
        self.hasDate = hasDate
        self.hasTime = hasTime
    }

    /// Normalised RFC 3339 spelling: `T` separator, `Z` for a zero offset written as `Z`/`z`
    /// or `+00:00`, fractional seconds without trailing zeros.
    public var text: String {
        var out = ""
        if hasDate {
            out += Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
        }
        if hasTime {
            if hasDate { out += "T" }
            out += Self.pad(hour, 2) + ":" + Self.pad(minute, 2) + ":" + Self.pad(second, 2)
            if nanosecond > 0 { out += "." + Self.fraction(nanosecond) }
        }
        if let offset = offsetMinutes {
            if offset == 0 {
                out += "Z"
            } else {
                let magnitude = abs(offset)
                out += (offset < 0 ? "-" : "+") + Self.pad(magnitude / 60, 2) + ":" + Self.pad(magnitude % 60, 2)
            }
        }
        return out
    }

    /// Same as `text`.
    public var description: String { text }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Nine-digit nanoseconds with trailing zeros dropped, so `.6` and `.600` print alike.
    private static func fraction(_ nanos: Int) -> String {
        var digits = Array(pad(nanos, 9))
        while digits.last == "0" { digits.removeLast() }
        return String(digits)
    }
}
