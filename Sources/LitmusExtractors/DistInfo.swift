import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// Installed distributions as `importlib.metadata` finds them: `*.dist-info` directories (METADATA) and `*.egg-info` directories
/// (PKG-INFO), suffixes in any case, single-file `*.egg-info`, and `EGG-INFO/PKG-INFO` of unzipped `*.egg` folders.
///
/// The name and version come from the metadata headers, read as bytes; the folder name is the
/// fallback. When the folder name and the metadata disagree, both are observed, so a renamed
/// folder cannot hide a compromised `Version:`, nor the reverse. Never runs an interpreter.
public struct DistInfo: Extractor {
    /// `dist-info`.
    public let name = "dist-info"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        if isDirectory && Self.isEggMetadata(name: name, parentName: parentName) { return true }
        guard let kind = DistributionFolder.kind(of: name) else { return false }
        return isDirectory || kind == .eggInfo
    }

    /// `EGG-INFO` (any case, as `importlib.metadata` matches it) inside an unzipped `*.egg`.
    static func isEggMetadata(name: String, parentName: String) -> Bool {
        name.count == 8 && name.lowercased() == "egg-info" && parentName.hasSuffix(".egg")
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        var metadataPath: String
        if entry.kind == .directory {
            metadataPath = Paths.join(entry.path, DistributionFolder.kind(of: entry.name) == .distInfo ? "METADATA" : "PKG-INFO")
        } else {
            metadataPath = entry.path
        }
        let isEgg = entry.kind == .directory && Self.isEggMetadata(name: entry.name, parentName: entry.parentName)
        if isEgg { metadataPath = Paths.join(entry.path, "PKG-INFO") }
        let folder = isEgg ? Self.eggIdentity(entry.parentName) : Self.folderIdentity(entry.name)
        let metadata = readMetadata(metadataPath, files: files, into: &out)
        if let folderIssue = folder.issue, metadata == nil {
            out.issues.append(.error(entry.path, stage: name, folderIssue))
        }
        observe(folder: folder, metadata: metadata, entry: entry, metadataPath: metadataPath, into: &out)
        return out
    }

    private struct Identity {
        var name: PackageName?
        var version: Version?
        var versionText: String?
        var line: Int?
        var issue: String?
    }

    private func observe(folder: Identity, metadata: Identity?, entry: FileEntry, metadataPath: String, into out: inout Extraction) {
        let folderLocation = FileLocation(path: entry.path)
        guard let metadata, let mName = metadata.name else {
            if let n = folder.name, let v = folder.version {
                out.add(PackageObservation(name: n, requirement: .version(v), requirementText: folder.versionText ?? "",
                                           location: folderLocation, origin: .installed, note: "version from the folder name"))
            }
            return
        }
        let mLocation = FileLocation(path: metadataPath, line: metadata.line)
        let disagree = folder.version != nil && (folder.name != mName || folder.version != metadata.version)
        if let v = metadata.version {
            let note = disagree ? "folder name says \(folder.versionText ?? "?"), metadata says \(metadata.versionText ?? "?")" : nil
            out.add(PackageObservation(name: mName, requirement: .version(v), requirementText: metadata.versionText ?? "",
                                       location: mLocation, origin: .installed, note: note))
        }
        if (disagree || metadata.version == nil), let n = folder.name, let v = folder.version {
            out.add(PackageObservation(name: n, requirement: .version(v), requirementText: folder.versionText ?? "",
                                       location: folderLocation, origin: .installed,
                                       note: "folder name disagrees with \(Paths.baseName(metadataPath)) (\(metadata.versionText ?? "no version"))"))
        }
    }

    private func readMetadata(_ path: String, files: any FileReading, into out: inout Extraction) -> Identity? {
        let bytes: [UInt8]
        do {
            bytes = try files.read(path, limit: ReadLimits.metadata)
        } catch {
            out.issues.append(error.isNotFound
                ? .warning(path, stage: name, "metadata file missing; using the folder name")
                : .error(path, stage: name, "cannot read: \(error.message)"))
            return nil
        }
        out.filesRead.append(path)
        let headers: MetadataHeaders
        do {
            headers = try MetadataHeaders(parsing: bytes)
        } catch {
            out.issues.append(.error(path, line: error.line, stage: name, "cannot parse metadata: \(error.message)"))
            return nil
        }
        guard let rawName = headers.name?.trimmingSpaces, PackageName.isValid(rawName) else {
            out.issues.append(.error(path, stage: name, "metadata has no valid Name header"))
            return nil
        }
        var identity = Identity(name: PackageName(rawName))
        if let text = headers.version?.trimmingSpaces {
            identity.versionText = text
            identity.line = headers.line(of: "Version")
            identity.version = Version.parse(text)
            if identity.version == nil {
                out.issues.append(.error(path, line: identity.line, stage: name, "invalid version \"\(Redact.excerpt(text))\" in metadata"))
            }
        } else {
            out.issues.append(.error(path, stage: name, "metadata has no Version header"))
        }
        return identity
    }

    /// Name and version of an unzipped egg from its folder name (`name-version-pyX.Y.egg`).
    private static func eggIdentity(_ folder: String) -> Identity {
        guard let parsed = DistributionFilename(folder) else {
            return Identity(issue: "egg folder name \"\(folder)\" is not name-version[-pyX.Y].egg")
        }
        return Identity(name: parsed.name, version: parsed.version, versionText: parsed.versionText)
    }

    /// Name and version from the folder name (``DistributionFolder``).
    private static func folderIdentity(_ folder: String) -> Identity {
        guard let parsed = DistributionFolder(folder) else {
            return Identity(issue: "folder name \"\(Redact.excerpt(folder))\" does not start with a package name")
        }
        guard let text = parsed.versionText else { return Identity(name: parsed.name) }
        guard let version = parsed.version else {
            return Identity(name: parsed.name, issue: "invalid version \"\(Redact.excerpt(text))\" in folder name \"\(Redact.excerpt(folder))\"")
        }
        return Identity(name: parsed.name, version: version, versionText: text)
    }
}
