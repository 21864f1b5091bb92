import CNcurses
import Glibc

/// The checks that must pass before ncurses is started, in the safe order.
///
/// `initscr` exits the process on an unknown `TERM`, draws garbage on `TERM=dumb` and spins
/// on a closed input; these checks turn each of those into a `TerminalError` instead.
/// They take file descriptors and the terminal type as arguments so tests can run them
/// with pipes and `/dev/null` instead of a real terminal.
public enum TerminalPreflight {
    /// Fails unless both descriptors are terminals.
    /// - Parameter isTerminal: `isatty` by default; injectable for tests.
    public static func checkInteractive(
        input: Int32, output: Int32, isTerminal: (Int32) -> Bool = { isatty($0) == 1 }
    ) throws(TerminalError) {
        guard isTerminal(input) else { throw .inputNotTerminal }
        guard isTerminal(output) else { throw .outputNotTerminal }
    }

    /// Fails unless `term` names a terminfo entry with cursor addressing.
    ///
    /// Loads the entry with `setupterm` (which reports instead of exiting when given an error
    /// out-parameter) and releases it again, so `newterm` starts from nothing.
    /// - Parameter output: the descriptor ncurses will write to; it need not be a terminal.
    public static func checkTerminalType(_ term: String?, output: Int32) throws(TerminalError) {
        guard let term, !term.isEmpty else { throw .terminalTypeMissing }
        var status: Int32 = 0
        guard setupterm(term, output, &status) == OK else { throw .terminalTypeUnknown(term) }
        let canAddress = knead_has_string_capability("cup") == 1
        knead_release_setupterm()
        guard canAddress else { throw .noCursorAddressing(term) }
    }

    /// All the checks, in order: interactive descriptors first, then the terminal type.
    public static func check(input: Int32, output: Int32, term: String?) throws(TerminalError) {
        try checkInteractive(input: input, output: output)
        try checkTerminalType(term, output: output)
    }
}
