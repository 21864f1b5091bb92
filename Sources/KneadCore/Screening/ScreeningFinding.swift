/// What screening found, what it means for the session, and the answer that caused it.
public struct ScreeningFinding: Hashable, Sendable {
    public enum Effect: Hashable, Sendable {
        /// No massage today without an override.
        case noTreatmentToday
        /// Work on these regions asks for a confirmation.
        case avoid(Set<Region>)
        /// Pressure 4–5 asks for a confirmation: on these regions, or on every region when nil.
        case deepPressureCaution(Set<Region>?)
        /// Refer the client to a physician.
        case referToPhysician
    }

    public var effect: Effect
    /// The answer that caused the finding, in words: "Open wound: yes (L forearm)".
    public var cause: String

    public init(_ effect: Effect, cause: String) {
        self.effect = effect
        self.cause = cause
    }
}

extension Assessment {
    /// Every finding of this assessment: screening answers, blood thinners among the medications,
    /// regions the client does not want touched, and caution regions set by hand.
    public func findings(catalog: ScreeningCatalog = .standard,
                         bloodThinners: BloodThinners = .standard) -> [ScreeningFinding] {
        var findings: [ScreeningFinding] = []
        for response in screening.responses where response.answer == .yes {
            let question = catalog.question(response.questionID)
            let label = question?.label ?? response.questionID
            let regions = Set(response.regions)
            let placed = response.regions.isEmpty ? "" : " (" + response.regions.map(\.shortName).joined(separator: ", ") + ")"
            // A derived answer names what answered it instead of "yes".
            let cause = "\(label): \(response.derivedFrom ?? "yes")\(placed)"
            switch question?.category ?? .wholeBody {
            case .wholeBody: findings.append(ScreeningFinding(.noTreatmentToday, cause: cause))
            case .local: findings.append(ScreeningFinding(.avoid(regions), cause: cause))
            case .deepPressure:
                findings.append(ScreeningFinding(.deepPressureCaution(regions.isEmpty ? nil : regions), cause: cause))
                if question?.avoidsItsRegions == true, !regions.isEmpty {
                    findings.append(ScreeningFinding(.avoid(regions), cause: cause))
                }
            case .redFlag: findings.append(ScreeningFinding(.referToPhysician, cause: cause))
            }
        }
        let thinners = bloodThinners.found(in: medications)
        // Assessments recorded before answers were derived: the medications raise the caution themselves.
        if !thinners.isEmpty, screening.response(to: DerivedAnswers.bloodThinnerQuestion)?.answer != .yes {
            findings.append(ScreeningFinding(.deepPressureCaution(nil),
                                             cause: "Medications: \(thinners.joined(separator: ", ")) (thins the blood)"))
        }
        if !avoidRegions.isEmpty {
            findings.append(ScreeningFinding(.avoid(Set(avoidRegions)),
                                             cause: "Client asked not to be touched there (" + avoidRegions.map(\.shortName).joined(separator: ", ") + ")"))
        }
        if !cautionRegions.isEmpty {
            findings.append(ScreeningFinding(.deepPressureCaution(Set(cautionRegions)),
                                             cause: "Caution regions (" + cautionRegions.map(\.shortName).joined(separator: ", ") + ")"))
        }
        return findings
    }
}

extension [ScreeningFinding] {
    /// Causes of the findings that stop treatment today.
    public var wholeBodyCauses: [String] { filter { $0.effect == .noTreatmentToday }.map(\.cause) }
    /// Causes of the red flags.
    public var redFlagCauses: [String] { filter { $0.effect == .referToPhysician }.map(\.cause) }

    /// Why work on a region asks for a confirmation, or an empty list.
    public func avoidCauses(for region: Region) -> [String] {
        compactMap { finding in
            if case .avoid(let regions) = finding.effect, regions.contains(region) { return finding.cause }
            return nil
        }
    }

    /// Why deep pressure on a region asks for a confirmation, or an empty list.
    public func deepPressureCauses(for region: Region) -> [String] {
        compactMap { finding in
            if case .deepPressureCaution(let regions) = finding.effect, regions?.contains(region) ?? true {
                return finding.cause
            }
            return nil
        }
    }

    /// Every region to avoid.
    public var regionsToAvoid: Set<Region> {
        reduce(into: []) { set, finding in
            if case .avoid(let regions) = finding.effect { set.formUnion(regions) }
        }
    }
}
