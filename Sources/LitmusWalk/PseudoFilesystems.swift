import FoundationEssentials
import LitmusSystem

/// What the walk reads of the mount table (through ``DiskReader``, so no libc call here).
extension Platform {
    /// Device numbers (as `st_dev`) of mounted kernel filesystems, read from
    /// `/proc/self/mountinfo`, or why that file could not be read (no /proc mounted).
    static func pseudoFilesystemDevices() -> Result<Set<UInt64>, ReadError> {
        let bytes: [UInt8]
        do {
            bytes = try DiskReader(followSymlinks: true).read(mountInfoPath, limit: 8 << 20)
        } catch {
            return .failure(error)
        }
        var out = Set<UInt64>()
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let halves = line.components(separatedBy: " - ")
            guard halves.count == 2 else { continue }
            let left = halves[0].split(separator: " ")
            let fsType = halves[1].split(separator: " ").first.map(String.init) ?? ""
            guard left.count > 2, pseudoFilesystemTypes.contains(fsType) else { continue }
            let numbers = left[2].split(separator: ":").compactMap { UInt64($0) }
            guard numbers.count == 2 else { continue }
            out.insert(makeDevice(major: numbers[0], minor: numbers[1]))
        }
        return .success(out)
    }
}
