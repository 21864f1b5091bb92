import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    @Suite("Crash signals restore the terminal first; SIGUSR1 and SIGUSR2 do nothing")
    struct CrashSignals {
        @Test("SIGSEGV, SIGABRT, SIGBUS, SIGILL: terminal restored (screen, cursor, modes), a report, then the signal's own end",
              arguments: [SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE])
        func crashRestoresTheTerminal(signal: Int32) throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let pty = try knead.start()
            defer { pty.terminate() }
            _ = try pty.waitFor("Today")
            let raw = try #require(pty.terminalModes())
            #expect(raw.c_lflag & tcflag_t(ICANON | ECHO) == 0, "knead runs the terminal raw")
            pty.kill(signal)
            #expect(try pty.waitForExit() == .signalled(signal))
            let output = pty.rawOutput
            let reset = try #require(output.lastRange(of: "\u{1B}[?1049l"), "the alternate screen is left")
            let report = try #require(output.lastRange(of: "knead stopped after an internal error"), "a report")
            #expect(reset.lowerBound < report.lowerBound, "the terminal is restored before the report")
            #expect(output.lastRange(of: "\u{1B}[?25h").map { $0.lowerBound < report.lowerBound } == true, "the cursor is shown")
            let modes = try #require(pty.terminalModes())
            #expect(modes.c_lflag & tcflag_t(ICANON) != 0, "line editing is back")
            #expect(modes.c_lflag & tcflag_t(ECHO) != 0, "echo is back")
        }

        @Test("SIGUSR1 and SIGUSR2 are ignored: knead keeps running and quits normally")
        func userSignalsAreIgnored() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let pty = try knead.start()
            defer { pty.terminate() }
            _ = try pty.waitFor("Today")
            pty.kill(SIGUSR1)
            pty.kill(SIGUSR2)
            try pty.send("c")
            _ = try pty.waitFor("Clients")
            try pty.send(key: .ctrlC)
            #expect(try pty.waitForExit() == .exited(0))
        }
    }
}
