import Foundation

/// Pain that fell between two readings, and the work done most in between.
public struct PainDrop: Hashable, Sendable {
    public var technique: Technique
    public var pressure: Pressure
    /// Points the score fell, always at least 1.
    public var points: Int

    public init(technique: Technique, pressure: Pressure, points: Int) {
        self.technique = technique
        self.pressure = pressure
        self.points = points
    }
}

/// One session as the day review and the client history show it: the fold of its events boiled
/// down to figures. Pure and cheap to make; nothing here reads the clock.
public struct SessionSummary: Hashable, Sendable {
    public var id: SessionID
    public var client: Client
    public var startedAt: Date
    public var plannedMinutes: Int
    public var phase: Phase
    /// The treatment time: seconds from "treatment begun" to "treatment ended"; while treatment
    /// goes on, to the last event (``SessionState/elapsedSeconds(at:)``, as the timer and the note).
    public var durationSeconds: TimeInterval
    /// Regions worked, in the order first worked.
    public var regions: [Region]
    /// Techniques used, in the order first used.
    public var techniques: [Technique]
    /// Pressure levels used, lightest first.
    public var pressures: [Pressure]
    /// The highest baseline score at intake.
    public var painBefore: PainScore?
    /// The post-treatment score from aftercare.
    public var painAfter: PainScore?
    /// The last score given during treatment.
    public var lastCheckIn: PainScore?
    public var checkInCount: Int
    public var flags: [ReviewFlag]
    public var secondsByRegion: [Region: TimeInterval]
    public var secondsByTechnique: [Technique: TimeInterval]
    /// Seconds of hands-on work, the sum of every work segment.
    public var timedSeconds: TimeInterval
    /// Every fall in pain from one reading to the next, with the work that preceded it.
    public var painDrops: [PainDrop]
    /// The billing codes the note was signed with (the standard ones for notes signed before
    /// signatures kept them); nil while the note is unsigned.
    public var signedCodes: BillingCodes?

    /// The summary of a session's state. `client` replaces the client as recorded at the start,
    /// e.g. with the name as the client list has it now.
    public init(_ state: SessionState, client: Client? = nil) {
        id = state.id
        self.client = client ?? state.client ?? Client(id: ClientID("?"), name: "?")
        startedAt = state.startedAt ?? state.events.first?.at ?? Date(timeIntervalSinceReferenceDate: 0)
        plannedMinutes = state.plannedMinutes
        phase = state.phase
        let lastEvent = state.events.last?.at ?? startedAt
        durationSeconds = state.elapsedSeconds(at: lastEvent)
        signedCodes = state.signature.map { $0.value.vocabulary?.billingCodes ?? .standard }
        regions = state.workedRegions
        var techniques: [Technique] = []
        for segment in state.segments where !techniques.contains(segment.work.technique) {
            techniques.append(segment.work.technique)
        }
        self.techniques = techniques
        pressures = Set(state.segments.map(\.work.pressure)).sorted()
        painBefore = state.assessment?.baseline
        painAfter = state.aftercare?.postPain
        lastCheckIn = state.checkIns.last?.value.score
        checkInCount = state.checkIns.count
        flags = ReviewFlag.flags(of: state)
        secondsByRegion = state.secondsByRegion(upTo: lastEvent)
        secondsByTechnique = state.secondsByTechnique(upTo: lastEvent)
        timedSeconds = state.segments.reduce(0) { $0 + $1.seconds(upTo: lastEvent) }
        painDrops = Self.drops(in: state, upTo: lastEvent)
    }

    /// A summary from its figures, as a projection stored them: the same value the summary of
    /// the session's state had when they were stored.
    public init(id: SessionID, client: Client, startedAt: Date, plannedMinutes: Int, phase: Phase,
                durationSeconds: TimeInterval, regions: [Region], techniques: [Technique], pressures: [Pressure],
                painBefore: PainScore?, painAfter: PainScore?, lastCheckIn: PainScore?, checkInCount: Int,
                flags: [ReviewFlag], secondsByRegion: [Region: TimeInterval], secondsByTechnique: [Technique: TimeInterval],
                timedSeconds: TimeInterval, painDrops: [PainDrop], signedCodes: BillingCodes? = nil) {
        self.signedCodes = signedCodes
        self.id = id
        self.client = client
        self.startedAt = startedAt
        self.plannedMinutes = plannedMinutes
        self.phase = phase
        self.durationSeconds = durationSeconds
        self.regions = regions
        self.techniques = techniques
        self.pressures = pressures
        self.painBefore = painBefore
        self.painAfter = painAfter
        self.lastCheckIn = lastCheckIn
        self.checkInCount = checkInCount
        self.flags = flags
        self.secondsByRegion = secondsByRegion
        self.secondsByTechnique = secondsByTechnique
        self.timedSeconds = timedSeconds
        self.painDrops = painDrops
    }

    /// Change from before to after (negative is better), when both are known.
    public var painChange: Int? {
        guard let painBefore, let painAfter else { return nil }
        return painAfter.value - painBefore.value
    }

    /// Whether the change is clinically meaningful: 2 points or more either way.
    public var isMeaningfulChange: Bool {
        guard let painBefore, let painAfter else { return false }
        return PainScore.isMeaningfulChange(from: painBefore, to: painAfter)
    }

    /// Whether the session still needs something before the day is closed.
    public var isUnfinished: Bool { phase != .signed }

    /// Whole minutes of hands-on work.
    public var timedMinutes: Int { Int((timedSeconds / 60).rounded()) }

    /// Whole minutes of treatment time.
    public var durationMinutes: Int { Int((durationSeconds / 60).rounded()) }

    /// Readings in order — intake baseline, every check-in (the decider ties most to the region
    /// being worked), post score — and for each fall, the technique and pressure worked longest
    /// since the reading before. Falls between readings with no work in between are not credited.
    private static func drops(in state: SessionState, upTo end: Date) -> [PainDrop] {
        var readings: [(at: Date, score: Int)] = []
        if let baseline = state.assessment?.baseline {
            readings.append((state.treatmentBeganAt ?? state.startedAt ?? end, baseline.value))
        }
        for checkIn in state.checkIns {
            readings.append((checkIn.at, checkIn.value.score.value))
        }
        if let post = state.aftercare?.postPain {
            readings.append((state.treatmentEndedAt ?? end, post.value))
        }
        guard readings.count >= 2 else { return [] }
        var drops: [PainDrop] = []
        for (a, b) in zip(readings, readings.dropFirst()) where b.score < a.score {
            var seconds: [RegionWorkKey: TimeInterval] = [:]
            for segment in state.segments {
                let from = max(segment.from, a.at), to = min(segment.to ?? end, b.at)
                if to > from { seconds[RegionWorkKey(segment.work), default: 0] += to.timeIntervalSince(from) }
            }
            guard let top = seconds.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else { continue }
            drops.append(PainDrop(technique: top.key.technique, pressure: top.key.pressure, points: a.score - b.score))
        }
        return drops
    }
}

/// Technique and pressure, the part of region work a pain drop is credited to.
private struct RegionWorkKey: Hashable, Comparable {
    var technique: Technique
    var pressure: Pressure
    init(_ work: RegionWork) {
        technique = work.technique
        pressure = work.pressure
    }
    static func < (a: RegionWorkKey, b: RegionWorkKey) -> Bool {
        (a.technique.id, a.pressure.rawValue) < (b.technique.id, b.pressure.rawValue)
    }
}
