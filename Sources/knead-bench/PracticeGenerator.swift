import Foundation
import KneadCore
import KneadStore

/// A small, fast, seeded random number generator, so a generated practice is the same every time.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates ten years of an invented practice: about 20,000 sessions and 2,000,000 events for
/// one therapist, every one decided by the session machine, written in batches of whole sessions.
/// With `--therapists N` it is a clinic: N therapists side by side, each seeing 2 to 4 clients a
/// working day (`--sessions 100000 --therapists 10` is about ten years), 1,500 clients per two
/// therapists.
///
/// `swift run -c release knead-bench generate PATH [--sessions N] [--therapists N]`
enum PracticeGenerator {
    static let firstNames = ["Ana", "Ben", "Chloé", "Dev", "Eun-ji", "Farah", "Gus", "Hana", "Ivan", "Jo", "Kofi", "Lena",
                             "Mateo", "Nia", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tariq", "Uma", "Vera", "Wes", "Ximena",
                             "Yusuf", "Zoë", "Björn", "Camille", "Dara", "Elif"]
    static let lastNames = ["Abbott", "Bauer", "Castillo", "Dubois", "Eriksen", "Fontaine", "García", "Haddad", "Ito", "Jansen",
                            "Kowalski", "Lindqvist", "Moreau", "Nakamura", "O'Neill", "Petrov", "Quispe", "Rahman", "Silva",
                            "Takahashi", "Urban", "Varga", "Weiss", "Xu", "Yilmaz", "Zielinski", "Novák", "Okafor", "Park", "Reyes"]
    static let complaints = [
        "Low back stiffness after long drives", "Tension headaches by the end of the work day",
        "Sciatica down the leg, worse when sitting", "Wrist pain from typing", "Neck stiff on waking",
        "Shoulder aches when reaching overhead", "Plantar fascia sore in the morning", "Tight hamstrings from running",
        "Jaw clenching and temple pain", "Mid back burning between the shoulder blades", "Hip pain climbing stairs",
        "Calf cramps at night", "Knee pain after cycling", "Post-surgical scar tissue tightness",
    ]
    static let findings = [
        "Trigger point in the upper trapezius refers to the temple", "Taut band in the gluteus medius, refers to the lateral thigh",
        "Adhesions along the iliotibial band", "Levator scapulae tender at the insertion", "Hypertonic quadratus lumborum",
        "Client reports tingling eased after release", "Scalenes guarded; breathing pattern shallow",
        "Piriformis tender, reproduces the leg symptoms", "Suboccipitals tight, headache eased during work",
        "Fascial restriction over the thoracolumbar fascia", "Pectoralis minor short, shoulders rounded",
        "Soleus trigger point refers to the heel", "Masseter tender bilaterally", "Rhomboids ropey, client relaxed well",
    ]
    static let therapistNames = ["Sam Rivera, LMT", "Alex Chen, LMT", "Priya Nair, LMT", "Jonas Berg, LMT", "Maya Cohen, LMT",
                                 "Luis Ortega, LMT", "Aiko Mori, LMT", "Grace Osei, LMT", "Tom Keller, LMT", "Ines Duarte, LMT"]
    static let techniques = TechniqueCatalog.standard.entries.map(\.technique)

    static func main(_ arguments: [String]) throws {
        guard let path = arguments.first else {
            print("usage: knead-bench generate PATH [--sessions N] [--therapists N]")
            throw GeneratorError("Give a folder for the database.")
        }
        var total = 20_000
        if let i = arguments.firstIndex(of: "--sessions"), i + 1 < arguments.count, let n = Int(arguments[i + 1]), n > 0 { total = n }
        var therapists = 1
        if let i = arguments.firstIndex(of: "--therapists"), i + 1 < arguments.count, let n = Int(arguments[i + 1]), n > 0 {
            therapists = n
        }
        let folder = URL(fileURLWithPath: path, isDirectory: true)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(DataLocation.databaseFileName).path) {
            throw GeneratorError("\(folder.path) already holds a database; give an empty folder.")
        }
        let journal = try SQLiteJournal.open(folder: folder, clock: SystemClock())
        defer { try? journal.close() }
        let started = DispatchTime.now().uptimeNanoseconds
        let events = try generate(into: journal, sessions: total, therapists: therapists, now: Date())
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        print(String(format: "generated %d sessions, %d events in %.1f s into %@", total, events, seconds, folder.path))
    }

    /// Writes `sessions` sessions ending now, working days back from today; returns the events written.
    static func generate(into journal: SQLiteJournal, sessions total: Int, therapists: Int = 1, now: Date,
                         seed: UInt64 = 2026) throws -> Int {
        var rng = SplitMix64(seed: seed)
        let clientCount = therapists == 1 ? 1_500 : 1_500 * ((therapists + 1) / 2)
        let clients = (0..<clientCount).map { i in
            Client(id: ClientID(String(format: "client-%04d", i)),
                   name: "\(firstNames[i % firstNames.count]) \(lastNames[(i / firstNames.count + i * 7) % lastNames.count])")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        var day = calendar.startOfDay(for: now)
        var batch: [(id: SessionID, events: [SessionEvent])] = []
        var written = 0, eventCount = 0
        while written < total {
            let weekday = calendar.component(.weekday, from: day)
            if weekday != 1 {  // no sessions on Sundays
                let perDay = therapists == 1 ? Int.random(in: 5...9, using: &rng)
                    : (0..<therapists).reduce(0) { sum, _ in sum + Int.random(in: 2...4, using: &rng) }
                for slot in 0..<min(total - written, perDay) {
                    // Therapists side by side: slot i is therapist i % N's (i / N)th session of the day.
                    let start = day.addingTimeInterval(Double(8 * 3600 + (slot / therapists) * 75 * 60 + (slot % therapists) * 60))
                    if start > now.addingTimeInterval(-20 * 60) { continue }
                    // Regulars: a few clients come often, most come now and then.
                    let pick = Int(pow(Double.random(in: 0..<1, using: &rng), 2.2) * Double(clients.count))
                    let isToday = calendar.isDate(start, inSameDayAs: now)
                    let finish = isToday && start > now.addingTimeInterval(-3 * 3600) ? Int.random(in: 0...1, using: &rng) : 2
                    let events = try session(client: clients[pick], at: start, finish: finish,
                                             therapist: therapistNames[slot % therapists % therapistNames.count], rng: &rng)
                    batch.append((SessionID(String(format: "gen-%08x-%06d", rng.next() & 0xFFFF_FFFF, written)), events))
                    written += 1
                    eventCount += events.count
                }
            }
            if batch.count >= 400 || written >= total {
                try journal.importSessions(batch)
                batch.removeAll(keepingCapacity: true)
            }
            guard let previous = calendar.date(byAdding: .day, value: -1, to: day) else { break }
            day = previous
        }
        if !batch.isEmpty { try journal.importSessions(batch) }
        return eventCount
    }

    /// One session through the decider. `finish`: 0 stops in treatment, 1 before signing, 2 signs.
    static func session(client: Client, at start: Date, finish: Int, therapist: String = "Sam Rivera, LMT",
                        rng: inout SplitMix64) throws -> [SessionEvent] {
        var state = SessionState(id: SessionID("generating"))
        var now = start
        var events: [SessionEvent] = []
        func run(_ command: SessionCommand, after seconds: Double = 20) throws {
            now.addTimeInterval(seconds)
            switch decide(command, state, at: now) {
            case .success(let decided):
                for event in decided { state.evolve(event) }
                events += decided
            case .failure(let rejection):
                throw GeneratorError("The session machine refused a generated command: \(rejection.reason)")
            }
        }
        let regions = (0..<Int.random(in: 1...3, using: &rng)).map { _ in Region.all.randomElement(using: &rng) ?? Region.all[0] }
        let painful = Array(Set(regions)).sorted()
        var pain = Int.random(in: 3...9, using: &rng)
        let caution = Int.random(in: 0..<10, using: &rng) == 0 ? [painful[0]] : []
        try run(.start(client: client, plannedMinutes: [45, 60, 60, 90].randomElement(using: &rng) ?? 60), after: 0)
        try run(.recordAssessment(Assessment(
            chiefComplaint: complaints.randomElement(using: &rng) ?? "", painfulRegions: painful.compactMap { region in PainScore(pain).map { RegionPain(region: region, score: $0) } },
            conditions: "None", medications: "None", contraindications: caution.isEmpty ? "None found" : "Anticoagulant",
            cautionRegions: caution, goals: "Less pain day to day", pressurePreference: .swedish, consent: true)), after: 300)
        try run(.beginTreatment)
        let blocks = finish == 0 ? Int.random(in: 3...8, using: &rng) : Int.random(in: 14...18, using: &rng)
        let kit = Array(techniques.shuffled(using: &rng).prefix(4))
        for block in 0..<blocks {
            var region = Int.random(in: 0..<6, using: &rng) == 0 ? (Region.all.randomElement(using: &rng) ?? painful[0]) : painful[block % painful.count]
            if region == state.activeWork?.region { region = Region.all.first { $0 != region } ?? region }
            let pressure = Pressure(rawValue: Int.random(in: 1...5, using: &rng)) ?? .swedish
            let deepOnCaution = pressure.isDeep && caution.contains(region)
            try run(.startWork(RegionWork(region: region, technique: kit.randomElement(using: &rng) ?? kit[0],
                                          pressure: pressure, cautionConfirmed: deepOnCaution)), after: 30)
            let used = state.activeWork?.technique
            try run(.changeTechnique(kit.filter { $0 != used }.randomElement(using: &rng) ?? kit[0]), after: 60)
            let step = pressure == .deepest ? -1 : (pressure == .light ? 1 : (Bool.random(using: &rng) ? 1 : -1))
            let next = Pressure(rawValue: pressure.rawValue + step) ?? .swedish
            try run(.changePressure(next, confirmed: next.isDeep && caution.contains(region)), after: 45)
            pain = max(0, min(10, pain + ([-2, -1, -1, 0, 0, 0, 0, 1].randomElement(using: &rng) ?? 0)))
            try run(.checkIn(score: pain, region: nil), after: 40)
            try run(.checkIn(score: max(0, pain - 1), region: region), after: 30)
            if block % 4 == 1 { try run(.note(findings.randomElement(using: &rng) ?? ""), after: 10) }
        }
        guard finish > 0 else { return events }
        try run(.endTreatment, after: 30)
        try run(.recordAftercare(Aftercare(postPain: PainScore(max(0, pain - Int.random(in: 0...1, using: &rng))),
                                           advice: [Aftercare.standardAdvice[0], Aftercare.standardAdvice[5]],
                                           homeCare: "Stretch twice a day", plan: "Every two weeks")), after: 120)
        if finish == 2 { try run(.sign(by: therapist), after: 60) }
        return events
    }
}

struct GeneratorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
