// libFuzzer target: PEP 440 versions and specifiers, PEP 508 requirements, distribution file names.
import LitmusModel

/// The input's lines are tried as a version, a specifier set, a requirement and a file name;
/// versions that parse are compared with each other and tested against the specifiers.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(8).map(String.init)
    var versions: [Version] = []
    for line in lines {
        if let v = Version.parse(line) {
            versions.append(v)
            _ = (v.description, v.publicVersion, v.baseVersion, v.isPrerelease)
        }
        _ = try? RequirementSpec(parsing: line)
        _ = DistributionFilename(line)
    }
    for line in lines {
        guard let set = try? SpecifierSet(line) else { continue }
        _ = set.exactPin
        _ = set.description
        _ = set.admitsAny(of: versions)
        for v in versions { _ = set.contains(v) }
    }
    for a in versions { for b in versions { _ = Version.compare(a, b); _ = a == b; _ = a.hashValue } }
    return 0
}
