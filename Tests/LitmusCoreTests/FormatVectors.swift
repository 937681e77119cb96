import Foundation

/// Locates committed test data relative to this source file (never the
/// working directory or a resource bundle), so tests run the same from any
/// directory. A missing file throws, which fails the calling test.
enum FormatVectors {
    /// Error for a vector file that cannot be read.
    struct Missing: Error, CustomStringConvertible {
        /// Path that was tried.
        let path: String
        /// Explanation for the test log.
        var description: String { "test vector missing or unreadable: \(path)" }
    }

    /// Absolute URL of `relative` inside `Tests/LitmusCoreTests/Vectors/`.
    /// `#filePath` is used in the body (not as a default argument) so it is
    /// always this file's path, whichever test calls it.
    static func url(_ relative: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Vectors").appendingPathComponent(relative)
    }

    /// Contents of a vector file.
    static func bytes(_ relative: String) throws -> [UInt8] {
        let location = url(relative)
        guard let data = FileManager.default.contents(atPath: location.path) else {
            throw Missing(path: location.path)
        }
        return [UInt8](data)
    }

    /// Contents of a vector file as UTF-8 text.
    static func text(_ relative: String) throws -> String {
        String(decoding: try bytes(relative), as: UTF8.self)
    }
}

/// Deterministic pseudo-random generator (SplitMix64) so fuzz-style tests
/// are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    /// Generator state.
    private var state: UInt64

    /// Creates a generator from `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// Next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
