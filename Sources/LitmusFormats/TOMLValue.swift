/// One TOML value. Not `indirect` as a whole: arrays and tables already live on the heap, and
/// boxing every string and integer would cost an allocation per value while parsing. Only the
/// (large, rare) date-time payloads are boxed, to keep the enum small.
public enum TOMLValue: Sendable, Equatable {
    /// A string of any of the four TOML spellings, escapes resolved.
    case string(String)
    /// A 64-bit signed integer.
    case integer(Int64)
    /// A 64-bit float, including `inf` and `nan`.
    case float(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// A date-time with a UTC offset.
    indirect case offsetDateTime(TOMLDateTime)
    /// A date-time without an offset.
    indirect case localDateTime(TOMLDateTime)
    /// A calendar date.
    indirect case localDate(TOMLDateTime)
    /// A time of day.
    indirect case localTime(TOMLDateTime)
    /// An array; TOML 1.0 allows mixed element types.
    case array([TOMLValue])
    /// A table (standard, inline, or an array-of-tables element).
    case table(TOMLTable)

    /// The string, if this is a string.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is an integer.
    public var integer: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The float, if this is a float (integers are not converted).
    public var float: Double? {
        if case .float(let value) = self { return value }
        return nil
    }

    /// The boolean, if this is a boolean.
    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The date/time payload of any of the four date-time kinds.
    public var dateTime: TOMLDateTime? {
        switch self {
        case .offsetDateTime(let value), .localDateTime(let value), .localDate(let value), .localTime(let value):
            return value
        default:
            return nil
        }
    }

    /// The elements, if this is an array (arrays of tables included).
    public var array: [TOMLValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The table, if this is a table.
    public var table: TOMLTable? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// The tables of an array of tables; `nil` unless every element is a table.
    public var tables: [TOMLTable]? {
        guard case .array(let values) = self else { return nil }
        var out: [TOMLTable] = []
        out.reserveCapacity(values.count)
        for value in values {
            guard case .table(let table) = value else { return nil }
            out.append(table)
        }
        return out
    }
}
