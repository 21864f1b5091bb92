import Foundation
import Testing

extension EndToEnd {
    @Suite("A newcomer's first minute: the demo and the help")
    struct DemoAndHelp {
        static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

        @Test("knead --help shows the default command's options and the subcommands")
        func rootHelp() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            for arguments in [["--help"], ["-h"], ["help"]] {
                let run = try knead.runPiped(arguments)
                #expect(run.status == 0)
                let help = Self.text(run.stdout)
                for option in ["--data-dir <folder>", "--theme <name>", "--config <file>", "--therapist <name>",
                               "--show-names/--no-show-names", "--minutes <minutes>", "--mouse", "--version"] {
                    #expect(help.contains(option), "\(arguments) lacks \(option)")
                }
                for subcommand in ["run (default)", "demo", "export", "review", "history", "search", "report", "sync"] {
                    #expect(help.contains("\n  \(subcommand)"), "\(arguments) lacks \(subcommand)")
                }
                #expect(help.contains("USAGE: knead [--data-dir <folder>]"))
                #expect(help.contains("knead <subcommand>"))
                #expect(!help.contains("help run"), "no detour through help run")
            }
        }

        @Test("knead demo --help offers only what demo accepts; --data-dir is refused with a sentence")
        func demoHelp() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let help = try knead.runPiped(["demo", "--help"])
            #expect(help.status == 0)
            let text = Self.text(help.stdout)
            #expect(!text.contains("--data-dir"))
            #expect(text.contains("--keep") && text.contains("--theme <name>"))
            let refused = try knead.runPiped(["demo", "--data-dir", knead.dataDir.path])
            #expect(refused.status == 2)
            #expect(Self.text(refused.stderr).contains("demo makes its own throwaway database; leave out --data-dir."))
            #expect(!FileManager.default.fileExists(atPath: knead.dataDir.path))
        }

        @Test("The demo opens on Today without a question, and on quit says its data is deleted; with --keep, where it is")
        func demoQuitSaysWhatHappened() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let temporary = knead.home.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            let environment = ["TMPDIR": temporary.path, "KNEAD_DEV_CLOCK": "2031-02-28T15:30:00Z"]

            let pty = try knead.start(["demo"], extraEnvironment: environment)
            defer { pty.terminate() }
            try pty.waitFor("Tom O'Brien")
            #expect(!pty.screenText.contains("Resume"), "no resume question on the first screen")
            #expect(pty.screenText.contains("Friday 28 February 2031"), "dated from the clock")
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).count == 1)
            try pty.send(key: .ctrlC)
            #expect(try pty.waitForExit() == .exited(0))
            let said = Self.text(pty.rawOutput)
            #expect(said.contains("knead: the demo practice ("))
            #expect(said.contains("is deleted; nothing of it is left. Run knead demo --keep to keep one."))
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)

            let kept = try knead.start(["demo", "--keep"], extraEnvironment: environment)
            defer { kept.terminate() }
            try kept.waitFor("Tom O'Brien")
            try kept.send(key: .ctrlC)
            #expect(try kept.waitForExit() == .exited(0))
            let output = Self.text(kept.rawOutput)
            let marker = try #require(output.range(of: "the demo practice is kept in "))
            let folder = String(output[marker.upperBound...].prefix { !$0.isWhitespace })
            #expect(folder.hasPrefix(temporary.path))
            #expect(output.contains("open it again with knead --data-dir \(folder) and delete that folder when you are done."))
            #expect(FileManager.default.fileExists(atPath: folder + "/knead.sqlite"))
        }

        @Test("At 00:01 the demo's day is yesterday's: Today is empty, the status line says where it is, ← in the review shows it")
        func demoAtNight() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let temporary = knead.home.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            let environment = ["TMPDIR": temporary.path, "KNEAD_DEV_CLOCK": "2031-03-01T00:01:00Z"]
            let pty = try knead.start(["demo"], extraEnvironment: environment)
            defer { pty.terminate() }
            try pty.waitFor("until 04:30 its day of sessions is yesterday's")
            #expect(pty.screenText.contains("No sessions yet today."))
            #expect(pty.screenText.contains("Saturday 1 March 2031"))
            try pty.send("r")
            try pty.waitFor("Day review")
            try pty.send(key: .left)
            try pty.waitFor("Friday 28 February 2031")
            try pty.waitFor("Tom O'Brien")
            #expect(pty.screenText.contains("María José") && pty.screenText.contains("김민지"))
            try pty.send(key: .ctrlC)
            #expect(try pty.waitForExit() == .exited(0))
        }

        @Test("The demo practice answers the records commands at once: review, history, search")
        func demoRecords() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let temporary = knead.home.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            let environment = ["TMPDIR": temporary.path, "KNEAD_DEV_CLOCK": "2031-02-28T15:30:00Z"]
            let pty = try knead.start(["demo", "--keep"], extraEnvironment: environment)
            defer { pty.terminate() }
            try pty.waitFor("Tom O'Brien")
            try pty.send(key: .ctrlC)
            #expect(try pty.waitForExit() == .exited(0))
            let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: temporary.path).first)
            let data = ["--data-dir", temporary.appendingPathComponent(folder).path]
            let review = try knead.runPiped(["review", "--date", "2031-02-28"] + data, extraEnvironment: environment)
            #expect(review.status == 0)
            #expect(Self.text(review.stdout).contains("3 sessions"), "\(Self.text(review.stdout))")
            let history = try knead.runPiped(["history", "tom"] + data, extraEnvironment: environment)
            #expect(history.status == 0)
            #expect(Self.text(history.stdout).contains("8 visits"), "\(Self.text(history.stdout))")
            let search = try knead.runPiped(["search", "piriformis"] + data, extraEnvironment: environment)
            #expect(search.status == 0)
            let report = try knead.runPiped(["report", "amira"] + data, extraEnvironment: environment)
            #expect(report.status == 0)
            #expect(Self.text(report.stdout).contains("PEG"))
        }
    }
}
