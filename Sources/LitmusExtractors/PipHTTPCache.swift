import LitmusFormats
import LitmusModel
import LitmusWalk

/// Entries of pip's HTTP cache (`~/.cache/pip/http-v2/a/b/c/d/e/<hash>.body`, and the older
/// `http/…/<hash>` files that hold headers and body together). They carry no file name, so a
/// wheel is recognised by its zip central directory, read from the end of the file without
/// decompressing anything, and its `name-version.dist-info` folder gives the package.
///
/// Claims files named like cache keys (40+ hex digits, optionally `.body`) inside one-character
/// folders. Entries that are not zips (index pages, metadata) are skipped without a message:
/// most of a pip cache is not wheels.
public struct PipHTTPCache: Extractor {
    /// `pip-cache`.
    public let name = "pip-cache"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        guard !isDirectory, parentName.utf8.count == 1 else { return false }
        let key = name.hasSuffix(".body") ? name.utf8.dropLast(5) : name.utf8[...]
        return key.count >= 40 && key.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        let members: [ZipEntry]
        do {
            let size = try files.size(entry.path)
            members = try ZipDirectory.entries(size: size, maxEntries: 500_000) { offset, count in
                try files.readRange(entry.path, offset: offset, count: count)
            }
        } catch let e as ReadError {
            out.issues.append(.error(entry.path, stage: name, "cannot read: \(e.message)"))
            return out
        } catch {
            return out  // not a zip: an index page or response metadata
        }
        out.filesRead.append(entry.path)
        for folder in DistributionFile.scan(members, path: entry.path, into: &out).sorted() {
            guard let (package, version, versionText) = DistributionFile.distInfoIdentity(folder) else {
                out.issues.append(.warning(entry.path, stage: name, "cached wheel holds an unexpected dist-info name \"\(folder)\""))
                continue
            }
            out.add(PackageObservation(name: package, requirement: .version(version), requirementText: versionText,
                                       location: FileLocation(path: entry.path), origin: .artifact,
                                       note: "pip HTTP cache entry holding the wheel \(DistributionFolder(folder)?.stem ?? folder)"))
        }
        return out
    }
}
