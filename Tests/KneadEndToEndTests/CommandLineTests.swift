import Foundation
import Testing

extension EndToEnd {
    @Suite("Without a usable terminal, and the command line")
    struct CommandLine {
        @Test("stdin /dev/null and stdout a pipe: status 2, one line on stderr, nothing on stdout")
        func notATerminal() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let run = try knead.runPiped(["--data-dir", knead.dataDir.path])
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty, "stdout: \(String(decoding: run.stdout, as: UTF8.self).debugDescription)")
            #expect(!run.stdout.contains(0x1B) && !run.stderr.contains(0x1B), "no escape sequences")
            let message = String(decoding: run.stderr, as: UTF8.self)
            let lines = message.split(separator: "\n")
            #expect(lines.count == 1, "one line: \(message.debugDescription)")
            #expect(message.contains("terminal"))
            #expect(!FileManager.default.fileExists(atPath: knead.dataDir.path), "no data touched before the check")
        }

        @Test("TERM=dumb on a pseudo-terminal: status 2 and a one-line message")
        func dumbTerminal() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let pty = try knead.start(term: "dumb")
            defer { pty.terminate() }
            #expect(try pty.waitForExit() == .exited(2))
            let raw = pty.rawOutput
            #expect(!raw.contains(0x1B), "no escape sequences: \(String(decoding: raw, as: UTF8.self).debugDescription)")
            let text = String(decoding: raw, as: UTF8.self)
            let lines = text.split(whereSeparator: \.isNewline)
            #expect(lines.count == 1, "one line: \(text.debugDescription)")
            #expect(text.contains("terminal"))
        }

        @Test("--version prints the version and exits 0")
        func version() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let run = try knead.runPiped(["--version"])
            #expect(run.status == 0)
            let printed = String(decoding: run.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(printed.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression) != nil, "printed \(printed.debugDescription)")
            #expect(run.stderr.isEmpty)
        }

        @Test("An unknown option is bad usage: exit status 2 with the usage on stderr")
        func unknownOption() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let run = try knead.runPiped(["--bogus"])
            let message = String(decoding: run.stderr, as: UTF8.self)
            #expect(message.contains("--bogus"))
            #expect(message.contains("Usage"))
            #expect(run.stdout.isEmpty)
            // The help text documents 2 for bad usage (ArgumentParser's own default would be 64).
            #expect(run.status == 2)
        }
    }
}
