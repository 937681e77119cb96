import LitmusAdvisories
import LitmusModel
import LitmusSystem
import LitmusWalk

/// Files an advisory names as indicators of compromise (`litellm_init.pth`, the 1.82.7
/// `litellm/proxy/proxy_server.py`) or as persistence (`~/.config/sysmon/sysmon.py`, systemd
/// user units), wherever they are: each is hashed in one streaming pass, and its whole content
/// (up to ``contentLimit``) is given to the rules for content indicators.
///
/// Claims by exact base name from the advisory data (and `*.service`-style suffixes inside the
/// folder the indicator names), so a user's OSV file can add names. Whether a file is reported
/// (always, only on a hash match, only when it contains a string) is the rules' decision.
public struct IndicatorFiles: HostCheck {
    /// `indicator`.
    public let name = "indicator"
    private let names: Set<String>
    private let suffixes: [(suffix: String, parent: String)]

    /// Creates the check for the file and persistence indicators of `database`.
    public init(database: AdvisoryDatabase) {
        self.init(indicators: database.fileIndicators.map(\.indicator),
                  persistence: database.advisories.flatMap(\.persistenceIndicators))
    }

    /// Creates the check for these file and persistence indicators.
    public init(indicators: [FileIndicator], persistence: [PersistenceIndicator] = []) {
        var names = Set(indicators.map(\.name))
        var suffixes: [(String, String)] = []
        for p in persistence {
            let base = p.baseName
            if base.hasPrefix("*") {
                suffixes.append((String(base.dropFirst()), Paths.baseName(Paths.parent(of: p.path))))
            } else {
                names.insert(base)
            }
        }
        self.names = names
        self.suffixes = suffixes
    }

    /// See ``HostCheck/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        guard !isDirectory else { return false }
        return names.contains(name) || suffixes.contains { name.hasSuffix($0.suffix) && parentName == $0.parent }
    }

    /// See ``HostCheck/check(_:in:)``.
    public func check(_ entry: FileEntry, in host: HostContext) -> Extraction {
        let files = host.files
        var out = Extraction()
        let location = FileLocation(path: entry.path)
        do {
            let digest = try files.digest(entry.path, limit: ReadLimits.hashed)
            out.filesRead.append(entry.path)
            let content = wholeContent(entry.path, digest: digest, files: files, into: &out)
            out.observations.append(.file(FileObservation(location: location, name: entry.name, size: digest.size,
                                                          sha256: digest.sha256, firstLine: Self.firstLine(digest.head),
                                                          head: String(decoding: content, as: UTF8.self))))
        } catch {
            out.issues.append(.error(entry.path, stage: name, "cannot hash: \(error.message)"))
            out.observations.append(Self.byNameOnly(entry))
        }
        return out
    }

    /// The observation of an indicator file that could not be read: its name and place only.
    package static func byNameOnly(_ entry: FileEntry) -> Observation {
        .file(FileObservation(location: FileLocation(path: entry.path), name: entry.name, size: entry.size, sha256: nil))
    }

    /// Content indicators (`Description=System Telemetry Service`) are matched on this much of
    /// a file: systemd reads unit lines up to LONG_LINE_MAX (1 MiB), and a unit is a few of them.
    static let contentLimit = 4 << 20

    /// The whole file for matching content indicators, up to ``contentLimit`` (a longer file is
    /// matched on its first bytes, with a warning); the digest's head when nothing more exists.
    private func wholeContent(_ path: String, digest: FileDigest, files: any FileReading, into out: inout Extraction) -> [UInt8] {
        guard digest.size > UInt64(digest.head.count) else { return digest.head }
        guard digest.size <= UInt64(Self.contentLimit) else {
            out.issues.append(.warning(path, stage: name, "file is over \(Self.contentLimit >> 20) MiB; content indicators matched on its first \(digest.head.count) bytes only"))
            return digest.head
        }
        do {
            return try files.read(path, limit: Self.contentLimit)
        } catch {
            out.issues.append(.error(path, stage: name, "cannot read for content indicators: \(error.message)"))
            return digest.head
        }
    }

    /// The first line of `head`, raw (invalid UTF-8 kept as ``PathBytes`` characters, so
    /// reporters show it as `\xNN`; reporters escape it, once) and cut to 120 characters.
    static func firstLine(_ head: [UInt8]) -> String {
        let line = Array(head.prefix { $0 != 0x0A })
        let text = line.withUnsafeBufferPointer { PathBytes.string(from: $0) }
        return text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}
