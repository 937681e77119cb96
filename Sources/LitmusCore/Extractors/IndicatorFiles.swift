/// Files an advisory names as indicators of compromise (`litellm_init.pth`, the 1.82.7
/// `litellm/proxy/proxy_server.py`), wherever they are: each is hashed in one streaming pass.
///
/// Claims by exact base name from the advisory data, so a user's OSV file can add names.
/// Whether a file is reported (always, or only on a hash match) is the rules' decision.
public struct IndicatorFiles: Extractor {
    /// `indicator`.
    public let name = "indicator"
    private let names: Set<String>

    /// Creates the extractor for these indicators.
    public init(indicators: [FileIndicator]) {
        self.names = Set(indicators.map(\.name))
    }

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && names.contains(name)
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        let location = FileLocation(path: entry.path)
        do {
            let digest = try files.digest(entry.path, limit: ReadLimits.hashed)
            out.filesRead.append(entry.path)
            out.observations.append(.file(FileObservation(location: location, name: entry.name, size: digest.size,
                                                          sha256: digest.sha256, firstLine: Self.firstLine(digest.head))))
        } catch {
            out.issues.append(.error(entry.path, stage: name, "cannot hash: \(error.message)"))
            out.observations.append(.file(FileObservation(location: location, name: entry.name, size: entry.size, sha256: nil)))
        }
        return out
    }

    /// The first line of `head`, escaped for display and cut to 120 characters.
    static func firstLine(_ head: [UInt8]) -> String {
        let line = head.prefix { $0 != 0x0A }
        let text = Escape.display(String(decoding: line, as: UTF8.self))
        return text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}
