import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    @Suite("knead export and knead handout")
    struct Export {
        static let now = Date(timeIntervalSince1970: 1_795_000_000)

        /// A data folder holding the sample practice; returns the signed session of this morning
        /// and the one still in treatment.
        static func seeded(_ knead: KneadBinary) throws -> (signed: SessionState, open: SessionListing) {
            let journal = try SQLiteJournal.open(folder: knead.dataDir, clock: testClock())
            defer { try? journal.close() }
            try SamplePractice.seed(into: journal, now: now)
            let sessions = try journal.sessions(startedFrom: .distantPast, to: .distantFuture)
            let signed = try #require(sessions.last { $0.phase == .signed })
            let open = try #require(sessions.first { $0.phase == .treatment })
            return (SessionState(id: signed.id, replaying: try journal.events(of: signed.id)), open)
        }

        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

        @Test("Markdown, text and JSON to stdout; JSON decodes back to the session's facts")
        func formatsToStandardOutput() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let (signed, _) = try Self.seeded(knead)
            let prefix = String(signed.id.rawValue.prefix(8))
            let data = ["--data-dir", knead.dataDir.path]

            let md = try knead.runPiped(["export", prefix] + data)
            #expect(md.status == 0, "stderr: \(text(md.stderr))")
            #expect(text(md.stdout).hasPrefix("# Session note — María José García"))
            #expect(text(md.stdout).contains("## Billing — 8-minute rule"))
            #expect(text(md.stdout).contains("**Signed by Sam Rivera, LMT at "))

            let txt = try knead.runPiped(["export", prefix, "--format", "txt"] + data)
            #expect(txt.status == 0)
            #expect(text(txt.stdout).contains("\nS — Subjective\n  Complaint: "))

            let json = try knead.runPiped(["export", signed.id.rawValue, "-f", "json"] + data)
            #expect(json.status == 0)
            let back = try SessionExport.decode(json: Data(json.stdout))
            var expected = SessionExport(signed, now: Self.now, composer: NoteComposer(timeZone: TimeZone(identifier: "UTC")!))
            let reader = try SQLiteJournal.openForReading(at: DataLocation(folder: knead.dataDir), clock: testClock())
            expected.fingerprint = try reader.fingerprint(of: signed.id)
            try reader.close()
            #expect(back == expected)
            #expect(back.schemaVersion == 1)
            #expect(back.billing.totalUnits == 3)
        }

        @Test("--output creates a 0600 file, refuses to overwrite without --force, and replaces with it")
        func outputFile() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let (signed, _) = try Self.seeded(knead)
            let prefix = String(signed.id.rawValue.prefix(8))
            let file = knead.home.appendingPathComponent("note.md").path
            let data = ["--data-dir", knead.dataDir.path]

            let first = try knead.runPiped(["export", prefix, "--output", file] + data)
            #expect(first.status == 0)
            #expect(first.stdout.isEmpty)
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let written = try String(contentsOfFile: file, encoding: .utf8)
            #expect(written.hasPrefix("# Session note"))

            let again = try knead.runPiped(["export", prefix, "-f", "txt", "--output", file] + data)
            #expect(again.status == 1)
            #expect(text(again.stderr).contains("already exists"))
            #expect(text(again.stderr).contains("--force"))
            #expect(try String(contentsOfFile: file, encoding: .utf8) == written, "the file is untouched")

            let forced = try knead.runPiped(["export", prefix, "-f", "txt", "--output", file, "--force"] + data)
            #expect(forced.status == 0)
            #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("Session note"))
            #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o600)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: knead.home.path).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty)
        }

        @Test("Unknown session exits 1; bad usage exits 2")
        func failures() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let (signed, open) = try Self.seeded(knead)
            let data = ["--data-dir", knead.dataDir.path]

            let unknown = try knead.runPiped(["export", "zzzz"] + data)
            #expect(unknown.status == 1)
            #expect(text(unknown.stderr).contains("No session has an id starting with"))
            #expect(unknown.stdout.isEmpty)

            let noData = try knead.runPiped(["export", "abc", "--data-dir", knead.home.appendingPathComponent("none").path])
            #expect(noData.status == 1)
            #expect(!FileManager.default.fileExists(atPath: knead.home.appendingPathComponent("none").path), "nothing created")

            for usage in [["export"] + data, ["export", String(signed.id.rawValue.prefix(8)), "-f", "pdf"] + data,
                          ["export", String(signed.id.rawValue.prefix(8)), "--force"] + data, ["handout"] + data] {
                let run = try knead.runPiped(usage)
                #expect(run.status == 2, "\(usage): \(text(run.stderr))")
                #expect(run.stdout.isEmpty)
            }

            let noAftercare = try knead.runPiped(["handout", open.id.rawValue] + data)
            #expect(noAftercare.status == 1)
            #expect(text(noAftercare.stderr).contains("no aftercare"))
        }

        @Test("The handout is plain words: advice and plan, no codes")
        func handout() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let (signed, _) = try Self.seeded(knead)
            let run = try knead.runPiped(["handout", String(signed.id.rawValue.prefix(6)), "--data-dir", knead.dataDir.path])
            #expect(run.status == 0, "stderr: \(text(run.stderr))")
            let handout = text(run.stdout)
            #expect(handout.hasPrefix("Aftercare for Majo"))
            #expect(handout.contains("  • Drink water through the rest of the day."))
            #expect(handout.contains("How often: Every two weeks"))
            for clinical in ["971", "unit", "Contraindication", "Subjective"] { #expect(!handout.contains(clinical)) }
        }
    }
}
