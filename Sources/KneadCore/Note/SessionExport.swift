import Foundation

/// A session as the JSON export holds it: the facts, the composed note and the billing units.
///
/// The shape is stable and documented in docs/export-json.md. `schemaVersion` changes only when a
/// field is renamed, removed or changes meaning; new fields may appear within a version.
public struct SessionExport: Hashable, Codable, Sendable {
    /// The version of this shape.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var session: SessionFacts
    public var client: ClientFacts
    /// The assessment as recorded (regions by id, pain 0–10, pressure 0–5), or nil before one.
    public var assessment: Assessment?
    public var work: [WorkFacts]
    public var checkIns: [CheckInFacts]
    public var findings: [FindingFacts]
    public var aftercare: Aftercare?
    public var billing: BillingFacts
    public var note: NoteFacts
    public var signature: SignatureFacts?
    public var amendments: [AmendmentFacts]
    /// Sequence numbers of stored entries that could not be read (left out of everything above).
    public var unreadableEntries: [Int]?
    /// The journal's fingerprint of the session when it was exported (the chain hash of its last
    /// entry), so a copy can be checked with `knead verify --fingerprint`; set by the store's caller.
    public var fingerprint: String?

    public struct SessionFacts: Hashable, Codable, Sendable {
        public var id: String
        public var phase: Phase
        public var startedAt: Date?
        public var plannedMinutes: Int
        public var treatmentBeganAt: Date?
        public var treatmentEndedAt: Date?
    }

    public struct ClientFacts: Hashable, Codable, Sendable {
        public var id: String
        public var name: String
        public var preferredName: String?
    }

    /// One stretch of work with one region, technique and pressure.
    public struct WorkFacts: Hashable, Codable, Sendable {
        public var region: Region
        public var regionName: String
        public var technique: Technique
        public var techniqueName: String
        public var billingCode: String?
        public var pressure: Pressure
        public var cautionConfirmed: Bool
        public var from: Date
        /// Nil while the work goes on.
        public var to: Date?
        public var seconds: Double
    }

    public struct CheckInFacts: Hashable, Codable, Sendable {
        public var at: Date
        public var score: PainScore
        public var region: Region?
    }

    public struct FindingFacts: Hashable, Codable, Sendable {
        public var at: Date
        public var text: String
    }

    public struct BillingFacts: Hashable, Codable, Sendable {
        public var rule: String
        public var codes: [BilledCode]
        public var totalMinutes: Int
        public var totalUnits: Int
        public var unbilledTechniques: [Technique]
    }

    /// The note's text, section by section, as the preview shows it.
    public struct NoteFacts: Hashable, Codable, Sendable {
        public var title: String
        public var subjective: [String]
        public var objective: [String]
        public var assessment: [String]
        public var plan: [String]
        public var billing: [String]
    }

    public struct SignatureFacts: Hashable, Codable, Sendable {
        public var by: String
        public var at: Date
    }

    public struct AmendmentFacts: Hashable, Codable, Sendable {
        public var by: String
        public var at: Date
        public var reason: String
        public var text: String
    }

    /// The export of a session as it stands at `now`.
    public init(_ state: SessionState, now: Date, composer: NoteComposer) {
        let note = composer.compose(state, now: now)
        schemaVersion = Self.currentSchemaVersion
        session = SessionFacts(id: state.id.rawValue, phase: state.phase, startedAt: state.startedAt,
                               plannedMinutes: state.plannedMinutes, treatmentBeganAt: state.treatmentBeganAt,
                               treatmentEndedAt: state.treatmentEndedAt)
        client = ClientFacts(id: state.client?.id.rawValue ?? "", name: state.client?.name ?? "",
                             preferredName: state.client?.preferredName)
        assessment = state.assessment
        work = state.segments.map { segment in
            WorkFacts(region: segment.work.region, regionName: segment.work.region.name, technique: segment.work.technique,
                      techniqueName: composer.catalog.name(of: segment.work.technique),
                      billingCode: composer.billingCodes.code(for: segment.work.technique), pressure: segment.work.pressure,
                      cautionConfirmed: segment.work.cautionConfirmed, from: segment.from, to: segment.to,
                      seconds: segment.seconds(upTo: now))
        }
        checkIns = state.checkIns.map { CheckInFacts(at: $0.at, score: $0.value.score, region: $0.value.region) }
        findings = state.notes.map { FindingFacts(at: $0.at, text: $0.value) }
        aftercare = state.aftercare
        billing = BillingFacts(rule: "8-minute rule, 15-minute timed units", codes: note.billing.codes,
                               totalMinutes: note.billing.totalMinutes, totalUnits: note.billing.totalUnits,
                               unbilledTechniques: note.billing.unbilledTechniques)
        self.note = NoteFacts(title: note.title, subjective: note.subjective, objective: note.objective,
                              assessment: note.assessment, plan: note.plan, billing: note.billingLines)
        signature = state.signature.map { SignatureFacts(by: $0.value.by, at: $0.at) }
        amendments = state.amendments.map { AmendmentFacts(by: $0.value.by, at: $0.at, reason: $0.value.reason, text: $0.value.text) }
        unreadableEntries = state.unreadableEntries.isEmpty ? nil : state.unreadableEntries
    }

    /// The export as JSON: sorted keys, indented, dates in ISO 8601 (UTC). C1 controls, bidi
    /// overrides and isolates are written as `\u` escapes (``SafeText/json(_:)``), so printing the
    /// JSON to a terminal cannot drive it.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return SafeText.json(String(decoding: try encoder.encode(self), as: UTF8.self)) + "\n"
    }

    /// Reads an export back from its JSON.
    public static func decode(json: Data) throws -> SessionExport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(SessionExport.self, from: json)
    }
}
