import Foundation

/// Realistic sample clients and a day with a session in treatment, so tests and `knead-bench` have
/// recorded sessions to look at; `knead demo` opens on the larger ``DemoPractice``, built on these
/// clients. Every event goes through the decider.
public enum SamplePractice {
    /// Sample clients; the names are invented.
    public static let clients: [Client] = [
        Client(id: ClientID("demo-maria"), name: "María José García", preferredName: "Majo"),
        Client(id: ClientID("demo-minji"), name: "김민지 Kim Min-ji"),
        Client(id: ClientID("demo-tom"), name: "Tom O'Brien"),
        Client(id: ClientID("demo-amira"), name: "Amira Haddad"),
        Client(id: ClientID("demo-lena"), name: "Lena Novák"),
    ]

    /// The sample clients' records, with invented contact details and health histories.
    public static let records: [ClientRecord] = [
        ClientRecord(client: clients[0], dateOfBirth: CalendarDate(year: 1986, month: 5, day: 14), phone: "+34 612 345 678",
                     email: "majo@example.org", physician: "Dr. Ruiz, Clínica Centro",
                     history: HealthHistory(conditions: "Migraines since 2019", medications: "Sumatriptan as needed",
                                            pregnancy: .no)),
        ClientRecord(client: clients[1], dateOfBirth: CalendarDate(year: 1994, month: 11, day: 2), phone: "010-2345-6789",
                     history: HealthHistory(conditions: "None", medications: "None")),
        ClientRecord(client: clients[2], dateOfBirth: CalendarDate(year: 1971, month: 3, day: 9), phone: "(555) 201-4477",
                     physician: "Dr. Patel",
                     history: HealthHistory(conditions: "Desk work; drives 2 h a day", medications: "Ibuprofen as needed",
                                            surgeriesAndInjuries: [DatedEntry("Appendectomy", date: CalendarDate(year: 1990, month: 7, day: 1))])),
        ClientRecord(client: clients[3], dateOfBirth: CalendarDate(year: 1958, month: 8, day: 23), phone: "555 014 9921",
                     physician: "Dr. Haddad (cardiology)",
                     history: HealthHistory(conditions: "Atrial fibrillation", medications: "Apixaban 5 mg twice daily",
                                            allergies: "Latex")),
        ClientRecord(client: clients[4], dateOfBirth: CalendarDate(year: 1949, month: 1, day: 30), phone: "+420 601 222 333",
                     history: HealthHistory(conditions: "Osteoporosis", medications: "Alendronate weekly",
                                            surgeriesAndInjuries: [DatedEntry("Fractured left wrist", date: CalendarDate(year: 2021, month: 2, day: 11))])),
    ]

    /// Writes the sample practice into a journal: yesterday's signed sessions, a signed session
    /// this morning, one waiting for aftercare, and one in treatment now. `now` is the moment the
    /// demo opens; sessions are placed before it.
    public static func seed(into journal: SessionJournal, now: Date) throws {
        for record in records { try journal.save(record) }
        let r = { (area: BodyArea, side: Side) in Region(area, side)! }

        // Yesterday: a signed low-back session with a meaningful improvement.
        try record(journal, at: now.addingTimeInterval(-26 * 3600), client: clients[2], minutes: 60, steps: [
            .command(.recordAssessment(Assessment(
                chiefComplaint: "My lower back seizes up after long drives.",
                painfulRegions: [RegionPain(region: r(.lowBack, .left), score: PainScore(7)!),
                                 RegionPain(region: r(.lumbarSpine, .midline), score: PainScore(5)!)],
                conditions: "Desk work; drives 2 h a day", medications: "Ibuprofen as needed",
                contraindications: "None found", goals: "Drive without stopping",
                pressurePreference: .deep, consent: true))),
            .command(.beginTreatment),
            .command(.startWork(RegionWork(region: r(.lowBack, .left), technique: Technique("effleurage"), pressure: .lotioning))),
            .wait(6), .command(.changeTechnique(Technique("myofascial-release"))), .command(.changePressure(.deep, confirmed: false)),
            .wait(14), .command(.checkIn(score: 5, region: nil)),
            .wait(10), .command(.startWork(RegionWork(region: r(.gluteal, .left), technique: Technique("trigger-point"), pressure: .deep))),
            .command(.note("Trigger point, left gluteus medius, refers to the lateral thigh")),
            .wait(12), .command(.checkIn(score: 4, region: r(.lowBack, .left))),
            .wait(10), .command(.endTreatment),
            .command(.recordAftercare(Aftercare(postPain: PainScore(3)!,
                                                regionPain: [RegionPain(region: r(.lowBack, .left), score: PainScore(3)!),
                                                             RegionPain(region: r(.gluteal, .left), score: PainScore(4)!)],
                                                advice: [Aftercare.standardAdvice[0], Aftercare.standardAdvice[5]],
                                                homeCare: "Knee-to-chest stretch, 3 × 30 s, morning and evening",
                                                heatOrCold: .heat, selfCare: "Stop every hour on long drives",
                                                plan: "Weekly for 4 weeks", nextFocus: "Gluteals and QL"))),
            .command(.sign(by: "Sam Rivera, LMT")),
        ])

        // This morning: a signed neck and shoulder session.
        try record(journal, at: now.addingTimeInterval(-4 * 3600), client: clients[0], minutes: 60, steps: [
            .command(.recordAssessment(Assessment(
                chiefComplaint: "Tension headaches by the end of the work day.",
                painfulRegions: [RegionPain(region: r(.neck, .right), score: PainScore(6)!),
                                 RegionPain(region: r(.shoulder, .right), score: PainScore(5)!)],
                conditions: "Migraines since 2019", medications: "Sumatriptan as needed",
                contraindications: "None found", goals: "Fewer headaches a week",
                pressurePreference: .swedish, consent: true))),
            .command(.beginTreatment),
            .command(.startWork(RegionWork(region: r(.upperBack, .right), technique: Technique("effleurage"), pressure: .lotioning))),
            .wait(8), .command(.startWork(RegionWork(region: r(.neck, .right), technique: Technique("trigger-point"), pressure: .swedish))),
            .command(.note("Trigger point, right upper trapezius, refers to the temple")),
            .wait(15), .command(.checkIn(score: 4, region: nil)),
            .wait(15), .command(.startWork(RegionWork(region: r(.shoulder, .right), technique: Technique("petrissage"), pressure: .swedish))),
            .wait(12), .command(.checkIn(score: 3, region: nil)),
            .command(.endTreatment),
            .command(.recordAftercare(Aftercare(postPain: PainScore(2)!, advice: [Aftercare.standardAdvice[0], Aftercare.standardAdvice[3]],
                                                homeCare: "Chin tucks, 10 × 3 a day", plan: "Every two weeks; neck and upper back"))),
            .command(.sign(by: "Sam Rivera, LMT")),
        ])

        // Late morning: treatment finished, aftercare not yet signed.
        try record(journal, at: now.addingTimeInterval(-2.5 * 3600), client: clients[1], minutes: 45, steps: [
            .command(.recordAssessment(Assessment(
                chiefComplaint: "손목이 아파요 — wrist pain from typing.",
                painfulRegions: [RegionPain(region: r(.forearm, .right), score: PainScore(5)!),
                                 RegionPain(region: r(.handWrist, .right), score: PainScore(6)!)],
                conditions: "None", medications: "None", contraindications: "None found",
                goals: "Type through the day without pain", pressurePreference: .swedish, consent: true))),
            .command(.beginTreatment),
            .command(.startWork(RegionWork(region: r(.forearm, .right), technique: Technique("cross-fiber-friction"), pressure: .swedish))),
            .wait(15), .command(.checkIn(score: 4, region: nil)),
            .wait(15), .command(.endTreatment),
            .command(.recordAftercare(Aftercare(postPain: PainScore(3)!, advice: [Aftercare.standardAdvice[3]]))),
        ])

        // Now: a client on an anticoagulant, in treatment.
        try record(journal, at: now.addingTimeInterval(-18 * 60), client: clients[3], minutes: 60, steps: [
            .command(.recordAssessment(Assessment(
                chiefComplaint: "Sciatica down the left leg, worse when sitting.",
                painfulRegions: [RegionPain(region: r(.gluteal, .left), score: PainScore(6)!),
                                 RegionPain(region: r(.thighBack, .left), score: PainScore(4)!)],
                conditions: "Atrial fibrillation", medications: "Apixaban 5 mg twice daily",
                contraindications: "Anticoagulant: no deep pressure", cautionRegions: [r(.gluteal, .left), r(.thighBack, .left)],
                goals: "Sit through a film", pressurePreference: .swedish, consent: true))),
            .command(.beginTreatment),
            .command(.startWork(RegionWork(region: r(.lowBack, .left), technique: Technique("effleurage"), pressure: .lotioning))),
            .wait(6), .command(.checkIn(score: 5, region: nil)),
            .wait(5), .command(.startWork(RegionWork(region: r(.gluteal, .left), technique: Technique("myofascial-release"), pressure: .swedish))),
            .wait(5), .command(.checkIn(score: 6, region: nil)),
            .wait(2),
        ])
    }

    /// A step of a scripted session: a command, or minutes passing.
    public enum Step: Sendable {
        case command(SessionCommand)
        case wait(Double)
    }

    /// Runs a scripted session through the decider and appends every event.
    @discardableResult
    public static func record(_ journal: SessionJournal, at start: Date, client: Client, minutes: Int,
                              steps: [Step]) throws -> SessionState {
        var state = SessionState(id: .make())
        var now = start
        func apply(_ command: SessionCommand) throws {
            try journal.perform(command, on: &state, at: now)
            now.addTimeInterval(20)
        }
        try apply(.start(client: client, plannedMinutes: minutes))
        for step in steps {
            switch step {
            case .command(let command): try apply(command)
            case .wait(let m): now.addTimeInterval(m * 60)
            }
        }
        return state
    }
}
