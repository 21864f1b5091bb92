import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    @Suite("Hostile text and resize storms on a real terminal")
    struct HostileTerminal {
        /// A note written with escape sequences (as an import or another program might store it)
        /// reaches the real terminal only as harmless characters; keys that are not text are not typed.
        @Test("An ESC-laden note never reaches the terminal as an escape sequence")
        func escapeLadenNote() throws {
            let home = try KneadBinary()
            defer { home.removeHome() }
            let note = "MARK knot \u{1B}]0;pwned\u{07}TITLE \u{1B}[31;7;5mZAP\u{9B}2J\u{202E}desrever"
            do {
                let journal = try home.openJournal()
                defer { try? journal.close() }
                let client = Client(id: ClientID("c-esc"), name: "Eve \u{1B}]2;owned\u{07}Escape")
                try SamplePractice.record(journal, at: Date(), client: client, minutes: 60, steps: [
                    .command(.recordAssessment(Assessment(chiefComplaint: "neck", consent: true))),
                    .command(.beginTreatment), .command(.note(note)),
                ])
            }
            let terminal = try home.start()
            try terminal.waitFor("Resume the unfinished session")
            try terminal.send("y")
            try terminal.waitFor("MARK knot")
            // Typed: C1 CSI and a bidi override are not text and must not arrive as such.
            try terminal.send("n")
            try terminal.waitFor("Finding")
            try terminal.send("typed \u{9B}31m\u{202E}rev")
            try terminal.send(key: .enter)
            try terminal.waitFor("typed")
            try terminal.send(key: .ctrlC)
            #expect(try terminal.waitForExit() == .exited(0))

            let raw = terminal.rawOutput
            for forbidden in ["\u{1B}]0;pwned", "\u{1B}]2;owned", "\u{1B}[31;7;5m", "\u{9B}", "\u{202E}", "\u{07}"] {
                #expect(raw.lastRange(of: forbidden) == nil, "the output holds \(forbidden.debugDescription)")
            }
            EndToEnd.Signals.expectTerminalRestored(raw)
            let journal = try home.openJournal()
            defer { try? journal.close() }
            let session = try #require(try journal.unfinishedSessions().first)
            let notes = try journal.events(of: session.id).compactMap { event -> String? in
                if case .noted(let text) = event.change { return text }
                return nil
            }
            #expect(notes.first == note, "the stored note is exactly what was written")
            #expect(notes.last?.hasPrefix("typed") == true)
            #expect(notes.last.map { !$0.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x202E } } ?? false)
        }

        /// 200 resizes as fast as they can be sent, many below the minimum size, then back to
        /// 100x30: the program is alive, redraws the whole screen, and quitting restores the terminal.
        @Test("A storm of 200 resizes, some below the minimum, then a clean redraw and exit")
        func resizeStorm() throws {
            let home = try KneadBinary()
            defer { home.removeHome() }
            let terminal = try home.start()
            try terminal.waitFor("No sessions yet today")
            var random = SystemRandomNumberGenerator()
            for i in 0..<200 {
                switch i % 4 {
                case 0: terminal.resize(columns: Int.random(in: 1...79, using: &random), rows: Int.random(in: 1...23, using: &random))
                case 1: terminal.resize(columns: Int.random(in: 80...250, using: &random), rows: Int.random(in: 24...80, using: &random))
                case 2: terminal.resize(columns: 1, rows: 1)
                default: terminal.resize(columns: 80, rows: Int.random(in: 20...30, using: &random))
                }
                if i % 50 == 49 { usleep(20_000) }  // let some of them be drawn
            }
            terminal.resize(columns: 30, rows: 10)
            try terminal.waitFor("Enlarge the window")
            terminal.resize(columns: 100, rows: 30)
            let lines = try terminal.waitForScreen("a full redraw at 100x30") { lines in
                lines.first?.contains("Today") == true && lines.contains { $0.contains("No sessions yet today") }
                    && !lines.contains { $0.contains("Enlarge the window") } && lines.contains { $0.hasPrefix("└") }
            }
            // The frame is whole: the body's box has both corners on its first and last rows.
            #expect(lines[1].hasPrefix("┌") && lines[1].hasSuffix("┐"), "\(lines[1])")
            #expect(lines.contains { $0.hasPrefix("└") && $0.hasSuffix("┘") })
            #expect(Glibc.kill(terminal.pid, 0) == 0, "the program is alive")
            try terminal.send("q")
            #expect(try terminal.waitForExit() == .exited(0))
            EndToEnd.Signals.expectTerminalRestored(terminal.rawOutput)
        }
    }
}
