import KneadStore
import KneadUI

/// Passes input to the app and checks the journal's new entries in the background once the first
/// frame is on screen (at the first tick), showing what the check found when it is done.
///
/// A check that could not run (e.g. the WAL deleted under knead, which the file upkeep puts back
/// within a second) is tried again a few ticks later; only when every try failed is it said.
final class TamperCheckProgram: TerminalProgram {
    let inner: TerminalProgram
    let app: KneadApp
    let check: NewEntriesCheck
    /// Tries before a check that cannot run is reported, and ticks between them.
    static let attempts = 3
    static let ticksBetweenAttempts = 5
    /// Checks that could not run so far.
    private(set) var failures = 0
    private var ticksToRetry: Int?

    init(inner: TerminalProgram, app: KneadApp, check: NewEntriesCheck) {
        self.inner = inner
        self.app = app
        self.check = check
    }

    func handle(_ input: Input) {
        if case .tick = input {
            if let ticks = ticksToRetry {
                ticksToRetry = ticks > 1 ? ticks - 1 : nil
                if ticks <= 1 { check.reset() }
            }
            if ticksToRetry == nil { check.start() }
        }
        inner.handle(input)
        guard let outcome = check.takeOutcome() else { return }
        if case .failed = outcome {
            failures += 1
            if failures < Self.attempts {
                ticksToRetry = Self.ticksBetweenAttempts
                return
            }
        }
        if let notice = Self.notice(for: outcome) { app.alert(notice) }
    }

    func frame(width: Int, height: Int) -> Frame { inner.frame(width: width, height: height) }
    var isFinished: Bool { inner.isFinished }
    var theme: Theme { inner.theme }
    func awaitSaved() -> Bool { inner.awaitSaved() }

    /// A sentence when the check found an entry changed, removed or inserted outside knead, or
    /// could not run; nil when every new entry is intact.
    static func notice(for outcome: NewEntriesCheck.Outcome) -> String? {
        switch outcome {
        case .intact:
            return nil
        case .failed(let reason):
            return "Knead could not check its journal's hashes (\(reason)). Run knead verify."
        case .found(let findings):
            guard let first = findings.first else { return nil }
            let more = findings.count > 1 ? " and \(findings.count - 1) more" : ""
            return "Changed outside knead: \(first.description)\(more) Run knead verify."
        }
    }
}
