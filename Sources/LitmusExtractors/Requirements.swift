import LitmusFormats
import LitmusModel

/// Turns a PEP 508 requirement into an observation; shared by every manifest extractor.
enum Requirements {
    /// The observation for `spec`: a direct reference to a wheel/sdist gives its version; a
    /// specifier gives a ``Requirement/specifier(_:)``; `===text` that is not a version gives
    /// ``Requirement/arbitrary(_:)``; no specifier gives ``Requirement/unconstrained``.
    static func observation(for spec: RequirementSpec, at location: FileLocation, origin: Origin)
        -> Result<PackageObservation?, ParseMessage> {
        let name = PackageName(spec.name)
        var note = spec.marker.map { "marker: \($0)" }
        if let raw = spec.url {
            let url = Redact.excerpt(raw)
            guard let file = DistributionFilename(raw) else {
                return .success(PackageObservation(name: name, requirement: .unconstrained, requirementText: "@ \(url)",
                                                   location: location, origin: origin, note: note))
            }
            note = ["direct reference \(url)", note].compactMap { $0 }.joined(separator: "; ")
            return .success(PackageObservation(name: name, requirement: .version(file.version), requirementText: file.versionText,
                                               location: location, origin: origin, note: note))
        }
        guard !spec.specifier.isEmpty else {
            return .success(PackageObservation(name: name, requirement: .unconstrained, requirementText: "",
                                               location: location, origin: origin, note: note))
        }
        return parseSpecifier(spec.specifier).map {
            PackageObservation(name: name, requirement: $0, requirementText: spec.specifier,
                               location: location, origin: origin, note: note)
        }
    }

    /// Parses one PEP 508 string and adds its declared observation, or an error naming `stage`.
    static func observe(_ text: String, at location: FileLocation, stage: String, into out: inout Extraction) {
        let spec: RequirementSpec
        do { spec = try RequirementSpec(parsing: text) } catch {
            out.issues.append(ScanIssue(.error, location, stage: stage, "not a requirement \"\(Redact.excerpt(text))\": \(error.message)"))
            return
        }
        switch observation(for: spec, at: location, origin: .declared) {
        case .success(let observation?): out.add(observation)
        case .success(nil): break
        case .failure(let failure): out.issues.append(ScanIssue(.error, location, stage: stage, failure.message))
        }
    }

    /// A specifier text as a requirement; a lone `===x` stays text, because pip selects by
    /// string equality there: `===1.82.7.0` does not select 1.82.7 even though the versions
    /// are equal under PEP 440.
    static func parseSpecifier(_ text: String) -> Result<Requirement, ParseMessage> {
        let trimmed = text.trimmingSpaces
        do {
            let set = try SpecifierSet(trimmed)
            if set.specifiers.count == 1, let only = set.specifiers.first, only.op == .arbitrary {
                return .success(.arbitrary(only.versionText))
            }
            return .success(.specifier(set))
        } catch {
            return .failure(ParseMessage("invalid version specifier \"\(Redact.excerpt(trimmed))\": \(error.reason)"))
        }
    }
}
