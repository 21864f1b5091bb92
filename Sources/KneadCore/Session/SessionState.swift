import Foundation

/// The phases of a session, in order.
public enum Phase: String, CaseIterable, Codable, Sendable, Comparable {
    case assessment, treatment, aftercare, signed

    public static func < (lhs: Phase, rhs: Phase) -> Bool {
        let order = Phase.allCases
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }

    /// The phase's name as shown to the therapist.
    public var title: String {
        switch self {
        case .assessment: "Assessment"
        case .treatment: "Treatment"
        case .aftercare: "Aftercare"
        case .signed: "Signed"
        }
    }
}

/// A stretch of time with one region, technique and pressure.
public struct WorkSegment: Hashable, Sendable {
    public var work: RegionWork
    public var from: Date
    /// Nil while the segment is still going.
    public var to: Date?

    /// Seconds of work in the segment, counting an open one up to `now`.
    public func seconds(upTo now: Date) -> TimeInterval {
        max(0, (to ?? now).timeIntervalSince(from))
    }
}

/// Something that happened at a moment: a check-in, a note, a signature, an amendment.
public struct Timed<Value: Hashable & Sendable>: Hashable, Sendable {
    public var value: Value
    public var at: Date
    public init(_ value: Value, at: Date) {
        self.value = value
        self.at = at
    }
}

/// A session as its events made it. It is only ever built by folding events with ``evolve(_:_:)``.
public struct SessionState: Hashable, Sendable {
    public let id: SessionID
    public private(set) var start: SessionStart?
    public private(set) var startedAt: Date?
    public private(set) var phase: Phase = .assessment
    public private(set) var assessment: Assessment? {
        didSet { findings = assessment?.findings() ?? [] }
    }
    /// What the assessment's screening found, worked out once per assessment: the treatment
    /// screen asks for it several times a frame.
    public private(set) var findings: [ScreeningFinding] = []
    public private(set) var treatmentBeganAt: Date?
    public private(set) var treatmentEndedAt: Date?
    /// Every stretch of region work, in order; the last is open while work goes on.
    public private(set) var segments: [WorkSegment] = []
    public private(set) var checkIns: [Timed<PainCheckIn>] = []
    public private(set) var notes: [Timed<String>] = []
    public private(set) var aftercare: Aftercare?
    public private(set) var signature: Timed<Signature>?
    public private(set) var amendments: [Timed<Amendment>] = []
    /// The health history as reviewed at the start of this session.
    public private(set) var reviewedHistory: Timed<HealthHistory>?
    public private(set) var overrides: [Timed<ContraindicationOverride>] = []
    /// Causes of the red flags the therapist acknowledged.
    public private(set) var acknowledgedRedFlags: Set<String> = []
    /// Why the session ended before treatment, when it did.
    public private(set) var rescheduled: Timed<String>?
    /// Why treatment went ahead without a screening today, when it did.
    public private(set) var screeningSkipped: Timed<String>?
    /// Outcome measures (PSFS, PEG) rated in this session, in order.
    public private(set) var outcomes: [Timed<OutcomeMeasure>] = []
    /// Keys of the plan-of-care goals this session worked toward, in the order named.
    public private(set) var goalsWorkedOn: [String] = []
    /// The words of those goals, by key, as the plan read when each was named.
    public private(set) var goalWords: [String: String] = [:]
    /// Every event, in order, as the journal holds it, including undone ones and the undo events.
    public private(set) var events: [SessionEvent] = []
    /// Positions in ``events`` that an undo voided; nothing else in the state reflects them.
    public private(set) var voidedPositions: Set<Int> = []
    /// The sequence numbers of stored entries that could not be read, shown as such in the note.
    public private(set) var unreadableEntries: [Int] = []

    /// A session that has not started.
    public init(id: SessionID) { self.id = id }

    /// The state after replaying events in order.
    public init(id: SessionID, replaying events: [SessionEvent]) {
        self.init(id: id)
        for event in events { evolve(event) }
    }

    public var isStarted: Bool { start != nil }
    public var client: Client? { start?.client }
    public var plannedMinutes: Int { start?.plannedMinutes ?? 0 }

    /// The work going on now, if any.
    public var activeWork: RegionWork? {
        guard let last = segments.last, last.to == nil else { return nil }
        return last.work
    }

    /// The last pain score the client gave, during treatment or, before any check-in, at intake.
    public var latestPain: PainScore? { checkIns.last?.value.score ?? assessment?.baseline }

    /// The check-ins of one region, in order.
    public func checkIns(for region: Region) -> [Timed<PainCheckIn>] {
        checkIns.filter { $0.value.region == region }
    }

    /// Regions worked, in the order first worked.
    public var workedRegions: [Region] {
        var seen: [Region] = []
        for segment in segments where !seen.contains(segment.work.region) { seen.append(segment.work.region) }
        return seen
    }

    /// Seconds of work per region up to `now`.
    public func secondsByRegion(upTo now: Date) -> [Region: TimeInterval] {
        segments.reduce(into: Dictionary(minimumCapacity: min(segments.count, 32))) {
            $0[$1.work.region, default: 0] += $1.seconds(upTo: now)
        }
    }

    /// Seconds of work per technique up to `now`.
    public func secondsByTechnique(upTo now: Date) -> [Technique: TimeInterval] {
        segments.reduce(into: [:]) { $0[$1.work.technique, default: 0] += $1.seconds(upTo: now) }
    }

    /// The treatment time: seconds from "treatment begun" to "treatment ended" (to `now` while
    /// treatment goes on; 0 before it begins). The timer, the note and the day review all show it.
    public func elapsedSeconds(at now: Date) -> TimeInterval {
        guard let treatmentBeganAt else { return 0 }
        return max(0, (treatmentEndedAt ?? now).timeIntervalSince(treatmentBeganAt))
    }

    /// Applies one event. Events are facts already decided: applying one never fails.
    public mutating func evolve(_ event: SessionEvent) {
        events.append(event)
        guard case .voided(let positions) = event.change else {
            apply(event)
            return
        }
        // Undo: rebuild everything from the events that still count, so the state is exactly as
        // if the voided ones had never happened.
        voidedPositions.formUnion(positions.filter { events.indices.contains($0) })
        var rebuilt = SessionState(id: id)
        for (position, past) in events.enumerated() where !voidedPositions.contains(position) {
            if case .voided = past.change { continue }
            rebuilt.apply(past)
        }
        rebuilt.events = events
        rebuilt.voidedPositions = voidedPositions
        self = rebuilt
    }

    private mutating func apply(_ event: SessionEvent) {
        let at = event.at
        switch event.change {
        case .started(let start):
            self.start = start
            startedAt = at
            phase = .assessment
        case .assessed(let assessment):
            self.assessment = assessment
        case .treatmentBegan:
            treatmentBeganAt = at
            phase = .treatment
        case .workStarted(let work):
            closeOpenSegment(at: at)
            segments.append(WorkSegment(work: work, from: at, to: nil))
        case .workEnded:
            closeOpenSegment(at: at)
        case .pressureChanged(let pressure, let confirmed):
            guard var work = activeWork else { return }
            closeOpenSegment(at: at)
            work.pressure = pressure
            work.cautionConfirmed = confirmed
            segments.append(WorkSegment(work: work, from: at, to: nil))
        case .techniqueChanged(let technique):
            guard var work = activeWork else { return }
            closeOpenSegment(at: at)
            work.technique = technique
            segments.append(WorkSegment(work: work, from: at, to: nil))
        case .checkedIn(let checkIn):
            checkIns.append(Timed(checkIn, at: at))
        case .noted(let text):
            notes.append(Timed(text, at: at))
        case .treatmentEnded:
            closeOpenSegment(at: at)
            treatmentEndedAt = at
            phase = .aftercare
        case .aftercareRecorded(let aftercare):
            self.aftercare = aftercare
        case .signed(let signature):
            self.signature = Timed(signature, at: at)
            phase = .signed
        case .amended(let amendment):
            amendments.append(Timed(amendment, at: at))
        case .historyReviewed(let history):
            reviewedHistory = Timed(history, at: at)
        case .contraindicationOverridden(let override):
            overrides.append(Timed(override, at: at))
        case .redFlagsAcknowledged(let causes):
            acknowledgedRedFlags.formUnion(causes)
        case .rescheduled(let reason):
            rescheduled = Timed(reason, at: at)
        case .screeningSkipped(let reason):
            screeningSkipped = Timed(reason, at: at)
        case .voided:
            break  // handled in evolve
        case .unreadable(let entry):
            unreadableEntries.append(entry.seq)
            // A signature that cannot be read still locked the note.
            if entry.storedKind == "signed" { phase = .signed }
        case .outcomeMeasured(let measure):
            outcomes.append(Timed(measure, at: at))
        case .goalWorkedOn(let goal, let words):
            if !goalsWorkedOn.contains(goal) { goalsWorkedOn.append(goal) }
            if let words { goalWords[goal] = words }
        }
    }

    private mutating func closeOpenSegment(at date: Date) {
        guard let last = segments.indices.last, segments[last].to == nil else { return }
        segments[last].to = date
    }
}

/// The decider's fold step: the state after one more event.
public func evolve(_ state: SessionState, _ event: SessionEvent) -> SessionState {
    var next = state
    next.evolve(event)
    return next
}
