import Foundation

/// The shortest and longest session a therapist can plan, in minutes.
public let plannedMinutesRange = 5...240

/// Decides what a command means for a session: the events it produces, or why it is refused.
///
/// `decide` is pure: the same state, command and time always give the same answer.
public func decide(_ command: SessionCommand, _ state: SessionState, at now: Date) -> Result<[SessionEvent], Rejection> {
    func ok(_ changes: SessionChange...) -> Result<[SessionEvent], Rejection> {
        .success(changes.map { SessionEvent(at: now, $0) })
    }
    func no(_ reason: String, confirm: Bool = false) -> Result<[SessionEvent], Rejection> {
        .failure(Rejection(reason, needsConfirmation: confirm))
    }

    if case .start(let client, let minutes) = command {
        guard state.phase != .signed else { return no("This note is signed and locked. Add an amendment instead.") }
        guard !state.isStarted else { return no("This session has already started.") }
        guard !client.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return no("The client needs a name before the session can start.")
        }
        guard plannedMinutesRange.contains(minutes) else {
            return no("Planned length must be between \(plannedMinutesRange.lowerBound) and \(plannedMinutesRange.upperBound) minutes.")
        }
        return ok(.started(SessionStart(client: client, plannedMinutes: minutes)))
    }
    guard state.isStarted else { return no("Start the session first.") }

    if state.phase == .signed {
        guard case .amend(let amendment) = command else {
            return no("This note is signed and locked. Add an amendment instead.")
        }
        guard !amendment.reason.isBlank else { return no("Say why the signed note is being amended.") }
        guard !amendment.text.isBlank else { return no("The amendment is empty.") }
        guard !amendment.by.isBlank else { return no("An amendment needs the name of who makes it.") }
        return ok(.amended(amendment))
    }

    switch command {
    case .start:
        return no("This session has already started.")

    case .recordAssessment(let assessment):
        guard state.phase == .assessment else {
            return no("The assessment can only be changed before treatment begins.")
        }
        let regions = assessment.painfulRegions.map(\.region)
        guard Set(regions).count == regions.count else {
            return no("A painful region is listed twice; give each region one score.")
        }
        // Every question the record already answers is answered, shown as derived.
        var assessment = assessment
        assessment.screening = DerivedAnswers.standard.applied(to: assessment.screening, medications: assessment.medications,
                                                               conditions: assessment.conditions)
        return ok(.assessed(assessment))

    case .beginTreatment:
        guard state.phase == .assessment else { return no("Treatment has already begun.") }
        guard let assessment = state.assessment else {
            return no("Record the assessment before treatment begins.")
        }
        guard assessment.consent else { return no("The client has not given consent to treatment.") }
        let unresolved = state.unresolvedWholeBodyCauses
        guard unresolved.isEmpty else {
            let emergency = state.findings.emergencyCauses.contains(where: unresolved.contains)
                ? " Same-day emergency care: send the client to an emergency department today." : ""
            return no("No massage today: \(unresolved.joined(separator: "; ")).\(emergency) Record an override with a reason, or end the session as rescheduled.")
        }
        return ok(.treatmentBegan)

    case .startWork(let work):
        guard state.phase == .treatment else { return no(notInTreatment(state.phase)) }
        if let active = state.activeWork, active.region == work.region {
            return no("Already working on the \(work.region.name).")
        }
        let findings = state.findings
        let avoid = findings.avoidCauses(for: work.region)
        let deep = work.pressure.isDeep ? findings.deepPressureCauses(for: work.region) : []
        if !work.cautionConfirmed, !avoid.isEmpty || !deep.isEmpty {
            var warnings: [String] = []
            if !avoid.isEmpty { warnings.append("the \(work.region.name) is to be avoided (\(avoid.joined(separator: "; ")))") }
            if !deep.isEmpty { warnings.append("deep pressure (\(work.pressure)) needs care (\(deep.joined(separator: "; ")))") }
            return no("Screening: " + warnings.joined(separator: ", and ") + ".", confirm: true)
        }
        // The event records a confirmation only where one was needed.
        var work = work
        work.avoidConfirmed = work.cautionConfirmed && !avoid.isEmpty
        work.cautionConfirmed = work.cautionConfirmed && !deep.isEmpty
        if let active = state.activeWork {
            return ok(.workEnded(active.region), .workStarted(work))
        }
        return ok(.workStarted(work))

    case .endWork:
        guard state.phase == .treatment else { return no(notInTreatment(state.phase)) }
        guard let active = state.activeWork else { return no("No region is being worked.") }
        return ok(.workEnded(active.region))

    case .changePressure(let pressure, let confirmed):
        guard state.phase == .treatment else { return no(notInTreatment(state.phase)) }
        guard let active = state.activeWork else { return no("Start work on a region before setting pressure.") }
        guard active.pressure != pressure else { return no("Pressure is already \(pressure).") }
        let deep = pressure.isDeep ? state.findings.deepPressureCauses(for: active.region) : []
        if !confirmed, !deep.isEmpty {
            return no("Screening: deep pressure (\(pressure)) on the \(active.region.name) needs care (\(deep.joined(separator: "; "))).", confirm: true)
        }
        return ok(.pressureChanged(pressure, cautionConfirmed: confirmed && pressure.isDeep && state.isCautionRegion(active.region)))

    case .changeTechnique(let technique):
        guard state.phase == .treatment else { return no(notInTreatment(state.phase)) }
        guard let active = state.activeWork else { return no("Start work on a region before choosing a technique.") }
        guard active.technique != technique else { return no("That technique is already in use.") }
        return ok(.techniqueChanged(technique))

    case .checkIn(let value, let region):
        guard state.phase == .treatment else { return no("Pain check-ins are logged during treatment.") }
        guard let score = PainScore(value) else { return no("A pain score is a whole number from 0 to 10.") }
        return ok(.checkedIn(PainCheckIn(score: score, region: region ?? state.activeWork?.region)))

    case .note(let text):
        guard !text.isBlank else { return no("The note is empty.") }
        return ok(.noted(text.trimmingCharacters(in: .whitespacesAndNewlines)))

    case .endTreatment:
        guard state.phase == .treatment else { return no(notInTreatment(state.phase)) }
        if let active = state.activeWork { return ok(.workEnded(active.region), .treatmentEnded) }
        return ok(.treatmentEnded)

    case .recordAftercare(let aftercare):
        guard state.phase == .aftercare else { return no("Aftercare is recorded once treatment has ended.") }
        let regions = aftercare.regionPain.map(\.region)
        guard Set(regions).count == regions.count else {
            return no("A region has two pain scores after treatment; give each region one score.")
        }
        return ok(.aftercareRecorded(aftercare))

    case .sign(let by, let vocabulary):
        guard state.phase == .aftercare else { return no("End treatment and record aftercare before signing.") }
        guard let aftercare = state.aftercare, aftercare.postPain != nil else {
            return no("Record the post-treatment pain score before signing.")
        }
        guard aftercare.hasPlan else { return no("Write a plan for the next visit (how often, or its focus) before signing.") }
        guard !by.isBlank else { return no("A signature needs the therapist's name.") }
        let used = state.techniquesUsed
        let frozen = vocabulary ?? SignedVocabulary(catalog: .standard, codes: .standard, techniques: used)
        // Only the session's own techniques are kept: the words and codes the note shows.
        let kept = SignedVocabulary(names: frozen.names.filter { id in used.contains { $0.id == id.key } },
                                    codes: frozen.codes.filter { id in used.contains { $0.id == id.key } })
        return ok(.signed(Signature(by: by, vocabulary: kept)))

    case .skipScreening(let reason):
        guard state.phase == .assessment else { return no("Screening is skipped, if at all, before treatment begins.") }
        guard state.isScreeningUnanswered else { return no("Screening has answers; there is nothing to skip.") }
        guard !reason.isBlank else { return no("Say why treatment goes ahead without screening today.") }
        return ok(.screeningSkipped(reason.trimmed))

    case .amend:
        return no("Only a signed note is amended; until it is signed, edit it directly.")

    case .reviewHistory(let history):
        guard state.phase == .assessment else { return no("The health history is reviewed before treatment begins.") }
        return ok(.historyReviewed(history))

    case .overrideContraindication(let reason):
        guard state.phase == .assessment else { return no("Overrides are recorded before treatment begins.") }
        let unresolved = state.unresolvedWholeBodyCauses
        guard !unresolved.isEmpty else { return no("Screening found no whole-body contraindication to override.") }
        guard !reason.isBlank else {
            return no("Say why treatment goes ahead despite \(unresolved.joined(separator: "; ")).")
        }
        return ok(.contraindicationOverridden(ContraindicationOverride(reason: reason.trimmed, causes: unresolved)))

    case .acknowledgeRedFlags:
        let waiting = state.unacknowledgedRedFlags
        guard !waiting.isEmpty else { return no("No red flag is waiting to be acknowledged.") }
        return ok(.redFlagsAcknowledged(waiting))

    case .reschedule(let reason, let by):
        guard state.phase == .assessment else { return no("Only a session whose treatment has not begun can be rescheduled.") }
        guard !reason.isBlank else { return no("Say why the session is rescheduled.") }
        guard !by.isBlank else { return no("A signature needs the therapist's name.") }
        return ok(.rescheduled(reason.trimmed), .signed(Signature(by: by)))
    case .undo:
        guard state.phase == .treatment else {
            return no(state.phase == .assessment ? "There is nothing to undo before treatment begins."
                      : "Treatment has ended; only treatment actions can be undone, before it ends.")
        }
        guard let positions = state.lastUndoableAction else {
            return no("Nothing left to undo since treatment began.")
        }
        return ok(.voided(positions: positions))

    case .recordOutcome(let measure):
        if let problem = measure.problem { return no(problem) }
        var measure = measure
        if case .psfs(var rating) = measure {
            rating.activities = rating.activities.map { PSFSActivity(activity: $0.activity.trimmed, score: $0.score) }
            measure = .psfs(rating)
        }
        return ok(.outcomeMeasured(measure))

    case .workTowardGoal(let goal, let words):
        guard !goal.isBlank else { return no("Name the goal this session works toward.") }
        guard !goal.hasControlCharacters(allowingNewlines: false) else {
            return no("Remove the control characters (they cannot be printed).")
        }
        guard words.map({ !$0.hasControlCharacters(allowingNewlines: false) }) ?? true else {
            return no("Remove the control characters from the goal's words (they cannot be printed).")
        }
        guard !state.goalsWorkedOn.contains(goal.trimmed) else { return no("This session already names that goal.") }
        let said = words?.trimmed
        return ok(.goalWorkedOn(goal.trimmed, words: said?.isEmpty == false ? said : nil))
    }
}

private func notInTreatment(_ phase: Phase) -> String {
    switch phase {
    case .assessment: "Begin treatment first."
    case .treatment: ""
    case .aftercare, .signed: "Treatment has ended."
    }
}

extension SessionState {
    /// Whether a new pain score calls for lighter pressure: 7 or more, or 2 or more above the
    /// region's previous reading (its latest check-in, else its baseline, else the session's).
    public func suggestsLighterPressure(score: Int, region: Region?) -> Bool {
        let previous = previousReading(region: region, before: checkIns.count)
        return score >= 7 || (previous.map { score - $0.value >= 2 } ?? false)
    }

    /// The reading a check-in is compared with: the region's check-in before it, else the
    /// region's baseline, else the session's baseline.
    public func previousReading(region: Region?, before index: Int) -> PainScore? {
        let earlier = checkIns.prefix(max(0, min(index, checkIns.count)))
        if let region, let last = earlier.last(where: { $0.value.region == region }) { return last.value.score }
        if region == nil, let last = earlier.last { return last.value.score }
        return region.flatMap { assessment?.baseline(for: $0) } ?? assessment?.baseline
    }

    /// Check-ins that called for lighter pressure, with the region's own reading they rose from
    /// (nil when the region had none: no earlier check-in and no baseline of its own).
    public var painRises: [(checkIn: Timed<PainCheckIn>, from: PainScore?)] {
        checkIns.enumerated().compactMap { index, checkIn in
            let score = checkIn.value.score.value
            let previous = previousReading(region: checkIn.value.region, before: index)
            guard score >= 7 || (previous.map { score - $0.value >= 2 } ?? false) else { return nil }
            let region = checkIn.value.region
            let own = checkIns.prefix(index).last { $0.value.region == region }?.value.score
                ?? region.flatMap { assessment?.baseline(for: $0) }
            return (checkIn, own)
        }
    }

    /// Whether the therapist answered no screening question (yes or no) today; answers derived
    /// from the record do not count.
    public var isScreeningUnanswered: Bool {
        (assessment?.screening.ownAnswerCount ?? 0) == 0
    }

    /// Techniques used for some time, in the order first used.
    public var techniquesUsed: [Technique] {
        var seen: [Technique] = []
        for segment in segments where segment.to.map({ $0 > segment.from }) ?? true && !seen.contains(segment.work.technique) {
            seen.append(segment.work.technique)
        }
        return seen
    }

    /// Regions to avoid: local contraindications and regions the client does not want touched.
    public var regionsToAvoid: Set<Region> { findings.regionsToAvoid }

    /// Whether screening calls for a confirmation before deep pressure (4–5) on a region.
    public func isCautionRegion(_ region: Region) -> Bool {
        !findings.deepPressureCauses(for: region).isEmpty
    }

    /// Whole-body contraindications, and red flags that need same-day emergency care, that no
    /// override covers: treatment cannot begin while any remain.
    public var unresolvedWholeBodyCauses: [String] {
        let overridden = Set(overrides.flatMap(\.value.causes))
        return (findings.wholeBodyCauses + findings.emergencyCauses).filter { !overridden.contains($0) }
    }

    /// The red-flag banner: the red flags not yet acknowledged, emergencies first; nil when none.
    public var redFlagBanner: RedFlagBanner? { findings.redFlagBanner(acknowledged: acknowledgedRedFlags) }

    /// Red flags the therapist has not yet acknowledged: the banner shows until they are.
    public var unacknowledgedRedFlags: [String] {
        findings.redFlagCauses.filter { !acknowledgedRedFlags.contains($0) }
    }
}

extension String {
    var isBlank: Bool { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
