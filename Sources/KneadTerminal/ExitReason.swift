/// Why `TerminalRunner.run` returned.
public enum ExitReason: Hashable, Sendable {
    /// The program said it was finished.
    case finished
    /// SIGTERM, SIGHUP or SIGINT arrived; the program was sent `.terminate` first.
    case signal(Int32)
    /// The terminal went away (its window closed, the connection dropped); the program
    /// was sent `.terminate` first.
    case hangup
}
