import Foundation

/// Identifies a session.
public struct SessionID: Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// A fresh random identifier.
    public static func make() -> SessionID { SessionID(UUID().uuidString.lowercased()) }
    public var description: String { rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer(); try c.encode(rawValue)
    }
}

/// The opening facts of a session.
public struct SessionStart: Hashable, Codable, Sendable {
    public var client: Client
    public var plannedMinutes: Int
    public init(client: Client, plannedMinutes: Int) {
        self.client = client
        self.plannedMinutes = plannedMinutes
    }
}

/// Work on one region: where, how and how firmly.
public struct RegionWork: Hashable, Codable, Sendable {
    public var region: Region
    public var technique: Technique
    public var pressure: Pressure
    /// In a command: the therapist confirmed the screening's warnings for this work.
    /// In an event: deep pressure was confirmed on a region with a deep-pressure caution.
    public var cautionConfirmed: Bool
    /// In an event: work on a region screening marked "avoid" was confirmed.
    public var avoidConfirmed: Bool
    public init(region: Region, technique: Technique, pressure: Pressure, cautionConfirmed: Bool = false,
                avoidConfirmed: Bool = false) {
        self.region = region
        self.technique = technique
        self.pressure = pressure
        self.cautionConfirmed = cautionConfirmed
        self.avoidConfirmed = avoidConfirmed
    }

    private enum CodingKeys: String, CodingKey { case region, technique, pressure, cautionConfirmed, avoidConfirmed }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        region = try c.decode(Region.self, forKey: .region)
        technique = try c.decode(Technique.self, forKey: .technique)
        pressure = try c.decode(Pressure.self, forKey: .pressure)
        cautionConfirmed = try c.decodeIfPresent(Bool.self, forKey: .cautionConfirmed) ?? false
        avoidConfirmed = try c.decodeIfPresent(Bool.self, forKey: .avoidConfirmed) ?? false
    }
}

/// Treatment despite a whole-body contraindication: the therapist's reason and what it overrides.
public struct ContraindicationOverride: Hashable, Codable, Sendable {
    public var reason: String
    /// The findings overridden, as their causes read when the override was made.
    public var causes: [String]
    public init(reason: String, causes: [String]) {
        self.reason = reason
        self.causes = causes
    }
}

/// A pain rating the client gave during treatment.
public struct PainCheckIn: Hashable, Codable, Sendable {
    public var score: PainScore
    /// The region the rating refers to, if any.
    public var region: Region?
    public init(score: PainScore, region: Region?) {
        self.score = score
        self.region = region
    }
}

/// Who signed a note, and the words and codes the note was signed with.
public struct Signature: Hashable, Codable, Sendable {
    public var by: String
    /// The technique names and billing codes of the session's techniques as they were at signing,
    /// so later changes to the vocabulary do not rewrite a signed note. Nil in signatures recorded
    /// before knead kept them: such notes show the built-in standard vocabulary.
    public var vocabulary: SignedVocabulary?
    public init(by: String, vocabulary: SignedVocabulary? = nil) {
        self.by = by
        self.vocabulary = vocabulary
    }
}

/// Technique names and billing codes, frozen in a signature. Keys are technique identifiers.
public struct SignedVocabulary: Hashable, Codable, Sendable {
    public var names: [String: String]
    public var codes: [String: String]
    public init(names: [String: String] = [:], codes: [String: String] = [:]) {
        self.names = names
        self.codes = codes
    }

    /// The names and codes a catalogue and a mapping give the techniques listed.
    public init(catalog: TechniqueCatalog, codes: BillingCodes, techniques: some Sequence<Technique>) {
        var names: [String: String] = [:], byID: [String: String] = [:]
        for technique in techniques {
            names[technique.id] = catalog.name(of: technique)
            if let code = codes.code(for: technique) { byID[technique.id] = code }
        }
        self.init(names: names, codes: byID)
    }

    /// The mapping of techniques to codes as signed.
    public var billingCodes: BillingCodes {
        BillingCodes(Dictionary(uniqueKeysWithValues: codes.map { (Technique($0.key), $0.value) }))
    }

    /// The name of a technique as signed; a technique the note did not name is shown as stored.
    public func name(of technique: Technique) -> String { names[technique.id] ?? technique.id }
}

/// A change to a signed note: the original stays, this is added beneath it.
public struct Amendment: Hashable, Codable, Sendable {
    public var by: String
    public var reason: String
    public var text: String
    public init(by: String, reason: String, text: String) {
        self.by = by
        self.reason = reason
        self.text = text
    }
}

/// What happened in a session. Events are facts: they are appended, never changed.
public enum SessionChange: Hashable, Sendable {
    case started(SessionStart)
    case assessed(Assessment)
    case treatmentBegan
    case workStarted(RegionWork)
    case workEnded(Region)
    case pressureChanged(Pressure, cautionConfirmed: Bool)
    case techniqueChanged(Technique)
    case checkedIn(PainCheckIn)
    case noted(String)
    case treatmentEnded
    case aftercareRecorded(Aftercare)
    case signed(Signature)
    case amended(Amendment)
    // Screening (client records and contraindications)
    /// The client's health history was reviewed at the start of the session, as it then stood.
    case historyReviewed(HealthHistory)
    case contraindicationOverridden(ContraindicationOverride)
    /// The therapist saw the red flags, by their causes, and will refer the client.
    case redFlagsAcknowledged([String])
    /// The session ended before treatment, to be rescheduled, with the reason.
    case rescheduled(String)
    /// Treatment went ahead without a contraindication screening today, for this reason.
    case screeningSkipped(String)
    /// Undo: the events at these positions of the session (0-based, counting every event) are
    /// void; the state is as if they had not happened. See `SessionState+Undo.swift`.
    case voided(positions: [Int])
    /// A stored entry that cannot be read back (its payload was damaged or edited by hand). The
    /// store gives it in its place so that the rest of the session still reads; it changes nothing.
    case unreadable(UnreadableEntry)
    // Care plan (referral, plan of care, outcome measures)
    /// An outcome measure (PSFS, PEG) the client rated in this session.
    case outcomeMeasured(OutcomeMeasure)
    /// The plan-of-care goal this session worked toward, by its key, with the goal's words as the
    /// plan read when it was named (so the note says what the goal was even after the plan changes;
    /// nil in entries written before the words were kept).
    case goalWorkedOn(String, words: String? = nil)

    /// The stable name of the kind of event, stored beside it.
    public var kind: String {
        switch self {
        case .started: "started"
        case .assessed: "assessed"
        case .treatmentBegan: "treatmentBegan"
        case .workStarted: "workStarted"
        case .workEnded: "workEnded"
        case .pressureChanged: "pressureChanged"
        case .techniqueChanged: "techniqueChanged"
        case .checkedIn: "checkedIn"
        case .noted: "noted"
        case .treatmentEnded: "treatmentEnded"
        case .aftercareRecorded: "aftercareRecorded"
        case .signed: "signed"
        case .amended: "amended"
        case .historyReviewed: "historyReviewed"
        case .contraindicationOverridden: "contraindicationOverridden"
        case .redFlagsAcknowledged: "redFlagsAcknowledged"
        case .rescheduled: "rescheduled"
        case .screeningSkipped: "screeningSkipped"
        case .voided: "voided"
        case .unreadable: "unreadable"
        case .outcomeMeasured: "outcomeMeasured"
        case .goalWorkedOn: "goalWorkedOn"
        }
    }
}

/// Where an entry that cannot be read sits in its session, and the kind it was stored as.
public struct UnreadableEntry: Hashable, Codable, Sendable {
    /// Its sequence number in the session (from 1).
    public var seq: Int
    /// The kind stored beside it, as text (it may itself be damaged).
    public var storedKind: String
    public init(seq: Int, storedKind: String) {
        self.seq = seq
        self.storedKind = storedKind
    }
}

/// One fact of a session with the moment it happened.
public struct SessionEvent: Hashable, Codable, Sendable {
    public var at: Date
    public var change: SessionChange
    public init(at: Date, _ change: SessionChange) {
        self.at = at
        self.change = change
    }
}

extension SessionChange: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, start, assessment, work, region, pressure, cautionConfirmed, technique, checkIn, text
        case aftercare, signature, amendment, history, override, causes, reason
        case positions, entry
        case outcome, goal, words
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "started": self = .started(try c.decode(SessionStart.self, forKey: .start))
        case "assessed": self = .assessed(try c.decode(Assessment.self, forKey: .assessment))
        case "treatmentBegan": self = .treatmentBegan
        case "workStarted": self = .workStarted(try c.decode(RegionWork.self, forKey: .work))
        case "workEnded": self = .workEnded(try c.decode(Region.self, forKey: .region))
        case "pressureChanged":
            self = .pressureChanged(try c.decode(Pressure.self, forKey: .pressure),
                                    cautionConfirmed: try c.decodeIfPresent(Bool.self, forKey: .cautionConfirmed) ?? false)
        case "techniqueChanged": self = .techniqueChanged(try c.decode(Technique.self, forKey: .technique))
        case "checkedIn": self = .checkedIn(try c.decode(PainCheckIn.self, forKey: .checkIn))
        case "noted": self = .noted(try c.decode(String.self, forKey: .text))
        case "treatmentEnded": self = .treatmentEnded
        case "aftercareRecorded": self = .aftercareRecorded(try c.decode(Aftercare.self, forKey: .aftercare))
        case "signed": self = .signed(try c.decode(Signature.self, forKey: .signature))
        case "amended": self = .amended(try c.decode(Amendment.self, forKey: .amendment))
        case "historyReviewed": self = .historyReviewed(try c.decode(HealthHistory.self, forKey: .history))
        case "contraindicationOverridden":
            self = .contraindicationOverridden(try c.decode(ContraindicationOverride.self, forKey: .override))
        case "redFlagsAcknowledged": self = .redFlagsAcknowledged(try c.decode([String].self, forKey: .causes))
        case "rescheduled": self = .rescheduled(try c.decode(String.self, forKey: .reason))
        case "screeningSkipped": self = .screeningSkipped(try c.decode(String.self, forKey: .reason))
        case "voided": self = .voided(positions: try c.decode([Int].self, forKey: .positions))
        case "unreadable": self = .unreadable(try c.decode(UnreadableEntry.self, forKey: .entry))
        case "outcomeMeasured": self = .outcomeMeasured(try c.decode(OutcomeMeasure.self, forKey: .outcome))
        case "goalWorkedOn":
            self = .goalWorkedOn(try c.decode(String.self, forKey: .goal), words: try c.decodeIfPresent(String.self, forKey: .words))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c,
                                                   debugDescription: "Unknown event type '\(type)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .type)
        switch self {
        case .started(let start): try c.encode(start, forKey: .start)
        case .assessed(let assessment): try c.encode(assessment, forKey: .assessment)
        case .treatmentBegan, .treatmentEnded: break
        case .workStarted(let work): try c.encode(work, forKey: .work)
        case .workEnded(let region): try c.encode(region, forKey: .region)
        case .pressureChanged(let pressure, let confirmed):
            try c.encode(pressure, forKey: .pressure)
            try c.encode(confirmed, forKey: .cautionConfirmed)
        case .techniqueChanged(let technique): try c.encode(technique, forKey: .technique)
        case .checkedIn(let checkIn): try c.encode(checkIn, forKey: .checkIn)
        case .noted(let text): try c.encode(text, forKey: .text)
        case .aftercareRecorded(let aftercare): try c.encode(aftercare, forKey: .aftercare)
        case .signed(let signature): try c.encode(signature, forKey: .signature)
        case .amended(let amendment): try c.encode(amendment, forKey: .amendment)
        case .historyReviewed(let history): try c.encode(history, forKey: .history)
        case .contraindicationOverridden(let override): try c.encode(override, forKey: .override)
        case .redFlagsAcknowledged(let causes): try c.encode(causes, forKey: .causes)
        case .rescheduled(let reason), .screeningSkipped(let reason): try c.encode(reason, forKey: .reason)
        case .voided(let positions): try c.encode(positions, forKey: .positions)
        case .unreadable(let entry): try c.encode(entry, forKey: .entry)
        case .outcomeMeasured(let measure): try c.encode(measure, forKey: .outcome)
        case .goalWorkedOn(let goal, let words):
            try c.encode(goal, forKey: .goal)
            try c.encodeIfPresent(words, forKey: .words)
        }
    }
}
