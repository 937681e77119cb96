import LitmusFormats
import LitmusModel
import LitmusWalk

/// Wheels, sdists and eggs on disk (`*.whl`, `*.tar.gz`/`*.zip`/…, `*.egg`).
///
/// The version comes from the file name (``DistributionFilename``), observed as an artifact.
/// For zip-based files (wheels, eggs) the central directory alone is read, bounded and
/// without decompressing: a top-level `*.dist-info/` whose name or version disagrees with
/// the file name is observed too (a renamed file cannot hide its content), a wheel without
/// one is a warning, and the member list is observed so the rules can name an indicator file
/// inside (`litellm_init.pth` at `archive!/member`).
/// Claims only names that parse as distribution files, so other archives are never opened.
/// Exempt: sdist tarballs are not opened (their name is the evidence).
public struct DistributionFile: Extractor {
    /// `artifact`.
    public let name = "artifact"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        // Asked for every file of a walk: a byte check of the last character rejects nearly
        // all names before the full file-name parse runs.
        guard !isDirectory, let last = name.utf8.last, Self.lastBytes.contains(last | 0x20),
              Self.archiveSuffixes.contains(where: { Self.hasSuffix(name.utf8, $0) }) else { return false }
        return DistributionFilename(name) != nil
    }

    private static let lastBytes: Set<UInt8> = Set(archiveSuffixes.compactMap(\.last))
    private static let archiveSuffixes: [[UInt8]] = ([".whl", ".egg"] + DistributionFilename.sdistSuffixes).map { Array($0.utf8) }

    /// ASCII case-insensitive suffix test without allocating.
    private static func hasSuffix(_ name: String.UTF8View, _ suffix: [UInt8]) -> Bool {
        guard name.count >= suffix.count else { return false }
        var i = name.endIndex
        for s in suffix.reversed() {
            i = name.index(before: i)
            let c = name[i]
            guard c == s || (c >= 65 && c <= 90 && c | 0x20 == s) else { return false }
        }
        return true
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        guard let file = DistributionFilename(entry.name) else { return out }
        out.add(PackageObservation(name: file.name, requirement: .version(file.version), requirementText: file.versionText,
                                   location: FileLocation(path: entry.path), origin: .artifact, note: "file \(entry.name)"))
        if file.kind == .wheel || file.kind == .egg || entry.name.lowercased().hasSuffix(".zip") {
            readDirectory(entry.path, file: file, files: files, into: &out)
        }
        return out
    }

    private func readDirectory(_ path: String, file: DistributionFilename, files: any FileReading, into out: inout Extraction) {
        let members: [ZipEntry]
        do {
            let size = try files.size(path)
            members = try ZipDirectory.entries(size: size, maxEntries: 500_000) { offset, count in
                try files.readRange(path, offset: offset, count: count)
            }
        } catch {
            // An sdist .zip need not be a zip; a wheel or egg must be.
            if file.kind != .sdist { out.issues.append(.error(path, stage: name, "cannot read the zip directory: \(error)")) }
            return
        }
        out.filesRead.append(path)
        let distInfos = Self.scan(members, path: path, into: &out)
        if file.kind == .wheel && distInfos.isEmpty {
            out.issues.append(.warning(path, stage: name, "wheel holds no .dist-info directory"))
        }
        for folder in distInfos.sorted() { compare(folder, with: file, path: path, into: &out) }
    }

    /// The `*.dist-info` folders a wheel's members hold; the member list itself is observed
    /// (one observation per archive) for the rules to compare with indicator file names.
    static func scan(_ members: [ZipEntry], path: String, into out: inout Extraction) -> Set<String> {
        var distInfos = Set<String>()
        for member in members {
            let parts = member.name.split(separator: "/", omittingEmptySubsequences: true)
            if let top = parts.first, DistributionFolder.kind(of: String(top)) == .distInfo, parts.count > 1 { distInfos.insert(String(top)) }
        }
        if !members.isEmpty {
            out.observations.append(.archive(ArchiveObservation(location: FileLocation(path: path), members: members.map {
                ArchiveObservation.Member(name: $0.name, size: $0.uncompressedSize)
            })))
        }
        return distInfos
    }

    /// Name and version of a wheel's `name-version.dist-info` folder (PEP 427 escapes `-` in
    /// both parts, so there is exactly one); nil when it is not of that shape.
    static func distInfoIdentity(_ folder: String) -> (name: PackageName, version: Version, versionText: String)? {
        guard let parsed = DistributionFolder(folder), parsed.isWheelShaped,
              let version = parsed.version, let text = parsed.versionText else { return nil }
        return (parsed.name, version, text)
    }

    /// Observes a `name-version.dist-info` inside the archive that disagrees with the file name.
    private func compare(_ folder: String, with file: DistributionFilename, path: String, into out: inout Extraction) {
        guard let (inner, version, versionText) = Self.distInfoIdentity(folder) else {
            out.issues.append(.warning(path, stage: name, "unexpected dist-info name \"\(folder)\" inside"))
            return
        }
        guard inner != file.name || version != file.version else { return }
        out.add(PackageObservation(name: inner, requirement: .version(version), requirementText: versionText,
                                   location: FileLocation(path: path), origin: .artifact,
                                   note: "archive holds \(folder) but its file name says \(file.name.raw) \(file.versionText)"))
    }
}
