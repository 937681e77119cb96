/// Streaming SHA-256 (FIPS 180-4), implemented locally because litmus may not
/// depend on third-party packages and Foundation on Linux offers no digest API.
///
/// Feed data with `update` in chunks of any size, then call `finalize` once.
/// `finalize` resets the hasher, so the same value can hash a new message.
public struct SHA256: Sendable {
    /// Size of one compression block in bytes.
    private static let blockSize = 64

    /// Initial hash value H(0): first 32 bits of the fractional parts of the
    /// square roots of the first eight primes.
    private static let initialState: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
        0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]

    /// Round constants K: first 32 bits of the fractional parts of the cube
    /// roots of the first 64 primes.
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// Current chaining value H(i).
    private var state: [UInt32]
    /// Bytes of an incomplete block carried over between `update` calls.
    private var pending: [UInt8]
    /// Total message length so far, in bytes (the padding needs it).
    private var totalBytes: UInt64

    /// Creates a hasher for a new, empty message.
    public init() {
        state = SHA256.initialState
        pending = []
        pending.reserveCapacity(SHA256.blockSize)
        totalBytes = 0
    }

    /// Appends `bytes` to the message being hashed.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        totalBytes &+= UInt64(bytes.count)
        var consumed = fillPending(from: bytes)
        if pending.count == SHA256.blockSize {
            flushPending()
        }
        // Whole blocks are compressed straight from the caller's memory so
        // large buffers are never copied.
        let wholeBlocks = (bytes.count - consumed) / SHA256.blockSize
        if wholeBlocks > 0 {
            compress(base + consumed, blocks: wholeBlocks)
            consumed += wholeBlocks * SHA256.blockSize
        }
        if consumed < bytes.count {
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[consumed...]))
        }
    }

    /// Appends `bytes` to the message being hashed.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Completes the hash and returns the 32-byte digest, then resets the
    /// hasher to the empty-message state.
    public mutating func finalize() -> [UInt8] {
        let bitLength = totalBytes &* 8
        update(SHA256.padding(forLength: totalBytes, bitLength: bitLength))
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in state {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        self = SHA256()
        return digest
    }

    /// Returns the SHA-256 digest of `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Formats a digest as lower-case hexadecimal, the form used by pip and
    /// `sha256sum`.
    public static func hex(_ digest: [UInt8]) -> String {
        Hex.encode(digest)
    }

    /// Copies as much of `bytes` into `pending` as fits in one block, but only
    /// when a partial block is already waiting; returns how many were taken.
    private mutating func fillPending(from bytes: UnsafeRawBufferPointer) -> Int {
        guard !pending.isEmpty else { return 0 }
        let take = min(SHA256.blockSize - pending.count, bytes.count)
        pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<take]))
        return take
    }

    /// Compresses the single full block held in `pending` and empties it.
    private mutating func flushPending() {
        let block = pending
        pending.removeAll(keepingCapacity: true)
        block.withUnsafeBytes { raw in
            if let base = raw.baseAddress { compress(base, blocks: 1) }
        }
    }

    /// The FIPS 180-4 §5.1.1 padding: 0x80, zeros up to 56 mod 64, then the
    /// 64-bit big-endian bit length.
    private static func padding(forLength length: UInt64, bitLength: UInt64) -> [UInt8] {
        let used = Int(length % UInt64(blockSize))
        let zeroCount = (used < 56 ? 55 - used : 119 - used)
        var pad = [UInt8](repeating: 0, count: 1 + zeroCount + 8)
        pad[0] = 0x80
        for index in 0..<8 {
            pad[pad.count - 1 - index] = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(index)))
        }
        return pad
    }

    /// Runs the compression function over `blocks` consecutive 64-byte blocks
    /// starting at `base`. Works on raw pointers and local variables because
    /// this loop is where all hashing time is spent.
    private mutating func compress(_ base: UnsafeRawPointer, blocks: Int) {
        var h0 = state[0], h1 = state[1], h2 = state[2], h3 = state[3]
        var h4 = state[4], h5 = state[5], h6 = state[6], h7 = state[7]
        SHA256.roundConstants.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                for blockIndex in 0..<blocks {
                    SHA256.schedule(base + blockIndex &* SHA256.blockSize, into: w)
                    var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                    // Eight rounds per iteration with rotated argument roles
                    // instead of shuffling eight variables every round.
                    var t = 0
                    while t < 64 {
                        round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
                        round(h, a, b, &c, d, e, f, &g, k[t + 1] &+ w[t + 1])
                        round(g, h, a, &b, c, d, e, &f, k[t + 2] &+ w[t + 2])
                        round(f, g, h, &a, b, c, d, &e, k[t + 3] &+ w[t + 3])
                        round(e, f, g, &h, a, b, c, &d, k[t + 4] &+ w[t + 4])
                        round(d, e, f, &g, h, a, b, &c, k[t + 5] &+ w[t + 5])
                        round(c, d, e, &f, g, h, a, &b, k[t + 6] &+ w[t + 6])
                        round(b, c, d, &e, f, g, h, &a, k[t + 7] &+ w[t + 7])
                        t &+= 8
                    }
                    h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                    h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                }
            }
        }
        state = [h0, h1, h2, h3, h4, h5, h6, h7]
    }

    /// Expands one block into the 64-word message schedule W.
    @inline(__always)
    private static func schedule(_ block: UnsafeRawPointer, into w: UnsafeMutableBufferPointer<UInt32>) {
        for t in 0..<16 {
            w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
        }
        for t in 16..<64 {
            let x = w[t - 15], y = w[t - 2]
            let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
            let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }
    }
}

/// One SHA-256 round (FIPS 180-4 §6.2.2 step 3) for the 8-way unrolled
/// loop: with roles rotated by the caller, only `d` and `h` change.
@inline(__always)
private func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
    _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32
) {
    let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
    let ch = (e & f) ^ (~e & g)
    let t1 = h &+ s1 &+ ch &+ kw
    let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
    let maj = (a & b) ^ (a & c) ^ (b & c)
    d &+= t1
    h = t1 &+ s0 &+ maj
}

/// 32-bit right rotation; a free function so the hot loop reads like the spec.
@inline(__always)
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x >> n) | (x << (32 &- n))
}
