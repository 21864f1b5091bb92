import Foundation

/// A sample client under a physician's referral: a referral, a plan of care and ten weekly signed
/// visits with pain check-ins, PSFS and PEG re-rated every fourth visit. Deterministic from `now`
/// and the time zone: the same arguments always give the same records and session ids.
/// Kept apart from ``SamplePractice`` so the demo's screens stay as they are.
public enum SampleCarePlan {
    public static let client = Client(id: ClientID("demo-daniel"), name: "Daniel Reyes", preferredName: "Dani")
    public static let therapist = "Sam Rivera, LMT"
    public static let visitCount = 10

    /// The session id of visit `n` (1-based).
    public static func sessionID(visit n: Int) -> SessionID { SessionID(String(format: "demo-daniel-visit-%02d", n)) }

    /// Writes the client, the referral, the plan and ten visits, one a week, the last one a day before `now`.
    public static func seed(into journal: SessionJournal & CarePlanRecords, now: Date, zone: TimeZone) throws {
        let firstVisit = now.addingTimeInterval(-Double((visitCount - 1) * 7 + 1) * 86_400)
        let firstDay = CalendarDate(firstVisit, in: zone)
        try journal.save(ClientRecord(client: client, dateOfBirth: CalendarDate(year: 1979, month: 4, day: 2),
                                      phone: "555 303 1188", physician: "Dr. Ada Okafor, Riverside Family Medicine",
                                      history: HealthHistory(conditions: "Lumbar disc herniation L5–S1 (2025)",
                                                             medications: "Naproxen as needed")))
        try journal.save(Referral(
            clinician: ReferringClinician(name: "Dr. Ada Okafor", practice: "Riverside Family Medicine", contact: "555 010 2000"),
            date: firstDay.adding(days: -5),
            diagnosis: Diagnosis(code: ICD10Code("M54.42") ?? ICD10Code("M54")!, text: "Lumbago with sciatica, left side"),
            frequency: "Weekly", visits: 12, expires: firstDay.adding(days: 85),
            notes: "Soft-tissue work for the left low back and gluteals; report progress after ten visits."),
                         for: client.id)
        let goals = [CareGoal(id: "sit-workday", text: "Sit through a work day without leg pain", target: firstDay.adding(days: 84)),
                     CareGoal(id: "drive-2h", text: "Drive two hours without stopping", target: firstDay.adding(days: 56),
                              met: firstDay.adding(days: 56)),
                     CareGoal(id: "lift-groceries", text: "Carry the groceries up the stairs", target: firstDay.adding(days: 42))]
        try journal.save(PlanOfCare(
            start: firstDay,
            goals: goals,
            frequency: "Weekly", durationWeeks: 12, reassessment: .visits(4)), for: client.id)

        let r = { (area: BodyArea, side: Side) in Region(area, side)! }
        // Pain at intake and after treatment, visit by visit: a steady improvement with one flare.
        let before = [7, 7, 6, 6, 6, 5, 6, 4, 4, 3]
        let after = [5, 5, 4, 4, 3, 3, 4, 2, 2, 2]
        let psfs: [Int: [Int]] = [1: [2, 3, 4], 5: [4, 5, 5], 9: [6, 7, 7]]
        let peg: [Int: PEGRating] = [1: PEGRating(pain: 7, enjoyment: 6, generalActivity: 7),
                                     5: PEGRating(pain: 5, enjoyment: 4, generalActivity: 5),
                                     9: PEGRating(pain: 3, enjoyment: 2, generalActivity: 3)]
        let activities = ["Sit at the desk for an hour", "Drive two hours", "Carry the groceries upstairs"]
        for n in 1...visitCount {
            var steps: [SessionCommand] = [
                .recordAssessment(Assessment(
                    chiefComplaint: "Low back pain down the left leg, worse after sitting.",
                    painfulRegions: [RegionPain(region: r(.lowBack, .left), score: PainScore(before[n - 1])!),
                                     RegionPain(region: r(.gluteal, .left), score: PainScore(max(0, before[n - 1] - 1))!)],
                    conditions: "Lumbar disc herniation L5–S1 (2025)", medications: "Naproxen as needed",
                    contraindications: "None found", goals: "Sit through a work day without leg pain",
                    pressurePreference: .swedish, consent: true)),
            ]
            if let scores = psfs[n] {
                steps.append(.recordOutcome(.psfs(PSFSRating(activities: zip(activities, scores).map { PSFSActivity(activity: $0, score: $1) }))))
            }
            if let rating = peg[n] { steps.append(.recordOutcome(.peg(rating))) }
            let goal = n <= 6 ? goals[1] : goals[0]
            steps.append(.workToward(goal))
            steps += [
                .beginTreatment,
                .startWork(RegionWork(region: r(.lowBack, .left), technique: Technique("effleurage"), pressure: .lotioning)),
                .changeTechnique(Technique("myofascial-release")),
                .checkIn(score: max(0, before[n - 1] - 1), region: nil),
                .startWork(RegionWork(region: r(.gluteal, .left), technique: Technique("trigger-point"), pressure: .swedish)),
                .checkIn(score: after[n - 1], region: nil),
                .endTreatment,
                .recordAftercare(Aftercare(postPain: PainScore(after[n - 1])!, advice: [Aftercare.standardAdvice[0]],
                                           homeCare: "Piriformis stretch, 3 × 30 s twice a day",
                                           plan: "Weekly; left low back and gluteals")),
                .sign(by: therapist),
            ]
            let start = firstVisit.addingTimeInterval(Double((n - 1) * 7) * 86_400)
            var state = SessionState(id: sessionID(visit: n))
            var at = start
            try journal.perform(.start(client: client, plannedMinutes: 60), on: &state, at: at)
            for command in steps {
                at.addTimeInterval(command == .endTreatment || command == .beginTreatment ? 60 : 600)
                try journal.perform(command, on: &state, at: at)
            }
        }
    }
}
