import Foundation

/// A FHIR R4 Bundle (type `collection`) of a session or of a progress report: the hand-off to a
/// physician's record. The mapping is documented in docs/fhir.md.
///
/// Ids are derived from knead's own ids, so exporting twice gives the same bundle; every entry's
/// `fullUrl` is `urn:uuid:` + its id and every reference points at one of them.
public struct FHIRBundle: Sendable {
    public private(set) var entries: [JSONValue] = []
    private var ids: Set<String> = []
    public let timestamp: Date

    init(timestamp: Date) { self.timestamp = timestamp }

    /// LOINC 72514-3, the NRS-11 pain score as FHIR expects it.
    public static let painCode: JSONValue = ["coding": [["system": "http://loinc.org", "code": "72514-3",
                                                          "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"]]]
    public static let icd10System = "http://hl7.org/fhir/sid/icd-10-cm"
    public static let snomedSystem = "http://snomed.info/sct"

    // MARK: Building

    /// The bundle of one session: the client, the therapist, the visit, the work, the scores,
    /// the note, and the client's referral and plan of care when there are.
    public static func session(_ state: SessionState, record: ClientRecord?, referral: Referral?, plan: PlanOfCare?,
                               composer: NoteComposer, now: Date) -> FHIRBundle {
        var bundle = FHIRBundle(timestamp: state.signature?.at ?? state.startedAt ?? now)
        let client = record ?? state.client.map { ClientRecord(client: $0) } ?? ClientRecord(client: Client(id: ClientID("unknown"), name: "Unknown"))
        let patient = bundle.addPatient(client)
        let therapist = bundle.addPractitioner(name: state.signature?.value.by ?? "Therapist (note not signed)")
        let care = bundle.addCarePlan(referral: referral, plan: plan, patient: patient, today: CalendarDate(now, in: composer.timeZone))
        bundle.addVisit(state, patient: patient, therapist: therapist, serviceRequest: care.serviceRequest, composer: composer, now: now)
        return bundle
    }

    /// The bundle of a progress report: every visit of the period as in a session bundle, the
    /// referral, the plan and its goals, and the report itself as a Composition.
    public static func report(_ report: ProgressReport, now: Date? = nil) -> FHIRBundle {
        let moment = report.visits.last?.signature?.at ?? report.visits.last?.startedAt ?? Date(timeIntervalSinceReferenceDate: 0)
        var bundle = FHIRBundle(timestamp: moment)
        let patient = bundle.addPatient(report.record)
        let therapistName = report.visits.last?.signature?.value.by ?? "Therapist"
        let therapist = bundle.addPractitioner(name: therapistName)
        let care = bundle.addCarePlan(referral: report.referral, plan: report.plan, patient: patient, today: report.today)
        let composer = NoteComposer(catalog: report.catalog, timeZone: report.zone)
        for visit in report.sessions where visit.phase == .signed {
            bundle.addVisit(visit, patient: patient, therapist: therapist, serviceRequest: care.serviceRequest,
                            composer: composer, now: visit.treatmentEndedAt ?? moment)
        }
        let id = stableID("Composition", "report", report.record.id.rawValue, "\(report.since.map { "\($0)" } ?? "all")", "\(report.today)")
        var sections: [JSONValue] = []
        for section in report.sections {
            var lines = section.lines
            if let header = section.table.first {
                lines += section.table.dropFirst().map { row in zip(header, row).map { "\($0): \($1)" }.joined(separator: "; ") }
            }
            sections.append(["title": .string(section.title), "text": narrative(lines)])
        }
        var composition: [String: JSONValue] = [
            "resourceType": "Composition", "id": .string(id), "status": "final",
            "type": ["coding": [["system": "http://loinc.org", "code": "11506-3", "display": "Progress note"]], "text": "Progress report"],
            "subject": reference(patient), "date": .string(fhirDateTime(moment)), "author": [reference(therapist)],
            "title": .string(report.title), "section": .array(sections),
        ]
        if let condition = care.condition { composition["event"] = [["detail": [reference(condition)]]] }
        bundle.add(.object(composition))
        return bundle
    }

    // MARK: Resources

    private mutating func add(_ resource: JSONValue) {
        guard case .string(let id) = resource["id"] ?? "", !ids.contains(id) else { return }
        ids.insert(id)
        entries.append(["fullUrl": .string("urn:uuid:" + id), "resource": resource])
    }

    private mutating func addPatient(_ record: ClientRecord) -> String {
        let id = Self.stableID("Patient", record.id.rawValue)
        var patient: [String: JSONValue] = ["resourceType": "Patient", "id": .string(id), "name": [["text": .string(lineSafe(record.client.name))]]]
        if let born = record.dateOfBirth { patient["birthDate"] = .string("\(born)") }
        if !record.phone.isBlank { patient["telecom"] = [["system": "phone", "value": .string(lineSafe(record.phone))]] }
        add(.object(patient))
        return id
    }

    private mutating func addPractitioner(name: String) -> String {
        let id = Self.stableID("Practitioner", name.trimmed)
        add(["resourceType": "Practitioner", "id": .string(id), "name": [["text": .string(lineSafe(name))]]])
        return id
    }

    private mutating func addCarePlan(referral: Referral?, plan: PlanOfCare?, patient: String,
                                      today: CalendarDate) -> (condition: String?, serviceRequest: String?) {
        var condition: String?
        var request: String?
        if let referral {
            let key = [patient, "\(referral.date)", referral.diagnosis.code.rawValue]
            let conditionID = Self.stableID(["Condition"] + key)
            add(["resourceType": "Condition", "id": .string(conditionID),
                 "code": ["coding": [["system": .string(Self.icd10System), "code": .string(referral.diagnosis.code.rawValue),
                                      "display": .string(lineSafe(referral.diagnosis.text))]],
                          "text": .string(lineSafe(referral.diagnosis.text))],
                 "subject": Self.reference(patient), "recordedDate": .string("\(referral.date)")])
            condition = conditionID
            let requester = addPractitioner(name: referral.clinician.name)
            let requestID = Self.stableID(["ServiceRequest"] + key)
            var occurrence: [String: JSONValue] = ["start": .string("\(referral.date)")]
            if let expires = referral.expires { occurrence["end"] = .string("\(expires)") }
            var notes: [JSONValue] = [["text": .string("Ordered: \(referral.visits) visits" + (referral.frequency.isBlank ? "" : ", \(lineSafe(referral.frequency))"))]]
            if !referral.notes.isBlank { notes.append(["text": .string(lineSafe(referral.notes))]) }
            let active = referral.expires.map { today <= $0 } ?? true
            add(["resourceType": "ServiceRequest", "id": .string(requestID), "status": .string(active ? "active" : "completed"),
                 "intent": "order", "code": ["text": "Massage therapy"], "subject": Self.reference(patient),
                 "requester": Self.reference(requester), "reasonReference": [Self.reference(conditionID)],
                 "authoredOn": .string("\(referral.date)"), "occurrencePeriod": .object(occurrence),
                 "quantityQuantity": ["value": .number(Double(referral.visits)), "unit": "visits"],
                 "note": .array(notes)])
            request = requestID
        }
        if let plan {
            var goalRefs: [JSONValue] = []
            for goal in plan.goals {
                let goalID = Self.stableID("Goal", patient, "\(plan.start)", goal.id)
                let achievement = goal.met != nil ? "achieved" : goal.target < today ? "not-achieved" : "in-progress"
                var resource: [String: JSONValue] = [
                    "resourceType": "Goal", "id": .string(goalID), "lifecycleStatus": .string(goal.met != nil ? "completed" : "active"),
                    "achievementStatus": ["coding": [["system": "http://terminology.hl7.org/CodeSystem/goal-achievement",
                                                      "code": .string(achievement)]]],
                    "description": ["text": .string(lineSafe(goal.text))], "subject": Self.reference(patient),
                    "target": [["dueDate": .string("\(goal.target)")]],
                ]
                if let met = goal.met { resource["statusDate"] = .string("\(met)") }
                add(.object(resource))
                goalRefs.append(Self.reference(goalID))
            }
            let planID = Self.stableID("CarePlan", patient, "\(plan.start)")
            var resource: [String: JSONValue] = [
                "resourceType": "CarePlan", "id": .string(planID), "status": "active", "intent": "plan",
                "title": "Massage therapy plan of care", "subject": Self.reference(patient),
                "description": .string("\(lineSafe(plan.frequency)) for \(plan.durationWeeks) weeks; re-assessment \(plan.reassessment)."),
                "period": ["start": .string("\(plan.start)"), "end": .string("\(plan.start.adding(days: plan.durationWeeks * 7))")],
                "goal": .array(goalRefs),
            ]
            if let condition { resource["addresses"] = [Self.reference(condition)] }
            add(.object(resource))
        }
        return (condition, request)
    }

    private mutating func addVisit(_ state: SessionState, patient: String, therapist: String, serviceRequest: String?,
                                   composer: NoteComposer, now: Date) {
        let session = state.id.rawValue
        let encounterID = Self.stableID("Encounter", session)
        var period: [String: JSONValue] = [:]
        if let start = state.startedAt { period["start"] = .string(Self.fhirDateTime(start)) }
        if let end = state.treatmentEndedAt { period["end"] = .string(Self.fhirDateTime(end)) }
        var encounter: [String: JSONValue] = [
            "resourceType": "Encounter", "id": .string(encounterID),
            "status": .string(state.rescheduled != nil ? "cancelled" : state.phase == .signed ? "finished" : "in-progress"),
            "class": ["system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB", "display": "ambulatory"],
            "type": [["text": "Massage therapy visit"]],
            "subject": Self.reference(patient), "participant": [["individual": Self.reference(therapist)]],
            "period": .object(period),
        ]
        if let serviceRequest { encounter["basedOn"] = [Self.reference(serviceRequest)] }
        add(.object(encounter))
        let encounterRef = Self.reference(encounterID)

        // A Procedure per region worked: its first start to its last end, the techniques in words.
        for region in state.workedRegions {
            let segments = state.segments.filter { $0.work.region == region }
            guard let first = segments.first else { continue }
            let end = segments.compactMap(\.to).max() ?? now
            var techniques: [String] = []
            for s in segments where !techniques.contains(composer.catalog.name(of: s.work.technique)) {
                techniques.append(composer.catalog.name(of: s.work.technique))
            }
            add(["resourceType": "Procedure", "id": .string(Self.stableID("Procedure", session, region.id)),
                 "status": .string(state.phase == .signed ? "completed" : "in-progress"),
                 "code": ["text": .string("Massage therapy: " + techniques.map(lineSafe).joined(separator: ", "))],
                 "subject": Self.reference(patient), "encounter": encounterRef,
                 "performedPeriod": ["start": .string(Self.fhirDateTime(first.from)), "end": .string(Self.fhirDateTime(end))],
                 "performer": [["actor": Self.reference(therapist)]],
                 "bodySite": [Self.bodySite(region)]])
        }

        // Pain: at intake per region, each check-in, after treatment.
        var pain: [(key: String, at: Date, score: Int, region: Region?, note: String)] = []
        if let assessment = state.assessment, let at = state.startedAt {
            for (i, p) in assessment.painfulRegions.enumerated() {
                pain.append(("intake-\(i)", at, p.score.value, p.region, "Before treatment"))
            }
        }
        for (i, c) in state.checkIns.enumerated() {
            pain.append(("checkin-\(i)", c.at, c.value.score.value, c.value.region, "During treatment"))
        }
        if let post = state.aftercare?.postPain, let at = state.treatmentEndedAt {
            pain.append(("post", at, post.value, nil, "After treatment"))
        }
        for p in pain {
            var observation: [String: JSONValue] = [
                "resourceType": "Observation", "id": .string(Self.stableID("Observation", session, p.key)),
                "status": "final", "category": [Self.surveyCategory], "code": Self.painCode,
                "subject": Self.reference(patient), "encounter": encounterRef,
                "effectiveDateTime": .string(Self.fhirDateTime(p.at)),
                "valueQuantity": Self.score(Double(p.score)), "note": [["text": .string(p.note)]],
            ]
            if let region = p.region { observation["bodySite"] = Self.bodySite(region) }
            add(.object(observation))
        }

        // PSFS and PEG: the mean as the value, each item a component.
        for (i, outcome) in state.outcomes.enumerated() {
            let components: [JSONValue]
            let name: String
            switch outcome.value {
            case .psfs(let rating):
                name = "Patient-Specific Functional Scale (PSFS), mean of activities"
                components = rating.activities.map { ["code": ["text": .string("PSFS: " + lineSafe($0.activity))],
                                                      "valueQuantity": Self.score(Double($0.score))] }
            case .peg(let rating):
                name = "PEG scale (pain, enjoyment of life, general activity), mean"
                components = [("PEG: average pain", rating.pain), ("PEG: interference with enjoyment of life", rating.enjoyment),
                              ("PEG: interference with general activity", rating.generalActivity)]
                    .map { ["code": ["text": .string($0.0)], "valueQuantity": Self.score(Double($0.1))] }
            }
            add(["resourceType": "Observation", "id": .string(Self.stableID("Observation", session, "outcome-\(i)")),
                 "status": "final", "category": [Self.surveyCategory], "code": ["text": .string(name)],
                 "subject": Self.reference(patient), "encounter": encounterRef,
                 "effectiveDateTime": .string(Self.fhirDateTime(outcome.at)),
                 "valueQuantity": Self.score((outcome.value.mean * 100).rounded() / 100), "component": .array(components)])
        }

        // The note as a Composition, its S/O/A/P sections as narrative.
        let note = composer.compose(state, now: now)
        let sections: [JSONValue] = [("Subjective", note.subjective), ("Objective", note.objective),
                                     ("Assessment", note.assessment), ("Plan", note.plan)]
            .map { ["title": .string($0.0), "text": Self.narrative($0.1.isEmpty ? ["Nothing recorded."] : $0.1)] }
        add(["resourceType": "Composition", "id": .string(Self.stableID("Composition", session)),
             "status": .string(state.phase == .signed ? "final" : "preliminary"),
             "type": ["coding": [["system": "http://loinc.org", "code": "11506-3", "display": "Progress note"]], "text": "Massage therapy note"],
             "subject": Self.reference(patient), "encounter": encounterRef,
             "date": .string(Self.fhirDateTime(state.signature?.at ?? state.startedAt ?? now)),
             "author": [Self.reference(therapist)], "title": .string(lineSafe(note.title)), "section": .array(sections)])
    }

    // MARK: Pieces

    static let surveyCategory: JSONValue = ["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                                        "code": "survey", "display": "Survey"]]]

    static func score(_ value: Double) -> JSONValue {
        ["value": .number(value), "unit": "{score}", "system": "http://unitsofmeasure.org", "code": "{score}"]
    }

    static func reference(_ id: String) -> JSONValue { ["reference": .string("urn:uuid:" + id)] }

    /// A body site: SNOMED CT where ``FHIRBodySites`` has a code it is certain of, always the words.
    static func bodySite(_ region: Region) -> JSONValue {
        guard let code = FHIRBodySites.snomed[region.area] else { return ["text": .string(region.name)] }
        return ["coding": [["system": .string(snomedSystem), "code": .string(code.code), "display": .string(code.display)]],
                "text": .string(region.name)]
    }

    /// Lines as XHTML narrative, escaped.
    static func narrative(_ lines: [String]) -> JSONValue {
        let body = lines.map { "<p>" + xhtmlEscaped(lineSafe($0)) + "</p>" }.joined()
        return ["status": "generated", "div": .string("<div xmlns=\"http://www.w3.org/1999/xhtml\">\(body)</div>")]
    }

    static func xhtmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\\|", with: "|")
    }

    static func fhirDateTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// A UUID-shaped id derived from the parts (two FNV-1a 64-bit hashes): the same parts always
    /// give the same id, and it is a valid FHIR id and `urn:uuid`.
    static func stableID(_ parts: String...) -> String { stableID(parts) }

    static func stableID(_ parts: [String]) -> String {
        let bytes = Array(parts.joined(separator: "\u{1F}").utf8)
        func fnv(_ seed: UInt64) -> UInt64 {
            var hash = seed
            for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01B3 }
            return hash
        }
        var high = fnv(0xCBF2_9CE4_8422_2325), low = fnv(0x84222325_CBF29CE4)
        high = (high & ~0xF000) | 0x8000  // version 8 (custom)
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // RFC 4122 variant
        let hex = String(format: "%016llx%016llx", high, low)
        let c = Array(hex)
        return [String(c[0..<8]), String(c[8..<12]), String(c[12..<16]), String(c[16..<20]), String(c[20..<32])].joined(separator: "-")
    }

    // MARK: Output

    /// The bundle as JSON: sorted keys, indented, the same bytes for the same records.
    public func json() throws -> String {
        let bundle: JSONValue = ["resourceType": "Bundle", "id": .string(Self.stableID(["Bundle"] + ids.sorted())),
                                 "type": "collection", "timestamp": .string(Self.fhirDateTime(timestamp)),
                                 "entry": .array(entries)]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(bundle), as: UTF8.self) + "\n"
    }
}
