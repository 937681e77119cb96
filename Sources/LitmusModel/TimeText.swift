import FoundationEssentials

/// Dates and durations as report text, in UTC and ASCII, without Foundation's formatters.
package enum TimeText {
    /// RFC 3339 UTC with milliseconds when `fractional` ("2026-03-24T10:52:07.123Z"), else
    /// whole seconds ("2026-03-24T10:52:07Z").
    package static func iso8601(_ date: Date, fractional: Bool = true) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = floorDiv(millis, 1000)
        let (day, second) = (floorDiv(seconds, 86_400), seconds - floorDiv(seconds, 86_400) * 86_400)
        var out = civil(day) + "T" + pad(Int(second / 3600), 2) + ":" + pad(Int(second / 60 % 60), 2) + ":" + pad(Int(second % 60), 2)
        if fractional { out += "." + pad(Int(millis - seconds * 1000), 3) }
        return out + "Z"
    }

    /// The UTC calendar day of `date` as `YYYY-MM-DD`.
    package static func day(_ date: Date) -> String {
        civil(floorDiv(Int64(date.timeIntervalSince1970.rounded(.down)), 86_400))
    }

    /// `seconds` with `digits` decimals, rounded as `printf("%.3f")` rounds: by the exact
    /// binary value, ties to even. Negative values print as 0.
    package static func fixed(_ seconds: Double, digits: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let value = max(0, seconds), s = Double(scale)
        let product = value * s
        let residual = (-product).addingProduct(value, s)  // product + residual == value * s exactly
        var rounded = product.rounded(.down)
        let fraction = product - rounded
        if fraction > 0.5 || (fraction == 0.5 && (residual > 0 || (residual == 0 && rounded.truncatingRemainder(dividingBy: 2) != 0))) {
            rounded += 1
        }
        let scaled = Int64(rounded)
        let whole = String(scaled / scale)
        return digits == 0 ? whole : whole + "." + pad(Int(scaled % scale), digits)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func civil(_ days: Int64) -> String {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return pad(Int(y), 4) + "-" + pad(Int(m), 2) + "-" + pad(Int(d), 2)
    }
}
