/// What a therapist asks the session to do. The decider turns a command into events or a rejection.
public enum SessionCommand: Hashable, Sendable {
    case start(client: Client, plannedMinutes: Int)
    case recordAssessment(Assessment)
    case beginTreatment
    /// Starts work on a region; any work going on elsewhere ends first.
    case startWork(RegionWork)
    case endWork
    case changePressure(Pressure, confirmed: Bool)
    case changeTechnique(Technique)
    /// A pain rating; with no region it refers to the region being worked, if any.
    case checkIn(score: Int, region: Region?)
    case note(String)
    case endTreatment
    case recordAftercare(Aftercare)
    /// Signs the note with the names and codes of its techniques as the practice has them now
    /// (`SignedVocabulary(catalog:codes:techniques:)`; the standard vocabulary when nil).
    case sign(by: String, vocabulary: SignedVocabulary? = nil)
    case amend(Amendment)
    // Screening
    /// Confirms the client's health history for this session, as reviewed or updated.
    case reviewHistory(HealthHistory)
    /// Lets treatment begin despite a whole-body contraindication, for a stated reason.
    case overrideContraindication(reason: String)
    case acknowledgeRedFlags
    /// Ends the session before treatment, to be rescheduled, and signs that record.
    case reschedule(reason: String, by: String)
    /// Undoes the last treatment action that is not yet undone (see `SessionState+Undo.swift`).
    case undo
    /// Goes on to treatment without a screening today, for a reason the note and the review show.
    case skipScreening(reason: String)
    // Care plan
    /// Records an outcome measure (PSFS, PEG) the client rated, before the note is signed.
    case recordOutcome(OutcomeMeasure)
    /// Names the plan-of-care goal this session works toward, by its key, with the goal's words
    /// as the plan reads them (the note prints the words).
    case workTowardGoal(String, words: String? = nil)

    /// Names `goal` as the one this session works toward, its words as the plan reads them.
    public static func workToward(_ goal: CareGoal) -> SessionCommand { .workTowardGoal(goal.id, words: goal.text) }
}

/// Why a command was refused, in words a therapist understands. A rejection changes nothing.
public struct Rejection: Error, Hashable, Sendable, CustomStringConvertible {
    public let reason: String
    /// True when the same command, confirmed by the therapist, would be accepted.
    public let needsConfirmation: Bool

    public init(_ reason: String, needsConfirmation: Bool = false) {
        self.reason = reason
        self.needsConfirmation = needsConfirmation
    }

    public var description: String { reason }
}
