import LitmusModel
import LitmusWalk

/// A requirements file read as pip's `preprocess()` sees it, streamed in bounded memory.
///
/// pip decodes the file (``PipTextEncoding``), splits it with `str.splitlines()` (`\n`, `\r`,
/// `\r\n`, `\v`, `\f`, `\x1c`–`\x1e`, U+0085, U+2028, U+2029), joins a line ending in `\` with
/// the next unless it is a comment line (`(^|\s+)#` at its start; a comment line ends a pending
/// join, and each continued line loses every `\` at both its ends), removes `(^|\s+)#.*$`,
/// strips Unicode whitespace and drops empty lines. `${NAME}` is not expanded (see
/// ``RequirementsTxt``).
///
/// The file is read in ``chunkSize`` chunks through ``FileReading/readRange(_:offset:count:)``,
/// so its size is unbounded. A physical or logical line is held up to ``lineCap`` bytes: past
/// that, a comment line (or the comment that ends a line) is skipped without being held, and
/// any other over-long line is an error naming it, never dropped silently.
struct PipLineStream {
    /// Bytes read per call.
    static let chunkSize = 1 << 20
    /// The longest (UTF-8) line held.
    static let lineCap = 1 << 20

    /// One logical line: its text (comment removed, stripped, non-empty) and first line number.
    struct Line {
        var text: String
        var number: Int
    }

    /// A problem with the file, at a line where one is known.
    struct Problem {
        var level: ScanIssue.Level
        var line: Int?
        var message: String
    }

    /// Reads `path` and calls `body` for each logical line; problems go to `problems`.
    /// Throws only when the file cannot be read at all (or fails part-way).
    static func read(_ path: String, files: any FileReading, problems: inout [Problem],
                     _ body: (Line) -> Void) throws(ReadError) {
        let size = try files.size(path)
        guard size <= ReadLimits.requirements else { throw ReadError.tooLarge(path, size: size, limit: ReadLimits.requirements) }
        func chunk(at offset: UInt64) throws(ReadError) -> [UInt8] {
            try files.readRange(path, offset: offset, count: Int(min(UInt64(chunkSize), size - offset)))
        }
        let first = size == 0 ? [] : try chunk(at: 0)
        var encoding = PipTextEncoding.utf8
        var skip = 0
        if let (bom, length) = PipTextEncoding.fromBOM(first[...]) {
            encoding = bom
            skip = length
        } else {
            var cookie = PipCodingCookieScanner()
            first.withUnsafeBufferPointer { cookie.feed($0) }
            var offset = UInt64(first.count)
            while !cookie.done && offset < size {
                let next = try chunk(at: offset)
                next.withUnsafeBufferPointer { cookie.feed($0) }
                offset += UInt64(next.count)
            }
            cookie.end()
            if let name = cookie.found {
                guard let named = PipTextEncoding.named(name) else {
                    problems.append(Problem(level: .error, line: nil, message:
                        "its coding comment names \"\(Redact.excerpt(name))\", an encoding litmus does not decode; file not read"))
                    return
                }
                encoding = named
                if named == .utf8Sig && first.starts(with: [0xEF, 0xBB, 0xBF]) { skip = 3 }
            }
        }
        var transcoder = PipTranscoder(encoding)
        var assembler = Assembler()
        var decoded: [UInt8] = []
        decoded.reserveCapacity(chunkSize + 16)
        var offset: UInt64 = 0
        var current = first
        while true {
            let final = offset + UInt64(current.count) >= size
            decoded.removeAll(keepingCapacity: true)
            current.withUnsafeBufferPointer { buffer in
                let start = offset == 0 ? min(skip, buffer.count) : 0
                transcoder.transcode(UnsafeBufferPointer(rebasing: buffer[start...]), final: final, into: &decoded)
            }
            decoded.withUnsafeBufferPointer { assembler.feed($0) }
            for line in assembler.ready { body(line) }
            assembler.ready.removeAll(keepingCapacity: true)
            offset += UInt64(current.count)
            if final || current.isEmpty { break }
            current = try chunk(at: offset)
        }
        assembler.finish()
        for line in assembler.ready { body(line) }
        if transcoder.failed {
            problems.append(Problem(level: .error, line: nil, message:
                "file is not valid \(encoding.label): pip refuses to decode it; undecodable bytes were replaced and the rest read"))
        }
        problems += assembler.problems
    }

    /// Whether `bytes` holds `byte`.
    @_optimize(speed)
    static func contains(_ bytes: [UInt8], _ byte: UInt8) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            for c in b where c == byte { return true }
            return false
        }
    }

    /// Python's `str.isspace()` (and the `\s` of a `str` regex).
    @_optimize(speed)
    @inline(__always) static func isSpace(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v >= 0x09 && v <= 0x0D) || (v >= 0x1C && v <= 0x20) }
        return v == 0x85 || v == 0xA0 || v == 0x1680 || (v >= 0x2000 && v <= 0x200A) || v == 0x2028 || v == 0x2029
            || v == 0x202F || v == 0x205F || v == 0x3000
    }

    /// The scalar starting at `i` of valid UTF-8, and its length.
    @_optimize(speed)
    @inline(__always) static func scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let c = b[i]
        if c < 0x80 { return (UInt32(c), 1) }
        if c < 0xE0 && i + 1 < b.count { return (UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
        if c < 0xF0 && i + 2 < b.count { return (UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3) }
        if i + 3 < b.count {
            return (UInt32(c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    /// Where pip's `(^|\s+)#` first matches in `b` (the `#`), the first non-space byte and the
    /// end of the last non-space scalar before it.
    @_optimize(speed)
    static func analyze(_ b: UnsafeBufferPointer<UInt8>) -> (comment: Int?, first: Int?, end: Int) {
        var previousIsSpace = true
        var first: Int?
        var end = 0
        var i = 0
        while i < b.count {
            let (v, n) = scalar(b, i)
            if v == 0x23 && previousIsSpace { return (i, first, end) }
            let space = isSpace(v)
            if !space {
                if first == nil { first = i }
                end = i + n
            }
            previousIsSpace = space
            i += n
        }
        return (nil, first, end)
    }

    /// `COMMENT_RE.match(line)`: the first non-space character is `#`.
    @_optimize(speed)
    static func isCommentLine(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            let (v, n) = scalar(b, i)
            if !isSpace(v) { return v == 0x23 }
            i += n
        }
        return false
    }

    /// Splits decoded UTF-8 into physical lines and joins them into logical lines.
    struct Assembler {
        var ready: [Line] = []
        var problems: [Problem] = []
        /// The physical line being read (its first ``lineCap`` bytes).
        private var line: [UInt8] = []
        private var overflow = false
        /// The line's last three bytes (a multi-byte separator's lead bytes are among them).
        private var last: (UInt8, UInt8, UInt8) = (0, 0, 0)
        private var lineLength = 0
        private var afterCR = false
        private var number = 0
        /// The logical line being joined (pip's `new_line`).
        private var pending: [UInt8] = []
        private var pendingActive = false
        private var pendingStart = 0
        private var pendingPoisoned = false
        private var reportedDecoding = false
        private var reportedNUL = false

        @_optimize(speed)
        mutating func feed(_ b: UnsafeBufferPointer<UInt8>) {
            var start = 0
            var i = 0
            while i < b.count {
                let c = b[i]
                if afterCR {
                    afterCR = false
                    if c == 0x0A { i += 1; start = i; continue }
                }
                var separator = 0  // bytes of the separator that belong to the line so far
                var isSeparator = false
                if c <= 0x1E {
                    isSeparator = c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E
                } else if c == 0x85 || c == 0xA8 || c == 0xA9 {
                    let prev1 = i > start ? b[i - 1] : last.2
                    let prev2 = i - 1 > start ? b[i - 2] : (i > start ? last.2 : last.1)
                    if c == 0x85 && prev1 == 0xC2 { isSeparator = true; separator = 1 }
                    if c != 0x85 && prev1 == 0x80 && prev2 == 0xE2 { isSeparator = true; separator = 2 }
                }
                if isSeparator {
                    append(UnsafeBufferPointer(rebasing: b[start..<i]))
                    endLine(dropping: separator)
                    afterCR = c == 0x0D
                    i += 1
                    start = i
                    continue
                }
                i += 1
            }
            append(UnsafeBufferPointer(rebasing: b[start..<b.count]))
        }

        /// The end of the data.
        mutating func finish() {
            if lineLength > 0 { endLine(dropping: 0) }
            if pendingActive { emit(pendingStart, pending) }
            pendingActive = false
        }

        @_optimize(speed)
        private mutating func append(_ s: UnsafeBufferPointer<UInt8>) {
            guard !s.isEmpty else { return }
            lineLength += s.count
            if s.count >= 3 {
                last = (s[s.count - 3], s[s.count - 2], s[s.count - 1])
            } else if s.count == 2 {
                last = (last.2, s[0], s[1])
            } else {
                last = (last.1, last.2, s[0])
            }
            let room = PipLineStream.lineCap - line.count
            if room >= s.count {
                line += s
            } else {
                if room > 0 { line += s[0..<room] }
                overflow = true
            }
        }

        @_optimize(speed)
        private mutating func endLine(dropping separator: Int) {
            number += 1
            let realLast: UInt8? = lineLength - separator <= 0 ? nil : separator == 0 ? last.2 : separator == 1 ? last.1 : last.0
            if separator > 0 && !overflow { line.removeLast(min(separator, line.count)) }
            if overflow {
                // Cut at a scalar boundary: the held prefix may end inside a sequence.
                while let b = line.last, b & 0xC0 == 0x80 { line.removeLast() }
                if let b = line.last, b >= 0xC0 { line.removeLast() }
            }
            physical(endsWithBackslash: realLast == UInt8(ascii: "\\"))
            line.removeAll(keepingCapacity: line.capacity <= 1 << 16)
            overflow = false
            lineLength = 0
            last = (0, 0, 0)
        }

        /// pip's `join_lines` step for one physical line.
        @_optimize(speed)
        private mutating func physical(endsWithBackslash: Bool) {
            var text = line
            if !reportedDecoding && String(validating: text, as: UTF8.self) == nil {
                reportedDecoding = true
                problems.append(Problem(level: .error, line: number,
                                        message: "line \(number) is not valid UTF-8: pip refuses to decode the file; undecodable bytes were replaced and the rest read"))
            }
            if !reportedNUL && PipLineStream.contains(text, 0) {
                reportedNUL = true
                problems.append(Problem(level: .error, line: number, message: "file holds NUL bytes (binary data?); its lines were read as pip reads them"))
            }
            let isComment = text.withUnsafeBufferPointer { PipLineStream.isCommentLine($0) }
            if overflow && !isComment && text.withUnsafeBufferPointer({ PipLineStream.analyze($0).comment }) == nil {
                problems.append(Problem(level: .error, line: number, message:
                    "line \(number) is longer than \(PipLineStream.lineCap >> 20) MiB and is not a comment; not read"))
                if endsWithBackslash {
                    if !pendingActive { pendingActive = true; pendingStart = number; pending = [] }
                    pendingPoisoned = true
                } else {
                    pending = []
                    pendingActive = false
                    pendingPoisoned = false
                }
                return
            }
            if !endsWithBackslash || isComment {
                if pendingActive {
                    if isComment { appendPending([0x20]) } else { appendPending(text) }
                    if !pendingPoisoned { emit(pendingStart, pending) }
                    pending = []
                    pendingActive = false
                    pendingPoisoned = false
                } else if !isComment {
                    emit(number, text)
                }
            } else {
                if !pendingActive { pendingActive = true; pendingStart = number; pending = [] }
                // line.strip("\\"): every backslash at both ends (an over-long line's end is
                // inside its comment, which is dropped anyway).
                var lo = 0
                var hi = text.count
                while lo < hi && text[lo] == UInt8(ascii: "\\") { lo += 1 }
                if !overflow { while hi > lo && text[hi - 1] == UInt8(ascii: "\\") { hi -= 1 } }
                if lo > 0 || hi < text.count { text = Array(text[lo..<hi]) }
                appendPending(text)
            }
        }

        @_optimize(speed)
        private mutating func appendPending(_ piece: [UInt8]) {
            if pending.count + piece.count <= PipLineStream.lineCap {
                pending += piece
                return
            }
            // Past the cap, what follows a comment is comment: drop it; anything else is an error.
            if pending.withUnsafeBufferPointer({ PipLineStream.analyze($0).comment }) != nil { return }
            let room = PipLineStream.lineCap - pending.count
            pending += piece.prefix(room)
            while let b = pending.last, b & 0xC0 == 0x80 { pending.removeLast() }
            if let b = pending.last, b >= 0xC0 { pending.removeLast() }
            if pending.withUnsafeBufferPointer({ PipLineStream.analyze($0).comment }) != nil { return }
            if !pendingPoisoned {
                problems.append(Problem(level: .error, line: pendingStart, message:
                    "line \(pendingStart) with its continuations is longer than \(PipLineStream.lineCap >> 20) MiB; not read"))
            }
            pendingPoisoned = true
        }

        @_optimize(speed)
        private mutating func emit(_ number: Int, _ bytes: [UInt8]) {
            let kept: String? = bytes.withUnsafeBufferPointer { b in
                let (comment, first, end) = PipLineStream.analyze(b)
                guard let first, first < (comment ?? b.count), end > first else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: b[first..<end]), as: UTF8.self)
            }
            if let kept { ready.append(Line(text: kept, number: number)) }
        }
    }
}

extension PipTextEncoding {
    /// The codec name as Python spells it.
    var label: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf8Sig: "utf-8-sig"
        case .ascii: "ASCII"
        case .latin1: "latin-1"
        case .cp1252: "cp1252"
        case .utf16: "UTF-16"
        case .utf16LE: "UTF-16-LE"
        case .utf16BE: "UTF-16-BE"
        case .utf32: "UTF-32"
        case .utf32LE: "UTF-32-LE"
        case .utf32BE: "UTF-32-BE"
        }
    }
}
