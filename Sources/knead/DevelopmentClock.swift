import ArgumentParser
import Foundation
import KneadCore
import KneadUI

/// A clock for end-to-end tests and demonstrations, off unless `KNEAD_DEV_CLOCK` is set.
///
/// `KNEAD_DEV_CLOCK=2026-11-18T09:00:00Z` starts knead's clock at that moment, and the clock then
/// stands still: F9 moves it on by `KNEAD_DEV_CLOCK_STEP` seconds (default 60). Every event is
/// stamped with this clock, so a scripted hour of treatment takes seconds and its times are exact.
/// It is never on by accident: the variable must be set, must parse, and the app says at start
/// that the development clock is in use.
struct DevelopmentClock {
    let clock: ManualClock
    let step: TimeInterval

    /// The clock the environment asks for; nil when it asks for none; an error sentence when the
    /// variables are set but wrong.
    static func from(_ environment: [String: String]) -> Result<DevelopmentClock, DevelopmentClockError>? {
        guard let text = environment["KNEAD_DEV_CLOCK"] else { return nil }
        guard let start = ISO8601DateFormatter().date(from: text) else {
            return .failure(DevelopmentClockError(
                "KNEAD_DEV_CLOCK must be a moment such as 2026-11-18T09:00:00Z; unset it to use the real clock."))
        }
        var step: TimeInterval = 60
        if let stepText = environment["KNEAD_DEV_CLOCK_STEP"] {
            guard let seconds = Int(stepText), (1...3600).contains(seconds) else {
                return .failure(DevelopmentClockError("KNEAD_DEV_CLOCK_STEP must be whole seconds from 1 to 3600."))
            }
            step = TimeInterval(seconds)
        }
        return .success(DevelopmentClock(clock: ManualClock(start), step: step))
    }

    /// The notice shown when the app opens.
    var notice: String { "Development clock (KNEAD_DEV_CLOCK): time stands still; F9 moves it on \(Int(step)) s." }
}

/// The one clock every command of this process reads: the development clock when
/// `KNEAD_DEV_CLOCK` asks for one, the wall clock otherwise.
enum CommandClock {
    /// The clock for commands that only read or copy records; exits 2 with the sentence when the
    /// development clock variables are set but wrong.
    static func resolve(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any Clock {
        try development(environment)?.clock ?? SystemClock()
    }

    /// The development clock the environment asks for, nil for the wall clock; exits 2 with the
    /// sentence when the variables are set but wrong.
    static func development(_ environment: [String: String]) throws -> DevelopmentClock? {
        switch DevelopmentClock.from(environment) {
        case .failure(let error)?:
            printError("knead: \(error)")
            throw ExitCodeError.usage
        case .success(let development)?: return development
        case nil: return nil
        }
    }
}

/// Why the development clock could not be set up.
struct DevelopmentClockError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Passes everything to the app, except F9, which moves the development clock on.
final class ClockSteppingProgram: TerminalProgram {
    let app: KneadApp
    let clock: DevelopmentClock

    init(app: KneadApp, clock: DevelopmentClock) {
        self.app = app
        self.clock = clock
    }

    func handle(_ input: Input) {
        if case .key(.function(9)) = input {
            clock.clock.advance(by: clock.step)
            app.handle(.tick)
            return
        }
        app.handle(input)
    }

    func frame(width: Int, height: Int) -> Frame { app.frame(width: width, height: height) }
    var isFinished: Bool { app.isFinished }
    var theme: Theme { app.theme }
    func awaitSaved() -> Bool { app.awaitSaved() }
}
