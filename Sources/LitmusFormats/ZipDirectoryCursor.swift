/// Sequential reader over the central directory that fetches it through the
/// caller's random-access `read` in bounded windows, so a directory that
/// claims gigabytes never causes a matching allocation.
struct ZipDirectoryCursor {
    /// Largest window fetched at once; also bounds memory use.
    static let windowSize = 256 * 1024

    /// Current absolute position.
    private(set) var position: UInt64
    /// Absolute end of the central directory (exclusive).
    let end: UInt64
    /// Bytes fetched most recently, starting at `windowStart`.
    private var window: [UInt8] = []
    /// Absolute position of `window[0]`.
    private var windowStart: UInt64 = 0

    /// Creates a cursor over [start, end).
    init(start: UInt64, end: UInt64) {
        self.position = start
        self.end = end
    }

    /// Bytes left before `end`.
    var remaining: UInt64 { end - position }

    /// Returns the next `count` bytes and advances past them; throws if they
    /// would run past `end`.
    mutating func take(
        _ count: Int, what: String, read: (UInt64, Int) throws -> [UInt8]
    ) throws(ZipError) -> [UInt8] {
        guard UInt64(count) <= remaining else {
            throw ZipError("\(what) at offset \(position) runs past the end of the central directory")
        }
        if !windowCovers(count) {
            let length = Int(min(UInt64(max(count, ZipDirectoryCursor.windowSize)), remaining))
            window = try ZipDirectory.fetch(offset: position, count: length, read: read)
            windowStart = position
        }
        let from = Int(position - windowStart)
        position += UInt64(count)
        return Array(window[from..<(from + count)])
    }

    /// Advances past `count` bytes without fetching them (entry comments).
    mutating func skip(_ count: Int, what: String) throws(ZipError) {
        guard UInt64(count) <= remaining else {
            throw ZipError("\(what) at offset \(position) runs past the end of the central directory")
        }
        position += UInt64(count)
    }

    /// Whether [position, position + count) is already in `window`.
    private func windowCovers(_ count: Int) -> Bool {
        guard position >= windowStart else { return false }
        let from = position - windowStart
        return from + UInt64(count) <= UInt64(window.count)
    }
}
