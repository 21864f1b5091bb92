import Glibc
import Testing

@testable import KneadTerminal

extension NcursesGlobalTests {
    /// setupterm uses ncurses' global current terminal, so these run one at a time, and not beside
    /// a suite with a screen.
    @Suite("Terminal start-up checks")
    struct TerminalPreflightTests {
        @Test("a pipe as standard input is refused")
        func pipeInput() throws {
            var fds: [Int32] = [-1, -1]
            try #require(pipe(&fds) == 0)
            defer { close(fds[0]); close(fds[1]) }
            #expect(throws: TerminalError.inputNotTerminal) {
                try TerminalPreflight.check(input: fds[0], output: fds[1], term: "xterm-256color")
            }
            #expect(TerminalError.inputNotTerminal.description
                == "knead needs an interactive terminal: standard input is not a terminal.")
        }

        @Test("a file as standard output is refused, after the input check")
        func fileOutput() throws {
            let null = open("/dev/null", O_WRONLY)
            try #require(null >= 0)
            defer { close(null) }
            #expect(throws: TerminalError.inputNotTerminal) {
                try TerminalPreflight.checkInteractive(input: null, output: null)
            }
            // Pretend descriptor 100 is a terminal; /dev/null really is not.
            let fakeTerminal: (Int32) -> Bool = { $0 == 100 || isatty($0) == 1 }
            #expect(throws: TerminalError.outputNotTerminal) {
                try TerminalPreflight.checkInteractive(input: 100, output: null, isTerminal: fakeTerminal)
            }
            try TerminalPreflight.checkInteractive(input: 100, output: 100, isTerminal: fakeTerminal)
        }

        @Test("TERM unset or empty is refused")
        func missingTerm() {
            #expect(throws: TerminalError.terminalTypeMissing) {
                try TerminalPreflight.checkTerminalType(nil, output: 1)
            }
            #expect(throws: TerminalError.terminalTypeMissing) {
                try TerminalPreflight.checkTerminalType("", output: 1)
            }
        }

        @Test("TERM=dumb is refused: no cursor addressing")
        func dumb() throws {
            let null = open("/dev/null", O_WRONLY)
            try #require(null >= 0)
            defer { close(null) }
            #expect(throws: TerminalError.noCursorAddressing("dumb")) {
                try TerminalPreflight.checkTerminalType("dumb", output: null)
            }
            #expect(TerminalError.noCursorAddressing("dumb").description
                == "knead cannot drive this terminal (TERM=dumb): it has no cursor addressing. Try TERM=xterm-256color.")
        }

        @Test("an unknown TERM is refused")
        func unknown() throws {
            let null = open("/dev/null", O_WRONLY)
            try #require(null >= 0)
            defer { close(null) }
            #expect(throws: TerminalError.terminalTypeUnknown("no-such-terminal")) {
                try TerminalPreflight.checkTerminalType("no-such-terminal", output: null)
            }
        }

        @Test("xterm-256color passes")
        func known() throws {
            let null = open("/dev/null", O_WRONLY)
            try #require(null >= 0)
            defer { close(null) }
            try TerminalPreflight.checkTerminalType("xterm-256color", output: null)
            try TerminalPreflight.checkTerminalType("xterm-256color", output: null)  // released, so again
        }

        @Test("every error is one line")
        func oneLine() {
            let errors: [TerminalError] = [.inputNotTerminal, .outputNotTerminal, .terminalTypeMissing,
                                           .terminalTypeUnknown("x"), .noCursorAddressing("x"), .cannotStart("x"),
                                           .signalSetupFailed(errno: EMFILE)]
            for error in errors {
                #expect(!error.description.contains("\n"))
                #expect(error.description.hasSuffix("."))
            }
        }
    }
}
