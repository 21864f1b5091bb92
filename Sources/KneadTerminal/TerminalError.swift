/// Why the terminal could not be started. The description is one sentence for the user;
/// the executable prints it and exits with status 2.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input is a file, a pipe or closed.
    case inputNotTerminal
    /// Standard output is a file, a pipe or closed.
    case outputNotTerminal
    /// `TERM` is unset or empty.
    case terminalTypeMissing
    /// `TERM` names a terminal the terminfo database does not know.
    case terminalTypeUnknown(String)
    /// The terminal cannot move the cursor (`cup`), for example `TERM=dumb`.
    case noCursorAddressing(String)
    /// ncurses refused to start on this terminal.
    case cannotStart(String)
    /// The signal handlers or their self-pipe could not be set up.
    case signalSetupFailed(errno: Int32)

    public var description: String {
        switch self {
        case .inputNotTerminal:
            "knead needs an interactive terminal: standard input is not a terminal."
        case .outputNotTerminal:
            "knead needs an interactive terminal: standard output is not a terminal."
        case .terminalTypeMissing:
            "knead needs an interactive terminal: TERM is not set. Try TERM=xterm-256color."
        case .terminalTypeUnknown(let term):
            "knead does not know this terminal (TERM=\(term)): it has no terminfo entry. Try TERM=xterm-256color."
        case .noCursorAddressing(let term):
            "knead cannot drive this terminal (TERM=\(term)): it has no cursor addressing. Try TERM=xterm-256color."
        case .cannotStart(let term):
            "knead could not start this terminal (TERM=\(term)). Try TERM=xterm-256color."
        case .signalSetupFailed(let code):
            "knead could not set up its signal handling (error \(code)); it did not start so that nothing is lost on exit."
        }
    }
}
