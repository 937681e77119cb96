// litmus-bench: micro-benchmarks for litmus internals.
//   litmus-bench toml FILE... [--iterations N]
//   litmus-bench uvlock FILE... [--iterations N]
// `toml` parses each file N times; `uvlock` runs the full uv.lock extractor (read from memory,
// parse and observations) N times. Each and prints its size, the best wall time, and MB/s (1 MB = 10^6 B).
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LitmusExtractors
import LitmusFormats
import LitmusWalk

/// Parsed command line of the `toml` sub-command.
struct BenchOptions {
    var files: [String] = []
    var iterations = 10
}

func usage() -> Never {
    print("usage: litmus-bench toml|uvlock FILE... [--iterations N]")
    exit(2)
}

func parseOptions(_ arguments: ArraySlice<String>) -> BenchOptions {
    var options = BenchOptions()
    var rest = arguments
    while let argument = rest.popFirst() {
        if argument == "--iterations" {
            guard let text = rest.popFirst(), let count = Int(text), count > 0 else { usage() }
            options.iterations = count
        } else {
            options.files.append(argument)
        }
    }
    if options.files.isEmpty { usage() }
    return options
}

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Returns the best time over `iterations` parses, or exits if the file does not parse.
func benchTOML(_ bytes: [UInt8], iterations: Int, name: String) -> Double {
    var best = Double.infinity
    for _ in 0..<iterations {
        let start = now()
        do {
            // Teardown of the tree is included: callers pay for it too.
            let keyCount = try TOML.parse(bytes).count
            let elapsed = now() - start
            if keyCount < 0 { print("unreachable") }
            best = min(best, elapsed)
        } catch {
            print("\(name): \(error)")
            exit(1)
        }
    }
    return best
}

/// Returns the best time over `iterations` runs of the uv.lock extractor, or exits on any issue.
func benchUvLock(_ bytes: [UInt8], iterations: Int, name: String) -> Double {
    let path = "bench/uv.lock"
    let files = InMemoryFiles([path: bytes])
    let entry = FileEntry(path: path, name: "uv.lock", parentName: "bench", kind: .file)
    var best = Double.infinity
    for _ in 0..<iterations {
        let start = now()
        let extraction = UvLock().extract(entry, files: files)
        let elapsed = now() - start
        if let issue = extraction.issues.first(where: { $0.level == .error }) {
            print("\(name): \(issue.location.display): \(issue.message)")
            exit(1)
        }
        if extraction.observations.isEmpty { print("\(name): no observations") }
        best = min(best, elapsed)
    }
    return best
}

let arguments = CommandLine.arguments.dropFirst()
guard let mode = arguments.first, mode == "toml" || mode == "uvlock" else { usage() }
let options = parseOptions(arguments.dropFirst())
for file in options.files {
    guard let data = FileManager.default.contents(atPath: file) else {
        print("\(file): cannot read")
        exit(1)
    }
    let bytes = [UInt8](data)
    let seconds = mode == "toml"
        ? benchTOML(bytes, iterations: options.iterations, name: file)
        : benchUvLock(bytes, iterations: options.iterations, name: file)
    let megabytesPerSecond = Double(bytes.count) / seconds / 1e6
    print("\(file): \(bytes.count) bytes, best of \(options.iterations): \(fixed(seconds, 6)) s, \(fixed(megabytesPerSecond, 1)) MB/s")
}

/// `value` with `digits` decimals (`%.Nf` without Foundation's formatter).
func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (value * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = String(Int(abs(scaled - Double(whole) * scale)))
    return digits == 0 ? "\(whole)" : "\(whole)." + String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
}
