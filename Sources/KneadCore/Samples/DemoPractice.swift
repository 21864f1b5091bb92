import Foundation

/// The practice `knead demo` opens on: a day in progress (this morning's sessions signed, none left
/// open, so nothing asks to be resumed) and eight weeks of visits for several clients, one under a
/// physician's referral with a plan of care and PSFS and PEG scores, one on a plan of care of their
/// own. Every date comes from `now` and the time zone, so it is right on any date and at any hour;
/// every event goes through the decider.
public enum DemoPractice {
    public static let therapist = "Sam Rivera, LMT"

    /// The morning's first session starts this long before the demo's moment.
    static let morning: TimeInterval = 4.5 * 3600

    /// The moment the demo's day is written at. It is `now` when the morning's sessions fit between
    /// the day's start and `now`. Before that (from midnight until 04:30) they cannot be today's
    /// without being in the future, so the whole practice is written as of the day's start: its day
    /// of sessions is yesterday's, and today has none yet, as a real practice's at that hour.
    public static func moment(now: Date, zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let dayStart = calendar.startOfDay(for: now)
        return now.timeIntervalSince(dayStart) >= morning ? now : dayStart
    }

    /// What the demo says on opening when its day of sessions is yesterday's, or nil.
    public static func notice(now: Date, zone: TimeZone) -> String? {
        moment(now: now, zone: zone) == now ? nil
            : "Demo: until 04:30 its day of sessions is yesterday's; r and then ← show it."
    }

    /// One visit of the demo: the regions worked with the pain before and after, and what was advised.
    struct Visit {
        var client: Client
        var complaint: String
        var regions: [(Region, before: Int, after: Int)]
        var techniques: [String]
        var pressure: Pressure = .swedish
        var goals = ""
        var medications = ""
        var cautionRegions: [Region] = []
        var advice: [Int] = [0, 2]
        var homeCare = ""
        var plan: String
        var nextFocus = ""
        var note: String?
        var outcomes: [OutcomeMeasure] = []
        var goal: CareGoal?
    }

    /// Writes the demo practice into a journal.
    public static func seed(into journal: SessionJournal & CarePlanRecords, now: Date, zone: TimeZone) throws {
        let now = moment(now: now, zone: zone)
        for record in SamplePractice.records { try journal.save(record) }
        try SampleCarePlan.seed(into: journal, now: now, zone: zone)
        let c = SamplePractice.clients  // María José, Min-ji, Tom, Amira, Lena
        let r = { (area: BodyArea, side: Side) in Region(area, side) }
        guard let lowBack = r(.lowBack, .left), let glutes = r(.gluteal, .left), let lumbar = Region(.lumbarSpine),
              let neck = r(.neck, .right), let shoulder = r(.shoulder, .right), let upperBack = r(.upperBack, .right),
              let forearm = r(.forearm, .right), let wrist = r(.handWrist, .right), let thigh = r(.thighBack, .left),
              let calf = r(.calf, .left), let leftUpperBack = r(.upperBack, .left), let thoracic = Region(.thoracicSpine)
        else { return }
        let day: TimeInterval = 86_400

        // Tom: weekly low back for eight weeks on a plan of care of his own, PSFS at the start,
        // the middle and the end; the last visit is this morning.
        let today = CalendarDate(now, in: zone)
        let drive = CareGoal(id: "drive", text: "Drive two hours without stopping", target: today.adding(days: 28))
        try journal.save(PlanOfCare(
            start: today.adding(days: -56),
            goals: [drive],
            frequency: "Weekly", durationWeeks: 10, reassessment: .visits(4)), for: c[2].id)
        let tomPain = [(7, 5), (7, 5), (6, 4), (6, 4), (5, 4), (6, 3), (4, 3), (4, 2)]
        let tomPSFS: [Int: [Int]] = [0: [2, 3], 4: [4, 5], 7: [7, 7]]
        for (week, pain) in tomPain.enumerated() {
            var outcomes: [OutcomeMeasure] = []
            if let scores = tomPSFS[week] {
                outcomes.append(.psfs(PSFSRating(activities: zip(["Drive two hours", "Sit through a meeting"], scores)
                    .map { PSFSActivity(activity: $0, score: $1) })))
            }
            try record(Visit(client: c[2], complaint: "My lower back seizes up after long drives.",
                             regions: [(lowBack, pain.0, pain.1), (glutes, pain.0 - 1, max(0, pain.1 - 1)), (lumbar, pain.0 - 2, max(0, pain.1 - 1))],
                             techniques: ["effleurage", "myofascial-release", "trigger-point"], pressure: week < 2 ? .swedish : .deep,
                             goals: "Drive without stopping", medications: "Ibuprofen as needed",
                             advice: [0, 1, 5], homeCare: "Knee-to-chest stretch, 3 × 30 s, morning and evening",
                             plan: "Weekly", nextFocus: "Gluteals and QL",
                             note: week == 0 ? "Trigger point, left gluteus medius, refers to the lateral thigh" : nil,
                             outcomes: outcomes, goal: drive),
                       at: now.addingTimeInterval(-Double(7 - week) * 7 * day - morning), into: journal)
        }

        // María José: neck and shoulder every two weeks; the last visit is this morning.
        for (i, pain) in [(7, 4), (6, 3), (5, 3), (5, 2)].enumerated() {
            try record(Visit(client: c[0], complaint: "Tension headaches by the end of the work day.",
                             regions: [(upperBack, pain.0 - 2, pain.1 - 1), (neck, pain.0, pain.1), (shoulder, pain.0 - 1, pain.1)],
                             techniques: ["effleurage", "trigger-point", "petrissage"],
                             goals: "Fewer headaches a week", medications: "Sumatriptan as needed",
                             advice: [0, 3], homeCare: "Chin tucks, 10 × 3 a day", plan: "Every two weeks",
                             nextFocus: "Neck and upper back",
                             note: i == 0 ? "Trigger point, right upper trapezius, refers to the temple" : nil),
                       at: now.addingTimeInterval(-Double(3 - i) * 14 * day - 3 * 3600), into: journal)
        }

        // Min-ji: wrist and forearm from typing, every two weeks; the last visit late this morning.
        for (i, pain) in [(6, 4), (5, 3), (5, 2)].enumerated() {
            try record(Visit(client: c[1], complaint: "손목이 아파요 — wrist pain from typing.",
                             regions: [(forearm, pain.0 - 1, pain.1), (wrist, pain.0, pain.1)],
                             techniques: ["cross-fiber-friction", "myofascial-release"],
                             goals: "Type through the day without pain", advice: [3, 5],
                             homeCare: "Wrist flexor stretch against the wall, 3 × 30 s", plan: "Every two weeks",
                             nextFocus: "Forearm flexors"),
                       at: now.addingTimeInterval(-Double(2 - i) * 14 * day - 1.5 * 3600), into: journal)
        }

        // Amira: sciatica under a cardiologist's care, on a blood thinner: gentle pressure, weekly for
        // six weeks under a referral with PEG scores.
        let firstAmira = today.adding(days: -43)
        let film = CareGoal(id: "film", text: "Sit through a film without leg pain", target: firstAmira.adding(days: 56))
        guard let sciatica = ICD10Code("M54.32") else { return }
        try journal.save(Referral(
            clinician: ReferringClinician(name: "Dr. Haddad", practice: "Heart and Vascular Clinic", contact: "555 010 4400"),
            date: firstAmira.adding(days: -3),
            diagnosis: Diagnosis(code: sciatica, text: "Sciatica, left side"),
            frequency: "Weekly", visits: 8, expires: firstAmira.adding(days: 70),
            notes: "On apixaban: light to moderate pressure only."), for: c[3].id)
        try journal.save(PlanOfCare(
            start: firstAmira,
            goals: [film],
            frequency: "Weekly", durationWeeks: 8, reassessment: .visits(3)), for: c[3].id)
        let amiraPEG: [Int: PEGRating] = [0: PEGRating(pain: 7, enjoyment: 6, generalActivity: 7),
                                          3: PEGRating(pain: 5, enjoyment: 4, generalActivity: 4)]
        for (week, pain) in [(6, 5), (6, 4), (5, 4), (5, 3), (4, 3), (4, 2)].enumerated() {
            try record(Visit(client: c[3], complaint: "Sciatica down the left leg, worse when sitting.",
                             regions: [(glutes, pain.0, pain.1), (thigh, pain.0 - 2, max(0, pain.1 - 1)), (calf, 2, 1)],
                             techniques: ["effleurage", "myofascial-release", "lymphatic-drainage"],
                             goals: "Sit through a film", medications: "Apixaban 5 mg twice daily",
                             cautionRegions: [glutes, thigh], advice: [0, 7, 9],
                             homeCare: "Walk 20 minutes a day; seated piriformis stretch", plan: "Weekly",
                             outcomes: amiraPEG[week].map { [.peg($0)] } ?? [], goal: film),
                       at: now.addingTimeInterval(-Double(6 - week) * 7 * day - 26 * 3600), into: journal)
        }

        // Lena: osteoporosis, gentle upper-back work every three weeks.
        for (i, pain) in [(5, 3), (4, 3), (4, 2)].enumerated() {
            try record(Visit(client: c[4], complaint: "Stiff between the shoulder blades in the morning.",
                             regions: [(leftUpperBack, pain.0, pain.1), (thoracic, pain.0 - 1, pain.1 - 1)],
                             techniques: ["effleurage", "petrissage"], pressure: .lotioning,
                             medications: "Alendronate weekly", advice: [0, 7], homeCare: "Shoulder rolls, 10 twice a day",
                             plan: "Every three weeks", nextFocus: "Upper back, light pressure only"),
                       at: now.addingTimeInterval(-Double(3 - i) * 19 * day + 2 * 3600), into: journal)
        }
    }

    /// Records one signed visit starting at `start`.
    static func record(_ visit: Visit, at start: Date, into journal: SessionJournal) throws {
        var steps: [SamplePractice.Step] = [
            .command(.recordAssessment(Assessment(
                chiefComplaint: visit.complaint,
                painfulRegions: visit.regions.compactMap { entry in PainScore(entry.before).map { RegionPain(region: entry.0, score: $0) } },
                medications: visit.medications, cautionRegions: visit.cautionRegions, goals: visit.goals,
                pressurePreference: visit.pressure, consent: true))),
        ]
        steps += visit.outcomes.map { .command(.recordOutcome($0)) }
        if let goal = visit.goal { steps.append(.command(.workToward(goal))) }
        steps.append(.command(.beginTreatment))
        for (i, entry) in visit.regions.enumerated() {
            let technique = Technique(visit.techniques[i % max(1, visit.techniques.count)])
            let deepOnCaution = visit.pressure.isDeep && visit.cautionRegions.contains(entry.0)
            steps.append(.command(.startWork(RegionWork(region: entry.0, technique: technique,
                                                        pressure: deepOnCaution ? .swedish : visit.pressure))))
            if i == 0, let note = visit.note { steps.append(.command(.note(note))) }
            steps += [.wait(8), .command(.checkIn(score: max(0, (entry.before + entry.after) / 2), region: nil)),
                      .wait(7), .command(.checkIn(score: entry.after, region: nil))]
        }
        let overall = visit.regions.map(\.after).max() ?? 0
        steps += [
            .command(.endTreatment),
            .command(.recordAftercare(Aftercare(
                postPain: PainScore(overall),
                regionPain: visit.regions.compactMap { entry in PainScore(entry.after).map { RegionPain(region: entry.0, score: $0) } },
                advice: visit.advice.filter(Aftercare.standardAdvice.indices.contains).map { Aftercare.standardAdvice[$0] },
                homeCare: visit.homeCare, plan: visit.plan, nextFocus: visit.nextFocus))),
            .command(.sign(by: therapist)),
        ]
        try SamplePractice.record(journal, at: start, client: visit.client, minutes: 60, steps: steps)
    }
}
