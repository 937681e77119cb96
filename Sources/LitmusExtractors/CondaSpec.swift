import LitmusFormats
import LitmusModel

/// A conda match spec (`conda-forge::litellm=1.82.7=pyhd8ed1ab_0`) reduced to a package name
/// and PEP 440 requirements; see ``CondaEnvironment`` for the rules.
struct CondaSpec {
    /// One alternative's requirement, its text and a note on conda semantics.
    struct Alternative {
        var requirement: Requirement
        var text: String
        var note: String?
    }

    var name: PackageName
    var requirements: [Alternative]

    /// Parses `text`; fails when the name or a version is invalid.
    /// One declared conda observation per alternative, at `location`.
    func observations(at location: FileLocation) -> [PackageObservation] {
        requirements.map {
            PackageObservation(name: name, requirement: $0.requirement, requirementText: $0.text,
                               location: location, origin: .declared, ecosystem: "conda", note: $0.note)
        }
    }

    static func parse(_ text: String) -> Result<CondaSpec, ParseMessage> {
        var body = Substring(text.trimmingSpaces)
        if let channel = body.ranges(of: "::").last { body = body[channel.upperBound...] }
        var bracketVersion: String?
        if let open = body.firstIndex(of: "["), body.hasSuffix("]") {
            bracketVersion = Self.bracketValue(String(body[body.index(after: open)..<body.index(before: body.endIndex)]), key: "version")
            body = body[..<open]
        }
        let nameEnd = body.firstIndex { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") } ?? body.endIndex
        let rawName = String(body[..<nameEnd])
        guard PackageName.isValidConda(rawName) else { return .failure(ParseMessage("no valid package name")) }
        let rest = (bracketVersion ?? String(body[nameEnd...])).trimmingSpaces
        var alternatives: [Alternative] = []
        if rest.isEmpty {
            alternatives = [Alternative(requirement: .unconstrained, text: "", note: nil)]
        } else {
            for piece in rest.split(separator: "|") {
                switch alternative(String(piece).trimmingSpaces) {
                case .success(let a): alternatives.append(a)
                case .failure(let f): return .failure(f)
                }
            }
        }
        return .success(CondaSpec(name: PackageName(rawName), requirements: alternatives))
    }

    /// One `|` alternative.
    private static func alternative(_ text: String) -> Result<Alternative, ParseMessage> {
        if text.hasPrefix("==") {
            // `==X` (optionally `==X=build`): exact.
            let version = String(text.dropFirst(2).split(separator: "=").first ?? "")
            return exact(version, note: nil)
        }
        if text.hasPrefix("=") || text.first?.isNumber == true {
            // `=X`, `=X=build`, `X`, `X build`: fuzzy unless a build string pins it.
            let body = text.hasPrefix("=") ? String(text.dropFirst()) : text
            let parts = body.split(whereSeparator: { $0 == "=" || $0 == " " }).map(String.init)
            guard let version = parts.first else { return .failure(ParseMessage("no version after =")) }
            if parts.count > 1 { return exact(version, note: "conda build \(parts[1])") }
            return fuzzy(version)
        }
        // Operators (`>=1.80,<2`, `!=1.82.7`): PEP 440-compatible; `1.82*` → `==1.82.*`.
        let normalized = text.split(separator: ",").map { part -> String in
            let p = String(part).trimmingSpaces
            return p.hasSuffix("*") && !p.hasSuffix(".*") ? String(p.dropLast()) + ".*" : p
        }.joined(separator: ",")
        return Requirements.parseSpecifier(normalized).map { Alternative(requirement: $0, text: normalized, note: nil) }
    }

    /// conda versions need not be PEP 440 (`openssl=1.1.1w`, in every older `conda env export`):
    /// those are compared with the advisory's versions as text, as conda itself would match them.
    private static func exact(_ text: String, note: String?) -> Result<Alternative, ParseMessage> {
        guard !text.isEmpty else { return .failure(ParseMessage("no version after ==")) }
        guard let version = Version.parse(text) else {
            let why = "conda version \"\(Redact.excerpt(text))\" is not PEP 440; compared as text"
            return .success(Alternative(requirement: .arbitrary(text), text: "==" + text, note: [note, why].compactMap { $0 }.joined(separator: "; ")))
        }
        return .success(Alternative(requirement: .version(version), text: "==" + text, note: note))
    }

    /// conda's `=X` matches X and every X.* version.
    private static func fuzzy(_ text: String) -> Result<Alternative, ParseMessage> {
        var stem = text
        while stem.hasSuffix("*") || stem.hasSuffix(".") { stem.removeLast() }
        guard let version = Version.parse(stem) else { return .failure(ParseMessage("invalid version \"\(Redact.excerpt(text))\"")) }
        if version.release.count >= 3 && !text.hasSuffix("*") {
            return .success(Alternative(requirement: .version(version), text: "=" + text,
                                        note: "conda \"=\(text)\" matches \(stem) and \(stem).*; read as exactly \(stem)"))
        }
        return Requirements.parseSpecifier("==\(stem).*").map {
            Alternative(requirement: $0, text: "==\(stem).*", note: "conda \"=\(text)\" is a prefix match")
        }
    }

    /// `value` of `key='value'` in a bracket spec body (`version='>=1.0',build=py_0`).
    private static func bracketValue(_ body: String, key: String) -> String? {
        for item in body.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
            guard pair.count == 2, pair[0] == key else { continue }
            return pair[1].trimmingCharacters(quotes: true)
        }
        return nil
    }
}

private extension String {
    /// Drops one layer of surrounding quotes.
    func trimmingCharacters(quotes: Bool) -> String {
        guard count >= 2, let first, let last, first == last, first == "'" || first == "\"" else { return self }
        return String(dropFirst().dropLast())
    }
}
