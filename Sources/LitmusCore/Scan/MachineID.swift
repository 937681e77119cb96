import FoundationEssentials
import LitmusModel
import LitmusSystem
import LitmusWalk

/// The host's machine id, read from `ROOT/etc/machine-id` for `audit` reports, so a fleet merge
/// tells cloned hosts apart even when they share a host name.
///
/// The file holds 32 lowercase hexadecimal digits and a newline (machine-id(5)); surrounding
/// whitespace is accepted, uppercase digits are lowered. A missing, unreadable, empty or
/// malformed file gives no id and a warning naming the path: never an error, because a host
/// without an id is still fully audited.
public enum MachineID {
    /// The id under `root`, or nil and the warning that says why.
    public static func read(root: String, reader: any FileReading = DiskReader()) -> (id: String?, warning: ScanIssue?) {
        let path = Paths.join(root, "etc/machine-id")
        let bytes: [UInt8]
        do {
            bytes = try reader.read(path, limit: 4096)
        } catch {
            let why = error.isNotFound ? "no machine id (file missing)" : "machine id not read: \(error.message)"
            return (nil, .warning(path, stage: "machine-id", "\(why); fleet reports key this host by its name only"))
        }
        switch parse(bytes) {
        case .some(let id): return (id, nil)
        case .none:
            return (nil, .warning(path, stage: "machine-id", "machine id is not 32 hexadecimal digits; fleet reports key this host by its name only"))
        }
    }

    /// The id in `bytes`, if they hold exactly 32 hex digits between optional whitespace.
    public static func parse(_ bytes: [UInt8]) -> String? {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return nil }
        let core = bytes[first...last]
        guard core.count == 32 else { return nil }
        var out = ""
        for b in core {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: "A")...UInt8(ascii: "F"): out.unicodeScalars.append(Unicode.Scalar(b + 0x20))
            default: return nil
            }
        }
        // systemd treats an all-zero id as "not set".
        return out == String(repeating: "0", count: 32) ? nil : out
    }
}
