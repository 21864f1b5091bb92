/// What screening found, what it means for the session, and the answer that caused it.
public struct ScreeningFinding: Hashable, Sendable {
    /// How the cause of a caution raised by the medications themselves begins; a short cue
    /// leaves it out.
    public static let medicationsLabel = "Medications: "

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
    /// For a red flag, how soon the client needs a doctor.
    public var urgency: RedFlagUrgency?

    public init(_ effect: Effect, cause: String, urgency: RedFlagUrgency? = nil) {
        self.effect = effect
        self.cause = cause
        self.urgency = effect == .referToPhysician ? (urgency ?? .referToPhysician) : nil
    }

    /// Whether the finding sends the client to same-day emergency care.
    public var isEmergency: Bool { urgency == .sameDayEmergency }
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
            case .redFlag: findings.append(ScreeningFinding(.referToPhysician, cause: cause, urgency: question?.urgency))
            }
        }
        let thinners = bloodThinners.found(in: medications)
        // Assessments recorded before answers were derived: the medications raise the caution themselves.
        if !thinners.isEmpty, screening.response(to: DerivedAnswers.bloodThinnerQuestion)?.answer != .yes {
            findings.append(ScreeningFinding(.deepPressureCaution(nil),
                                             cause: ScreeningFinding.medicationsLabel + "\(thinners.joined(separator: ", ")) (thins the blood)"))
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
    /// Causes of the red flags, emergencies first.
    public var redFlagCauses: [String] { emergencyCauses + referralCauses }
    /// Causes of the red flags that need same-day emergency care.
    public var emergencyCauses: [String] { filter { $0.effect == .referToPhysician && $0.isEmergency }.map(\.cause) }
    /// Causes of the red flags that mean "refer to a physician".
    public var referralCauses: [String] { filter { $0.effect == .referToPhysician && !$0.isEmergency }.map(\.cause) }

    /// The red-flag banner for the causes not yet acknowledged, or nil when there is none.
    public func redFlagBanner(acknowledged: Set<String> = []) -> RedFlagBanner? {
        RedFlagBanner(emergency: emergencyCauses.filter { !acknowledged.contains($0) },
                      referral: referralCauses.filter { !acknowledged.contains($0) })
    }

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

/// What the red-flag banner says: the answers that need same-day emergency care, then those that
/// mean "refer to a physician", each under its own heading so the two are never confused.
public struct RedFlagBanner: Hashable, Sendable {
    /// Causes that need same-day emergency care.
    public var emergency: [String]
    /// Causes that mean "refer to a physician".
    public var referral: [String]

    /// A banner, or nil when there is no cause to show.
    public init?(emergency: [String], referral: [String]) {
        guard !emergency.isEmpty || !referral.isEmpty else { return nil }
        self.emergency = emergency
        self.referral = referral
    }

    /// Whether any cause needs same-day emergency care: the banner then leads with it.
    public var isEmergency: Bool { !emergency.isEmpty }

    /// The banner's text: "Same-day emergency care: Saddle anaesthesia: yes · Refer to a
    /// physician: Severe night pain: yes".
    public var text: String {
        [(RedFlagUrgency.sameDayEmergency, emergency), (.referToPhysician, referral)]
            .filter { !$0.1.isEmpty }
            .map { "\($0.0.heading): \($0.1.joined(separator: "; "))" }
            .joined(separator: " · ")
    }
}
