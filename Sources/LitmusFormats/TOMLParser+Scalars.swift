/// Integers, floats, and dates/times.
extension TOMLParser {
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// A value starting with a digit is a date (`dddd-`), a time (`dd:`), or a number.
    mutating func parseNumberOrDate() throws(TOMLError) -> TOMLValue {
        var run = 0
        while pos + run < end && run < 5 && Self.isDigit(p[pos + run]) { run += 1 }
        if run == 4 && pos + 4 < end && p[pos + 4] == UInt8(ascii: "-") { return try parseDateValue() }
        if run == 2 && pos + 2 < end && p[pos + 2] == UInt8(ascii: ":") {
            var time = TOMLDateTime(hasDate: false, hasTime: true)
            try parseTime(into: &time)
            return .localTime(time)
        }
        return try parseNumber()
    }

    // MARK: - Numbers

    mutating func parseNumber() throws(TOMLError) -> TOMLValue {
        let start = pos
        var negative = false
        let hasSign = p[pos] == UInt8(ascii: "+") || p[pos] == UInt8(ascii: "-")
        if hasSign {
            negative = p[pos] == UInt8(ascii: "-")
            pos += 1
        }
        guard pos < end else { throw error("expected a number, found end of input") }
        if p[pos] == UInt8(ascii: "i") {
            try expectWord("inf")
            return .float(negative ? -Double.infinity : Double.infinity)
        }
        if p[pos] == UInt8(ascii: "n") {
            try expectWord("nan")
            return .float(negative ? -Double.nan : Double.nan)
        }
        if p[pos] == UInt8(ascii: "0"), pos + 1 < end, let radix = Self.radix(of: p[pos + 1]) {
            guard !hasSign else { throw error("a sign is not allowed on hex, octal or binary integers") }
            pos += 2
            return .integer(try parseRadixInteger(radix))
        }
        return try parseDecimal(start: start, negative: negative)
    }

    static func radix(of byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "x"): return 16
        case UInt8(ascii: "o"): return 8
        case UInt8(ascii: "b"): return 2
        default: return nil
        }
    }

    @inline(__always)
    static func digitValue(_ byte: UInt8, radix: UInt64) -> UInt64? {
        guard let value = hexValue(byte), UInt64(value) < radix else { return nil }
        return UInt64(value)
    }

    /// Scans digits where each `_` must sit between two digits; returns the digit count.
    mutating func scanDigits(radix: UInt64) throws(TOMLError) -> Int {
        guard pos < end, Self.digitValue(p[pos], radix: radix) != nil else {
            throw error("expected a digit, found \(describeByte())")
        }
        var count = 0
        while pos < end {
            let byte = p[pos]
            if Self.digitValue(byte, radix: radix) != nil {
                count += 1
                pos += 1
            } else if byte == UInt8(ascii: "_") {
                guard pos + 1 < end, Self.digitValue(p[pos + 1], radix: radix) != nil else {
                    throw error("'_' must be surrounded by digits")
                }
                pos += 1
            } else {
                break
            }
        }
        return count
    }

    mutating func parseRadixInteger(_ radix: UInt64) throws(TOMLError) -> Int64 {
        let start = pos
        _ = try scanDigits(radix: radix)
        let magnitude = try accumulate(start, pos, radix: radix, limit: UInt64(Int64.max))
        return Int64(magnitude)
    }

    /// Folds digits (skipping `_`) into a magnitude, failing past `limit`.
    func accumulate(_ start: Int, _ stop: Int, radix: UInt64, limit: UInt64) throws(TOMLError) -> UInt64 {
        var value: UInt64 = 0
        for index in start..<stop {
            guard let digit = Self.digitValue(p[index], radix: radix) else { continue }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
            let (sum, carry) = shifted.addingReportingOverflow(digit)
            guard !overflow, !carry, sum <= limit else { throw error("integer does not fit in 64 bits") }
            value = sum
        }
        return value
    }

    mutating func parseDecimal(start: Int, negative: Bool) throws(TOMLError) -> TOMLValue {
        let integerStart = pos
        let integerDigits = try scanDigits(radix: 10)
        if p[integerStart] == UInt8(ascii: "0") && integerDigits > 1 {
            throw error("leading zeros are not allowed")
        }
        let integerEnd = pos
        var isFloat = false
        if pos < end && p[pos] == UInt8(ascii: ".") {
            pos += 1
            _ = try scanDigits(radix: 10)
            isFloat = true
        }
        if pos < end && (p[pos] == UInt8(ascii: "e") || p[pos] == UInt8(ascii: "E")) {
            pos += 1
            if pos < end && (p[pos] == UInt8(ascii: "+") || p[pos] == UInt8(ascii: "-")) { pos += 1 }
            _ = try scanDigits(radix: 10)
            isFloat = true
        }
        if isFloat { return .float(try makeDouble(start, pos)) }
        let limit = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        let magnitude = try accumulate(integerStart, integerEnd, radix: 10, limit: limit)
        if negative { return .integer(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)) }
        return .integer(Int64(magnitude))
    }

    /// Floats are rare in lockfiles, so the standard library's correctly rounded conversion
    /// is used on the underscore-free spelling.
    func makeDouble(_ start: Int, _ stop: Int) throws(TOMLError) -> Double {
        var text = ""
        text.reserveCapacity(stop - start)
        for index in start..<stop where p[index] != UInt8(ascii: "_") {
            text.unicodeScalars.append(Unicode.Scalar(p[index]))
        }
        guard let value = Double(text) else { throw error("invalid float '\(text)'") }
        return value
    }

    // MARK: - Dates and times

    mutating func parseDateValue() throws(TOMLError) -> TOMLValue {
        var value = TOMLDateTime(hasDate: true, hasTime: false)
        try parseDate(into: &value)
        guard pos < end, startsTime() else { return .localDate(value) }
        pos += 1
        value.hasTime = true
        try parseTime(into: &value)
        guard pos < end else { return .localDateTime(value) }
        switch p[pos] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            pos += 1
            value.offsetMinutes = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            value.offsetMinutes = try parseOffset()
        default:
            return .localDateTime(value)
        }
        return .offsetDateTime(value)
    }

    /// `T`, `t`, or a space followed by a digit separates date and time; a space followed by
    /// anything else ends a plain date (e.g. before a comment).
    func startsTime() -> Bool {
        let byte = p[pos]
        if byte == UInt8(ascii: "T") || byte == UInt8(ascii: "t") { return true }
        return byte == UInt8(ascii: " ") && pos + 1 < end && Self.isDigit(p[pos + 1])
    }

    mutating func parseDate(into value: inout TOMLDateTime) throws(TOMLError) {
        value.year = try fixedDigits(4)
        try expect(UInt8(ascii: "-"), "expected '-' in date")
        value.month = try fixedDigits(2)
        try expect(UInt8(ascii: "-"), "expected '-' in date")
        value.day = try fixedDigits(2)
        guard (1...12).contains(value.month) else { throw error("month out of range") }
        guard value.day >= 1 && value.day <= Self.daysIn(month: value.month, year: value.year) else {
            throw error("day out of range")
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    mutating func parseTime(into value: inout TOMLDateTime) throws(TOMLError) {
        value.hour = try fixedDigits(2)
        try expect(UInt8(ascii: ":"), "expected ':' in time")
        value.minute = try fixedDigits(2)
        try expect(UInt8(ascii: ":"), "expected ':' in time (seconds are required)")
        value.second = try fixedDigits(2)
        guard value.hour < 24, value.minute < 60, value.second <= 60 else { throw error("time out of range") }
        guard pos < end, p[pos] == UInt8(ascii: ".") else { return }
        pos += 1
        value.nanosecond = try parseFraction()
    }

    /// Keeps nine digits of precision; further digits are accepted and truncated.
    mutating func parseFraction() throws(TOMLError) -> Int {
        guard pos < end, Self.isDigit(p[pos]) else { throw error("expected digits after '.' in time") }
        var nanos = 0
        var digits = 0
        while pos < end && Self.isDigit(p[pos]) {
            if digits < 9 {
                nanos = nanos * 10 + Int(p[pos] - UInt8(ascii: "0"))
                digits += 1
            }
            pos += 1
        }
        for _ in digits..<9 { nanos *= 10 }
        return nanos
    }

    mutating func parseOffset() throws(TOMLError) -> Int {
        let sign = p[pos] == UInt8(ascii: "-") ? -1 : 1
        pos += 1
        let hours = try fixedDigits(2)
        try expect(UInt8(ascii: ":"), "expected ':' in UTC offset")
        let minutes = try fixedDigits(2)
        guard hours < 24, minutes < 60 else { throw error("UTC offset out of range") }
        return sign * (hours * 60 + minutes)
    }

    mutating func fixedDigits(_ count: Int) throws(TOMLError) -> Int {
        guard pos + count <= end else { throw error("truncated date or time") }
        var value = 0
        for _ in 0..<count {
            guard Self.isDigit(p[pos]) else { throw error("expected a digit in date or time, found \(describeByte())") }
            value = value * 10 + Int(p[pos] - UInt8(ascii: "0"))
            pos += 1
        }
        return value
    }
}
