import Foundation

/// The keystrokes of a session, each followed by a wait for the screen to show its effect.
extension PseudoTerminal {
    /// Types `text` and waits until its last characters show (fields echo what is typed).
    func type(_ text: String) throws {
        try send(text)
        try waitFor(String(text.suffix(12)))
    }

    /// From Today on an empty database: `n`, the client's name, Enter, then Enter on the (empty)
    /// health history; waits for the assessment form.
    func startSession(client: String) throws {
        try waitFor("No sessions yet today")
        try send("n")
        try waitFor("No clients yet: type a name")
        try type(client)
        try send(key: .enter)
        try waitFor("No health history yet")
        try send(key: .enter)
        try waitFor("History confirmed unchanged")
    }

    /// Fills complaint, one painful region with its score, one screening answer (no fever) and
    /// consent, then F2; waits for treatment.
    func assess(complaint: String, region: String, score: Int) throws {
        try waitFor("▸ Complaint")
        try type(complaint)
        for _ in 0..<4 { try send(key: .tab) } // onset, worse with, better with, painful regions
        try waitFor("▸ Painful regions")
        try send(key: .enter)
        try waitFor("Add a painful region")
        try type(region)
        try waitFor("▸ \(region)")
        try send(key: .enter)
        try waitFor("Pain in the \(region):")
        try send(score == 10 ? "x" : String(score))
        try waitFor("\(region)  \(score)/10")
        for _ in 0..<3 { try send(key: .tab) } // conditions, medications, screening
        try waitFor("▸ Screening")
        try send("n")                          // the first question: no
        for _ in 0..<6 { try send(key: .tab) } // screening notes … pressure preference, consent
        try waitFor("▸ Consent to treatment")
        try send(key: .space)
        try waitFor("[x] yes")
        try send(key: .f2)
        try waitFor("Treatment begun")
    }

    /// Enter on the highlighted region; waits for "Working on the <region>".
    func startWork(on region: String) throws {
        try send(key: .enter)
        try waitFor("Working on the \(region)")
    }

    /// Logs a pain check-in by digit (10 as x); waits until the status line reports it.
    func checkIn(_ score: Int, region: String) throws {
        try send(score == 10 ? "x" : String(score))
        try waitFor("Pain \(score) in the \(region)")
    }
}
