import LitmusAdvisories
import LitmusFormats
import LitmusModel
import LitmusSystem

/// Matches observations against advisories. It knows nothing about file formats: an
/// observation is a package with a version, specifier or nothing, or an indicator file.
///
/// - An exact version (installed, locked, a wheel name, `==X` or `===X`) inside an advisory's
///   affected versions is `compromised-version` at the advisory's severity.
/// - A specifier that admits an affected version but no published unaffected release (the
///   advisory's ``PublishedReleases``: `>=1.82.8,<=1.82.8`, `>4.87.0,<4.87.2`) is
///   `compromised-version` too: any resolver that satisfies it installs an affected release.
/// - Any other specifier that admits an affected version is `range-admits` (low), listing the
///   versions it admits; `!=` exclusions are honoured because `SpecifierSet` evaluates them.
/// - No specifier at all is not a finding.
/// - An indicator file is `known-bad-hash` when its SHA-256 equals the published one, else
///   `ioc-file` when the indicator is reported whatever its content.
/// - A start-up file (every `.pth`, `sitecustomize`, `usercustomize` examined) whose SHA-256
///   equals any indicator's published hash is `known-bad-hash` under whatever name it has.
/// - A file at a persistence path of an advisory (`~/.config/sysmon/sysmon.py`, any
///   `~/.config/systemd/user/*.service` containing "System Telemetry Service") is `persistence`.
/// - A startup hook no installer owns (or that changed) is `unowned-startup-hook`, and a RECORD
///   disagreement in an advisory's package is `record-mismatch`; both high, heuristic rules with
///   the ids in ``HeuristicRule``.
public struct Matcher: Sendable {
    private let database: AdvisoryDatabase
    private let indicatorNames: Set<String>
    /// Every indicator with a published SHA-256, by that hash.
    private let indicatorsByHash: [[UInt8]: [(Advisory, FileIndicator)]]

    /// Creates a matcher over `database`.
    public init(database: AdvisoryDatabase) {
        self.database = database
        self.indicatorNames = Set(database.fileIndicators.map(\.indicator.name))
        var byHash: [[UInt8]: [(Advisory, FileIndicator)]] = [:]
        for (advisory, indicator) in database.fileIndicators {
            if let sha = indicator.sha256 { byHash[sha, default: []].append((advisory, indicator)) }
        }
        self.indicatorsByHash = byHash
    }

    /// The findings for one observation.
    public func findings(for observation: Observation) -> [Finding] {
        switch observation {
        case .package(let p): return findings(for: p)
        case .file(let f): return f.startupFile ? anyName(f) : findings(for: f) + persistence(f)
        case .startupHook(let h): return [startupHook(h)]
        case .integrity(let i): return [integrity(i)]
        case .archive(let a): return archive(a)
        }
    }

    /// Members of an archive whose base name is an indicator file, as unhashed file
    /// observations at `archive!/member` (the archive is never extracted).
    private func archive(_ a: ArchiveObservation) -> [Finding] {
        var out: [Finding] = []
        for member in a.members {
            let base = Paths.baseName(member.name)
            guard indicatorNames.contains(base) else { continue }
            let f = FileObservation(location: FileLocation(path: a.location.path + "!/" + member.name), name: base,
                                    size: member.size, sha256: nil, firstLine: "(inside the archive; not extracted)")
            out += findings(for: f) + persistence(f)
        }
        return out
    }

    /// A start-up file whose SHA-256 equals an indicator's, under a name the indicator does not
    /// give (the file of that name is the indicator check's, and is matched there): the
    /// published payload renamed.
    private func anyName(_ f: FileObservation) -> [Finding] {
        guard let sha = f.sha256, let hits = indicatorsByHash[sha] else { return [] }
        var out: [Finding] = []
        for (advisory, indicator) in hits where !indicator.matches(path: f.location.path, baseName: f.name) {
            var evidence = "\(f.name), \(f.size) bytes, a file Python reads at start-up: its SHA-256 matches the published malicious "
                + "\(indicator.name) (\(indicator.description)) under another name"
            if let line = f.firstLine, !line.isEmpty { evidence += "; first line: \(line)" }
            out.append(Finding(kind: .knownBadHash, severity: FindingKind.knownBadHash.severity(advisory: advisory.severity), advisoryID: advisory.id,
                               aliases: advisory.aliases, package: advisory.affected.first?.name.normalized,
                               version: indicator.versions.joined(separator: ", ").nilIfEmpty, specifier: nil,
                               location: f.location, evidence: evidence,
                               remediation: Remediation.forIndicator(indicator, advisory: advisory)))
        }
        return out
    }

    private func persistence(_ f: FileObservation) -> [Finding] {
        var out: [Finding] = []
        for advisory in database.advisories {
            for p in advisory.persistenceIndicators where p.matches(path: f.location.path) {
                if let needle = p.contains, !(f.head ?? "").contains(needle) { continue }
                var evidence = "\(p.description): \(f.name), \(f.size) bytes"
                if let needle = p.contains { evidence += ", contains \"\(needle)\"" }
                if let sha = f.sha256 { evidence += ", SHA-256 \(Hex.encode(sha))" }
                out.append(Finding(kind: .persistence, severity: FindingKind.persistence.severity(advisory: advisory.severity),
                                   advisoryID: advisory.id, aliases: advisory.aliases, package: advisory.affected.first?.name.normalized,
                                   version: nil, specifier: nil, location: f.location, evidence: evidence,
                                   remediation: Remediation.forPersistence(advisory: advisory)))
            }
        }
        return out
    }

    private func startupHook(_ h: StartupHookObservation) -> Finding {
        let why = h.reason == .unowned
            ? "no RECORD, dpkg list, conda record or egg-info in this environment owns it"
            : "its bytes differ from the digest recorded by \(h.owner ?? "its distribution")"
        return Finding(kind: .unownedStartupHook, severity: FindingKind.unownedStartupHook.severity(advisory: .high),
                       advisoryID: HeuristicRule.startupHook, aliases: [], package: nil, version: nil, specifier: nil,
                       location: h.location, evidence: "Python runs this file at every interpreter start and \(why); first line: \(h.firstLine)",
                       remediation: Remediation.forStartupHook)
    }

    /// One finding per install: the counts, and the first paths (relative to the site-packages)
    /// in the evidence; the structured counts and samples ride on ``Finding/integrity``.
    private func integrity(_ i: IntegrityObservation) -> Finding {
        let advisory = database.affecting(i.package).first?.advisory
        let c = i.counts
        let sitePackages = Paths.parent(of: Paths.parent(of: i.location.path))
        let first = c.samples.map { "\($0.problem.rawValue) \(Paths.relative($0.path, to: sitePackages) ?? $0.path)" }
        let more = c.total > c.samples.count ? "first \(c.samples.count): " : ""
        var f = Finding(kind: .recordMismatch, severity: FindingKind.recordMismatch.severity(advisory: .high),
                        advisoryID: advisory?.id ?? HeuristicRule.recordIntegrity, aliases: advisory?.aliases ?? [],
                        package: i.package.normalized, version: nil, specifier: nil, location: i.location,
                        evidence: "\(i.distribution): \(c.total) installed \(c.total == 1 ? "file disagrees" : "files disagree") with RECORD "
                            + "(\(c.modified) modified, \(c.missing) missing, \(c.unlisted) unlisted); \(more)\(first.joined(separator: ", "))",
                        remediation: Remediation.forIntegrity)
        f.integrity = c
        return f
    }

    private func findings(for p: PackageObservation) -> [Finding] {
        var out: [Finding] = []
        for (advisory, affected) in database.affecting(ecosystem: p.ecosystem, name: p.name.raw) {
            switch p.requirement {
            case .version(let v):
                if affected.contains(v) { out.append(exact(p, v.description, advisory, affected)) }
            case .arbitrary(let text):
                if affected.contains(text: text) {
                    out.append(exact(p, text, advisory, affected))
                } else if affected.isUnresolvable(text) {
                    out.append(unresolvable(p, text, advisory, affected))
                }
            case .specifier(let set):
                if let pin = set.exactPin {
                    if affected.contains(pin) { out.append(exact(p, pin.description, advisory, affected)) }
                } else {
                    let admitted = set.admitsAny(of: affected.versions)
                    if admitted.isEmpty { break }
                    if let releases = affected.publishedReleases,
                       !releases.versions.contains(where: { !affected.contains($0) && set.contains($0, prereleases: true) }) {
                        out.append(onlyAffected(p, admitted, releases, advisory))
                    } else {
                        out.append(range(p, admitted, advisory))
                    }
                }
            case .unconstrained:
                break
            }
        }
        return out
    }

    private func unresolvable(_ p: PackageObservation, _ ref: String, _ a: Advisory, _ affected: AffectedPackage) -> Finding {
        var evidence = "\(p.name.raw) \(ref): this ref was deleted and never restored, so it no longer resolves"
        if let window = affected.window { evidence += "; refs of \(affected.rawName) were malicious \(window)" }
        if let note = p.note { evidence += "; \(note)" }
        return Finding(kind: .refUnresolvable, severity: FindingKind.refUnresolvable.severity(advisory: a.severity), advisoryID: a.id,
                       aliases: a.aliases, package: affected.key, version: ref, specifier: nil, location: p.location,
                       evidence: evidence, remediation: affected.remediation ?? a.remediation)
    }

    private func exact(_ p: PackageObservation, _ version: String, _ a: Advisory, _ affected: AffectedPackage) -> Finding {
        let verb: String
        switch p.origin {
        case .installed: verb = "installed"
        case .locked: verb = "locked at"
        case .artifact: verb = "distribution file of"
        case .declared: verb = "pinned to"
        }
        var evidence = "\(p.name.raw) \(verb) \(version)"
        if !p.requirementText.isEmpty && p.requirementText != version { evidence += " (written \"\(p.requirementText)\")" }
        if let window = affected.window { evidence += "; malicious \(window)" }
        if let note = p.note { evidence += "; \(note)" }
        var f = finding(.compromisedVersion, a, p, version: version, specifier: nil, evidence: evidence,
                        remediation: affected.remediation.map { [$0, a.remediation].joined(separator: " ") }
                            ?? Remediation.forVersion(origin: p.origin, advisory: a))
        f.package = affected.key
        return f
    }

    /// A range no published unaffected release satisfies: whatever a resolver picks from it is
    /// compromised, so it is reported as a pin.
    private func onlyAffected(_ p: PackageObservation, _ admitted: [Version], _ releases: PublishedReleases, _ a: Advisory) -> Finding {
        let list = admitted.map(\.description).joined(separator: ", ")
        var evidence = "\(p.name.raw)\(p.requirementText) admits only compromised \(list): no other release "
            + "the index listed on \(releases.asOf) satisfies it"
        if let note = p.note { evidence += "; \(note)" }
        return finding(.compromisedVersion, a, p, version: list, specifier: p.requirementText, evidence: evidence,
                       remediation: Remediation.forVersion(origin: p.origin, advisory: a))
    }

    private func range(_ p: PackageObservation, _ admitted: [Version], _ a: Advisory) -> Finding {
        let list = admitted.map(\.description).joined(separator: ", ")
        var evidence = "\(p.name.raw)\(p.requirementText) admits compromised \(list)"
        if let note = p.note { evidence += "; \(note)" }
        return finding(.rangeAdmits, a, p, version: nil, specifier: p.requirementText, evidence: evidence,
                       remediation: Remediation.forRange(advisory: a, admitted: admitted))
    }

    private func finding(_ kind: FindingKind, _ a: Advisory, _ p: PackageObservation, version: String?,
                         specifier: String?, evidence: String, remediation: String) -> Finding {
        Finding(kind: kind, severity: kind.severity(advisory: a.severity), advisoryID: a.id, aliases: a.aliases,
                package: p.name.normalized, version: version, specifier: specifier, location: p.location,
                evidence: evidence, remediation: remediation)
    }

    private func findings(for f: FileObservation) -> [Finding] {
        var out: [Finding] = []
        for (advisory, indicator) in database.fileIndicators where indicator.matches(path: f.location.path, baseName: f.name) {
            let hashMatches = f.sha256 != nil && f.sha256 == indicator.sha256
            guard hashMatches || indicator.reportAlways else { continue }
            var evidence = "\(indicator.description): \(f.name), \(f.size) bytes"
            if hashMatches {
                evidence += ", SHA-256 matches the published malicious file"
            } else if let sha = f.sha256 {
                evidence += ", SHA-256 \(Hex.encode(sha)) differs from the published payload (a variant, a stand-in or a later stage)"
            } else {
                evidence += ", content could not be read"
            }
            if let line = f.firstLine, !line.isEmpty { evidence += "; first line: \(line)" }
            let kind: FindingKind = hashMatches && !indicator.reportAlways ? .knownBadHash : .iocFile
            out.append(Finding(kind: kind, severity: kind.severity(advisory: advisory.severity), advisoryID: advisory.id,
                               aliases: advisory.aliases, package: advisory.affected.first?.name.normalized,
                               version: indicator.versions.joined(separator: ", ").nilIfEmpty, specifier: nil,
                               location: f.location, evidence: evidence,
                               remediation: Remediation.forIndicator(indicator, advisory: advisory)))
        }
        return out
    }
}

/// Ids of litmus's own heuristic rules (findings not tied to one advisory).
public enum HeuristicRule {
    /// Unowned or modified `.pth`/`sitecustomize.py`/`usercustomize.py`.
    public static let startupHook = "LITMUS-STARTUP-HOOK"
    /// RECORD disagreement in a package no advisory names.
    public static let recordIntegrity = "LITMUS-RECORD-INTEGRITY"

    /// A one-line description of each heuristic rule, for reports that list rules (SARIF).
    public static let descriptions: [String: String] = [
        startupHook: "A .pth file with an import line, or a sitecustomize.py/usercustomize.py, that no installer owns or that changed: Python runs it at every interpreter start (the mechanism of litellm_init.pth).",
        recordIntegrity: "Installed files differ from, are missing from, or are absent in the distribution's RECORD.",
    ]
}
