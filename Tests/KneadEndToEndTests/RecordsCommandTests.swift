import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    /// `knead review`, `knead history` and `knead search` on the sample practice, through pipes.
    @Suite("Records commands: review, history, search")
    struct RecordsCommands {
        /// 2026-11-18 12:00 UTC; the sample practice has three sessions that day and one the day before.
        static let now = Date(timeIntervalSince1970: 1_795_003_200)

        static func seeded() throws -> KneadBinary {
            let knead = try KneadBinary()
            let journal = try SQLiteJournal.open(folder: knead.dataDir, clock: testClock())
            try SamplePractice.seed(into: journal, now: now)
            try journal.close()
            return knead
        }

        static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

        @Test("review as text: the day's sessions, unfinished first, and the totals; plain text to a pipe")
        func reviewText() throws {
            let knead = try Self.seeded()
            defer { knead.removeHome() }
            let run = try knead.runPiped(["review", "--date", "2026-11-18", "--data-dir", knead.dataDir.path])
            #expect(run.status == 0)
            #expect(!run.stdout.contains(0x1B), "no escape sequences in a pipe")
            let lines = Self.text(run.stdout).split(separator: "\n").map(String.init)
            #expect(lines.first == "Day review: Wednesday 18 November 2026 (2026-11-18)")
            let rows = lines.filter { $0.range(of: #"^\d\d:\d\d  "#, options: .regularExpression) != nil }
            #expect(rows.count == 3)
            #expect(rows.first?.contains("Kim Min-ji") == true)      // aftercare: unfinished first
            #expect(rows.last?.contains("María José García") == true) // signed: last
            #expect(rows.last?.contains("6 → 2 !") == true)           // a change of 2 or more is marked
            #expect(lines.last?.hasPrefix("Total: 3 sessions, 2 unfinished") == true)
        }

        @Test("The records commands read the time from KNEAD_DEV_CLOCK: review's today, backup's file name")
        func commandsFollowTheDevelopmentClock() throws {
            let knead = try Self.seeded()
            defer { knead.removeHome() }
            let clock = ["KNEAD_DEV_CLOCK": "2026-11-18T12:00:00Z"]
            let review = try knead.runPiped(["review", "--data-dir", knead.dataDir.path], extraEnvironment: clock)
            #expect(review.status == 0, "\(Self.text(review.stderr))")
            #expect(Self.text(review.stdout).hasPrefix("Day review: Wednesday 18 November 2026"),
                    "today is the development clock's day, not the machine's")
            let folder = knead.home.appendingPathComponent("copies")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let backup = try knead.runPiped(["backup", folder.path, "--data-dir", knead.dataDir.path], extraEnvironment: clock)
            #expect(backup.status == 0, "\(Self.text(backup.stderr))")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["knead-2026-11-18-120000.sqlite"])
            let bad = try knead.runPiped(["review", "--data-dir", knead.dataDir.path], extraEnvironment: ["KNEAD_DEV_CLOCK": "soon"])
            #expect(bad.status == 2)
            #expect(Self.text(bad.stderr).contains("KNEAD_DEV_CLOCK must be a moment"))
        }

        @Test("review as CSV and JSON carry the same figures")
        func reviewCSVAndJSON() throws {
            let knead = try Self.seeded()
            defer { knead.removeHome() }
            let csv = try knead.runPiped(["review", "--date", "2026-11-18", "--format", "csv", "--data-dir", knead.dataDir.path])
            #expect(csv.status == 0)
            let records = Self.text(csv.stdout).split(separator: "\r\n").map(String.init)
            #expect(records.count == 4)
            #expect(records[0].hasPrefix("date,time,session,client,phase,minutes,planned_minutes,regions,techniques,pain_before,pain_after"))
            #expect(records[1].contains(",aftercare,"))
            #expect(records[3].contains(",María José García,signed,"))
            #expect(records[3].contains(",6,2,-4,2,,"))  // before, after, change, check-ins, no flags

            let json = try knead.runPiped(["review", "--date", "2026-11-18", "--format", "json", "--data-dir", knead.dataDir.path])
            #expect(json.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
            #expect(object["date"] as? String == "2026-11-18")
            let sessions = try #require(object["sessions"] as? [[String: Any]])
            #expect(sessions.map { $0["phase"] as? String } == ["aftercare", "treatment", "signed"])
            #expect(sessions[2]["painChange"] as? Int == -4)
            #expect(sessions[2]["billingUnits"] as? Int == 3)  // 20 min of 97124 and 31 of 97140: 51 timed minutes
            #expect(sessions[0]["flags"] as? [String] == ["unsigned"])
            let totals = try #require(object["totals"] as? [String: Any])
            #expect(totals["sessions"] as? Int == 3)
            #expect(totals["unfinished"] as? Int == 2)
        }

        @Test("review: a day without sessions exits 1; a bad date or format exits 2 with a clear message")
        func reviewStatuses() throws {
            let knead = try Self.seeded()
            defer { knead.removeHome() }
            let empty = try knead.runPiped(["review", "--date", "2020-01-01", "--data-dir", knead.dataDir.path])
            #expect(empty.status == 1)
            #expect(empty.stdout.isEmpty)
            #expect(Self.text(empty.stderr).contains("no sessions on 2020-01-01"))
            for bad in ["2026-02-30", "18/11/2026", "tomorrow"] {
                let run = try knead.runPiped(["review", "--date", bad, "--data-dir", knead.dataDir.path])
                #expect(run.status == 2, "\(bad)")
                #expect(Self.text(run.stderr).contains("YYYY-MM-DD"))
                #expect(run.stdout.isEmpty)
            }
            #expect(try knead.runPiped(["review", "--format", "xml", "--data-dir", knead.dataDir.path]).status == 2)
            let nothing = try knead.runPiped(["review", "--data-dir", knead.home.appendingPathComponent("none").path])
            #expect(nothing.status == 1)
            #expect(Self.text(nothing.stderr).contains("no records"))
        }

        @Test("history: by part of a name; no match exits 1; several matches are listed and exit 2")
        func history() throws {
            let knead = try Self.seeded()
            defer { knead.removeHome() }
            let tom = try knead.runPiped(["history", "obri", "--data-dir", knead.dataDir.path])
            #expect(tom.status == 0)
            let out = Self.text(tom.stdout)
            #expect(out.hasPrefix("History: Tom O'Brien (demo-tom)"))
            #expect(out.contains("2026-11-17"))
            #expect(out.contains("7 → 3 !"))
            #expect(out.contains("Pain across visits"))
            #expect(out.contains("●") && out.contains("○"))
            #expect(!tom.stdout.contains(0x1B))

            let none = try knead.runPiped(["history", "nobody", "--data-dir", knead.dataDir.path])
            #expect(none.status == 1)
            #expect(Self.text(none.stderr).contains("no client matches"))

            // Several matches: listed on standard output (data), counted on standard error, which
            // names no client (error messages never carry client data).
            let many = try knead.runPiped(["history", "m", "--data-dir", knead.dataDir.path])
            #expect(many.status == 2)
            let listed = Self.text(many.stdout)
            #expect(listed.contains("demo-maria") && listed.contains("demo-minji"))
            #expect(listed.contains("María José García"))
            let said = Self.text(many.stderr)
            #expect(said.contains("matches 2 clients, listed on standard output with their ids"))
            #expect(!said.contains("demo-") && !said.contains("María") && !said.contains("Kim"))
            let searched = try knead.runPiped(["search", "trigger", "--client", "m", "--data-dir", knead.dataDir.path])
            #expect(searched.status == 2)
            #expect(Self.text(searched.stdout) == listed, "search --client lists them as history does")
            #expect(!Self.text(searched.stderr).contains("demo-"))
        }

        @Test("search: one line per matching entry with date and client, matches in [brackets]; nothing matched says so and exits 1; no words exits 2")
        func search() throws {
            let knead = try Self.seeded()
            defer { knead.removeHome() }
            let found = try knead.runPiped(["search", "trigger", "point", "--data-dir", knead.dataDir.path])
            #expect(found.status == 0)
            let lines = Self.text(found.stdout).split(separator: "\n").map(String.init)
            // Every matching entry: the two notes and the trigger point work logged in treatment.
            #expect(lines.count == 4)
            #expect(lines.filter { $0.contains("  note  ") }.count == 2)
            #expect(lines.allSatisfy { $0.lowercased().contains("[trigger] [point]") })
            #expect(lines.contains { $0.hasPrefix("2026-11-17 ") && $0.contains("Tom O'Brien") })
            #expect(!found.stdout.contains(0x1B), "matches are not marked with escapes in a pipe")

            let scoped = try knead.runPiped(["search", "trigger", "--client", "tom", "--data-dir", knead.dataDir.path])
            #expect(Self.text(scoped.stdout).split(separator: "\n").allSatisfy { $0.contains("Tom O'Brien") })

            let none = try knead.runPiped(["search", "zzzz", "--data-dir", knead.dataDir.path])
            #expect(none.status == 1)
            #expect(none.stdout.isEmpty)
            #expect(Self.text(none.stderr).contains("knead: nothing matched \"zzzz\""))
            let bad = try knead.runPiped(["search", "--data-dir", knead.dataDir.path, "--", "!!"])
            #expect(bad.status == 2)
        }

        @Test("search --since and --before (or since: and before: among the words) keep sessions of those dates; a wrong date exits 2; all matches ranked, nothing said on standard error")
        func searchDates() throws {
            let knead = try Self.seeded()
            defer { knead.removeHome() }
            let since = try knead.runPiped(["search", "trigger", "--since", "2026-11-18", "--data-dir", knead.dataDir.path])
            #expect(since.status == 0)
            let lines = Self.text(since.stdout).split(separator: "\n")
            #expect(lines.count == 2 && lines.allSatisfy { $0.hasPrefix("2026-11-18 ") })
            #expect(since.stderr.isEmpty, "every match was ranked: nothing to say")
            let check = try knead.openJournal()
            #expect(try check.accessLog().last?.detail == "trigger since:2026-11-18", "the access log has the dates searched")
            try check.close()
            let before = try knead.runPiped(["search", "trigger", "before:2026-11", "--data-dir", knead.dataDir.path])
            #expect(before.status == 1)
            #expect(Self.text(before.stderr).contains("nothing matched \"trigger before:2026-11\" in those dates"))
            let year = try knead.runPiped(["search", "trigger", "--since", "2026", "--before", "2027-01", "--data-dir", knead.dataDir.path])
            #expect(Self.text(year.stdout).split(separator: "\n").count == 4)
            let wrong = try knead.runPiped(["search", "trigger", "--since", "2026-11-31", "--data-dir", knead.dataDir.path])
            #expect(wrong.status == 2)
            #expect(Self.text(wrong.stderr).contains("since: takes a year, a month or a day, e.g. since:2019, since:2019-03 or since:2019-03-15."))
            // A date option is one date: more words or another date in it are refused, not searched.
            for (option, value) in [("--since", "2019 knee"), ("--before", "2027 since:2019"), ("--since", ""), ("--before", "2027\tknee")] {
                let glued = try knead.runPiped(["search", "trigger", option, value, "--data-dir", knead.dataDir.path])
                #expect(glued.status == 2, "\(option) \(value)")
                #expect(Self.text(glued.stderr).contains("\(option) takes one date: a year, a month or a day (YYYY, YYYY-MM or YYYY-MM-DD)"),
                        "\(Self.text(glued.stderr))")
                #expect(glued.stdout.isEmpty)
            }
        }

        @Test("search with more matches than it ranks: the best of the newest, and standard error says so and how to narrow")
        func searchCapped() throws {
            let knead = try Self.seeded()
            defer { knead.removeHome() }
            // One session with 1,001 notes that say "gardening", appended in one transaction.
            let journal = try knead.openJournal()
            var state = SessionState(id: .make())
            var events: [SessionEvent] = []
            var at = Self.now.addingTimeInterval(-7_200)
            let region = try #require(Region(.shoulder, .left))
            let five = try #require(PainScore(5))
            let commands: [SessionCommand] = [
                .start(client: Client(id: ClientID("client-many"), name: "Noor Notes"), plannedMinutes: 60),
                .recordAssessment(Assessment(chiefComplaint: "Shoulder", painfulRegions: [RegionPain(region: region, score: five)], consent: true)),
                .beginTreatment,
            ] + (0...1_000).map { .note("Gardening strain, pass \($0)") }
            for command in commands {
                guard case .success(let new) = decide(command, state, at: at) else {
                    Issue.record("the decider refused \(command)")
                    return
                }
                for event in new { state.evolve(event) }
                events += new
                at.addTimeInterval(1)
            }
            try journal.append(events, to: state.id)
            try journal.close()

            let found = try knead.runPiped(["search", "gardening", "--data-dir", knead.dataDir.path])
            #expect(found.status == 0)
            #expect(Self.text(found.stdout).split(separator: "\n").count == 50)
            #expect(Self.text(found.stderr) == "knead: more than 1,000 entries match; these are the best 50 of the newest 1,000. Narrow with --client, --since or --before to reach older ones.\n")
        }
    }
}
