import Foundation
import Testing
import KneadCore

@Suite("Coding: events as JSON")
struct CodingTests {
    /// One of every kind of change. `kindIsCovered` fails to compile when a new case is added.
    static let everyChange: [SessionChange] = [
        .started(SessionStart(client: Fixture.client, plannedMinutes: 60)),
        .started(SessionStart(client: Client(id: ClientID("c-2"), name: "김민지"), plannedMinutes: 5)),
        .assessed(Fixture.assessment),
        .assessed(Assessment()),
        .treatmentBegan,
        .workStarted(Fixture.work(Fixture.leftCalf, Fixture.triggerPoint, .deepest, confirmed: true)),
        .workStarted(Fixture.work(Fixture.lumbarSpine, Technique("custom-technique"), .still)),
        .workEnded(Fixture.rightShoulder),
        .workEnded(Fixture.cervicalSpine),
        .pressureChanged(.deep, cautionConfirmed: true),
        .pressureChanged(.light, cautionConfirmed: false),
        .techniqueChanged(Fixture.petrissage),
        .checkedIn(PainCheckIn(score: Fixture.score(0), region: nil)),
        .checkedIn(PainCheckIn(score: Fixture.score(10), region: Fixture.leftShoulder)),
        .noted("Tender at \"L4\" — client flinched 😬\nsecond line"),
        .treatmentEnded,
        .aftercareRecorded(Fixture.aftercare),
        .aftercareRecorded(Aftercare()),
        .signed(Signature(by: "Dana Kim, LMT")),
        .signed(Signature(by: "Dana Kim, LMT", vocabulary: SignedVocabulary(names: ["effleurage": "gliding strokes"],
                                                                           codes: ["effleurage": "97124"]))),
        .amended(Amendment(by: "Dana Kim", reason: "typo", text: "left, not right")),
        .historyReviewed(HealthHistory(medications: "Warfarin")),
        .contraindicationOverridden(ContraindicationOverride(reason: "Cleared", causes: ["Significant fever: yes"])),
        .redFlagsAcknowledged(["Major trauma: yes"]),
        .rescheduled("Flu"),
        .voided(positions: [4, 5]),
        .unreadable(UnreadableEntry(seq: 7, storedKind: "amended")),
        .screeningSkipped("Client arrived late; asked verbally, no changes"),
        .outcomeMeasured(.psfs(PSFSRating(activities: [PSFSActivity(activity: "Sit through a film", score: 3)]))),
        .outcomeMeasured(.peg(PEGRating(pain: 6, enjoyment: 4, generalActivity: 5))),
        .goalWorkedOn("sit-workday"),
        .goalWorkedOn("drive-2h", words: "Drive two hours without stopping"),
    ]

    static func kindIsCovered(_ change: SessionChange) -> Int {
        switch change {
        case .started: 0
        case .assessed: 1
        case .treatmentBegan: 2
        case .workStarted: 3
        case .workEnded: 4
        case .pressureChanged: 5
        case .techniqueChanged: 6
        case .checkedIn: 7
        case .noted: 8
        case .treatmentEnded: 9
        case .aftercareRecorded: 10
        case .signed: 11
        case .amended: 12
        case .historyReviewed: 13
        case .contraindicationOverridden: 14
        case .redFlagsAcknowledged: 15
        case .rescheduled: 16
        case .voided: 17
        case .unreadable: 18
        case .screeningSkipped: 19
        case .outcomeMeasured: 20
        case .goalWorkedOn: 21
        }
    }

    @Test func sampleCoversEveryKind() {
        #expect(Set(Self.everyChange.map(Self.kindIsCovered)) == Set(0...21))
        #expect(Set(Self.everyChange.map(\.kind)).count == 22)
    }

    @Test(arguments: everyChange)
    func roundTrip(change: SessionChange) throws {
        let event = SessionEvent(at: Fixture.at(1234.5), change)
        let data = try JSONEncoder().encode(event)
        let decoded = try JSONDecoder().decode(SessionEvent.self, from: data)
        #expect(decoded == event)

        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(change)) as? [String: Any]
        #expect(object?["type"] as? String == change.kind)
    }

    @Test func wholeSessionRoundTrips() throws {
        let session = try Session.signed()
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let events = try decoder.decode([SessionEvent].self, from: encoder.encode(session.state.events))
        #expect(events == session.state.events)
        #expect(SessionState(id: Fixture.sessionID, replaying: events) == session.state)
    }

    @Test func regionsAreStoredByStableID() throws {
        let json = try String(decoding: JSONEncoder().encode(SessionChange.workEnded(Fixture.leftShoulder)), as: UTF8.self)
        #expect(json.contains("\"shoulder.left\""))
        let spine = try String(decoding: JSONEncoder().encode(Fixture.lumbarSpine), as: UTF8.self)
        #expect(spine == "\"lumbarSpine\"")
    }

    @Test func pressureChangeWithoutConfirmationFieldDecodesUnconfirmed() throws {
        let json = #"{"type":"pressureChanged","pressure":4}"#
        let change = try JSONDecoder().decode(SessionChange.self, from: Data(json.utf8))
        #expect(change == .pressureChanged(.deep, cautionConfirmed: false))
    }

    static let invalidChanges: [String] = [
        #"{"type":"massaged"}"#,
        #"{"type":""}"#,
        #"{"region":"shoulder.left"}"#,
        #"{"type":"checkedIn","checkIn":{"score":11}}"#,
        #"{"type":"checkedIn","checkIn":{"score":-1,"region":"neck.left"}}"#,
        #"{"type":"assessed","assessment":{"chiefComplaint":"","painfulRegions":[{"region":"neck.left","score":12}],"conditions":"","medications":"","contraindications":"","cautionRegions":[],"goals":"","pressurePreference":3,"consent":true}}"#,
        #"{"type":"aftercareRecorded","aftercare":{"postPain":99,"advice":[],"homeCare":"","plan":""}}"#,
        #"{"type":"workEnded","region":"elbow.left"}"#,
        #"{"type":"workEnded","region":"shoulder"}"#,
        #"{"type":"workEnded","region":"shoulder.midline"}"#,
        #"{"type":"workEnded","region":"lumbarSpine.left"}"#,
        #"{"type":"workEnded","region":"shoulder.left.extra"}"#,
        #"{"type":"checkedIn","checkIn":{"score":3,"region":"Shoulder.Left"}}"#,
        #"{"type":"pressureChanged","pressure":6}"#,
        #"{"type":"workStarted","work":{"region":"knee.right","technique":"effleurage","pressure":-1,"cautionConfirmed":false}}"#,
        #"{"type":"workEnded"}"#,
    ]

    @Test(arguments: invalidChanges)
    func invalidEventsDoNotDecode(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SessionChange.self, from: Data(json.utf8))
        }
    }

    @Test func unknownTypeInsideAnEventThrows() {
        let json = #"{"at":0,"change":{"type":"teleported"}}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SessionEvent.self, from: Data(json.utf8))
        }
    }

    @Test func valueTypesRoundTripAsPlainValues() throws {
        for value in 0...10 {
            let score = Fixture.score(value)
            #expect(String(decoding: try JSONEncoder().encode(score), as: UTF8.self) == "\(value)")
            #expect(try JSONDecoder().decode(PainScore.self, from: JSONEncoder().encode(score)) == score)
        }
        for region in Region.all {
            #expect(try JSONDecoder().decode(Region.self, from: JSONEncoder().encode(region)) == region)
        }
        let ids = try JSONDecoder().decode([SessionID].self, from: Data(#"["s-1"]"#.utf8))
        #expect(ids == [SessionID("s-1")])
    }
}

@Suite("Coding: screening events and older payloads")
struct ScreeningCodingTests {
    @Test(arguments: [
        SessionChange.historyReviewed(HealthHistory(conditions: "Osteoporosis", surgeriesAndInjuries: [
            DatedEntry("Wrist fracture", date: CalendarDate(year: 2021, month: 2, day: 11))], pregnancy: .no)),
        .contraindicationOverridden(ContraindicationOverride(reason: "Cleared", causes: ["Significant fever: yes"])),
        .redFlagsAcknowledged(["Saddle anaesthesia: yes"]),
        .rescheduled("Flu"),
        .workStarted(RegionWork(region: Region(.calf, .left)!, technique: Technique("effleurage"), pressure: .deep,
                                cautionConfirmed: true, avoidConfirmed: true)),
    ])
    func roundTrips(change: SessionChange) throws {
        let data = try JSONEncoder().encode(change)
        #expect(try JSONDecoder().decode(SessionChange.self, from: data) == change)
    }

    @Test func anAssessmentStoredBeforeScreeningStillReads() throws {
        let old = #"""
        {"type":"assessed","assessment":{"chiefComplaint":"Neck","painfulRegions":[],"conditions":"","medications":"",
        "contraindications":"None","cautionRegions":[],"goals":"","pressurePreference":3,"consent":true}}
        """#
        let change = try JSONDecoder().decode(SessionChange.self, from: Data(old.utf8))
        guard case .assessed(let a) = change else { Issue.record("not an assessment"); return }
        #expect(a.screening == Screening())
        #expect(a.onset == "" && a.avoidRegions.isEmpty && a.consent)
    }

    @Test func workStoredBeforeAvoidConfirmationStillReads() throws {
        let old = #"{"region":"calf.left","technique":"effleurage","pressure":2,"cautionConfirmed":false}"#
        let work = try JSONDecoder().decode(RegionWork.self, from: Data(old.utf8))
        #expect(!work.avoidConfirmed)
    }
}
