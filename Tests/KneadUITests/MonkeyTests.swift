import Foundation
import KneadCore
import KneadStore
import Testing
@testable import KneadUI

/// A seeded random number generator, so a failing monkey run can be replayed exactly.
struct MonkeyRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// 100,000 random keystrokes and resizes against the app on a real journal: nothing crashes,
/// every frame has the terminal's size, and the open session is always what its events say.
///
/// Checked after every step: the frame's size (a frame is drawn after every step, as the
/// terminal does), pain 0–10, pressure 0–5, at most one open work segment, and that the
/// session's own event list matches the journal's count. Every 250 steps and at the end: the
/// open session equals a replay of the journal's events, and the sessions that were signed
/// before the run still begin with exactly the events they were signed with.
@Suite struct MonkeyTests {
    static let steps = Int(ProcessInfo.processInfo.environment["MONKEY_STEPS"] ?? "") ?? 100_000
    static let replayEvery = 250

    @Test func randomKeysAndResizesKeepTheSessionWhole() throws {
        let fixture = try AppFixture()
        var app = fixture.app
        var random = MonkeyRandom(seed: 0x6B6E_6561_64)
        let keys = Self.keySet(app.keymap)
        let signedBefore = try Self.signedSessions(fixture.journal)
        #expect(!signedBefore.isEmpty, "the sample practice should hold signed sessions")
        var size = (width: 100, height: 30)
        app.handle(.resized(width: size.width, height: size.height))
        var restarts = 0
        var drawnInTreatment = 0

        for step in 1...Self.steps {
            let roll = Int.random(in: 0..<1000, using: &random)
            if roll < 8 {
                size = Self.randomSize(&random)
                app.handle(.resized(width: size.width, height: size.height))
            } else if roll < 10 {
                app.handle(.tick)
            } else if roll < 12 {
                fixture.clock.advance(by: Double(Int.random(in: 1...900, using: &random)))
            } else {
                app.handle(.key(keys[Int.random(in: 0..<keys.count, using: &random)]))
            }
            let frame = app.frame(width: size.width, height: size.height)
            try #require(frame.canvas.width == max(0, size.width) && frame.canvas.height == max(0, size.height),
                         "step \(step): the frame is \(frame.canvas.width)x\(frame.canvas.height), the terminal \(size)")
            if app.screen == .treatment { drawnInTreatment += 1 }
            if let session = app.session { try Self.checkCheaply(session, step: step) }
            if step % Self.replayEvery == 0 || step == Self.steps {
                try Self.checkReplay(app, fixture.journal, step: step)
                try Self.checkSigned(signedBefore, fixture.journal, step: step)
            }
            if app.isFinished {
                // The therapist quit: start again on the same journal, as after a restart.
                restarts += 1
                app = KneadApp(journal: fixture.journal, clock: fixture.clock, theme: BuiltInTheme.default,
                               settings: fixture.app.settings)
                app.handle(.resized(width: size.width, height: size.height))
            }
        }
        // The run must have exercised more than the today screen to mean anything.
        #expect(drawnInTreatment > Self.steps / 50, "the monkey spent \(drawnInTreatment) steps in treatment")
        #expect(restarts > 0)
    }

    /// Every key a binding names, digits, letters, punctuation, non-Latin text and the special keys.
    static func keySet(_ keymap: Keymap) -> [Key] {
        var keys = Set(keymap.bindings.flatMap(\.keys))
        for scalar in UInt8(ascii: " ")...UInt8(ascii: "~") { keys.insert(.character(Character(UnicodeScalar(scalar)))) }
        for c in "éñ마ß漢😀\u{0301}" { keys.insert(.character(c)) }
        for c in "acdeklnpqruwxz" { keys.insert(.control(c)) }
        keys.formUnion([.enter, .tab, .backTab, .escape, .backspace, .delete, .insert,
                        .up, .down, .left, .right, .home, .end, .pageUp, .pageDown])
        for n in 1...12 { keys.insert(.function(n)) }
        // Sorted by label so the same seed walks the same keys on every run.
        return keys.sorted { ($0.label, "\($0)") < ($1.label, "\($1)") }
    }

    /// Mostly usable sizes, often just below the minimum, sometimes degenerate or huge.
    static func randomSize(_ random: inout MonkeyRandom) -> (width: Int, height: Int) {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return (1, 1)
        case 1: return (0, 0)
        case 2: return (Int.random(in: 1...79, using: &random), Int.random(in: 1...23, using: &random))
        case 3: return (79, 24)
        case 4: return (80, 23)
        case 5: return (Int.random(in: 300...500, using: &random), Int.random(in: 100...200, using: &random))
        default: return (Int.random(in: 80...200, using: &random), Int.random(in: 24...60, using: &random))
        }
    }

    static func checkCheaply(_ session: SessionState, step: Int) throws {
        for checkIn in session.checkIns {
            try #require((0...10).contains(checkIn.value.score.value), "step \(step): pain \(checkIn.value.score.value)")
        }
        for segment in session.segments {
            try #require((0...5).contains(segment.work.pressure.rawValue), "step \(step): pressure out of range")
        }
        let open = session.segments.filter { $0.to == nil }.count
        try #require(open <= 1, "step \(step): \(open) open work segments")
        if open == 1 { try #require(session.segments.last?.to == nil, "step \(step): an open segment is not the last") }
        if session.phase != .treatment { try #require(open == 0, "step \(step): open work outside treatment") }
    }

    static func checkReplay(_ app: KneadApp, _ journal: SQLiteJournal, step: Int) throws {
        guard let session = app.session else { return }
        try #require(session.findings == (session.assessment?.findings() ?? []), "step \(step): cached findings are stale")
        let replayed = SessionState(id: session.id, replaying: try journal.events(of: session.id))
        try #require(replayed == session, "step \(step): the open session differs from a replay of its journal")
    }

    static func signedSessions(_ journal: SQLiteJournal) throws -> [SessionID: [SessionEvent]] {
        let listings = try journal.sessions(startedFrom: .distantPast, to: .distantFuture)
        var signed: [SessionID: [SessionEvent]] = [:]
        for listing in listings where listing.phase == .signed {
            signed[listing.id] = try journal.events(of: listing.id)
        }
        return signed
    }

    static func checkSigned(_ before: [SessionID: [SessionEvent]], _ journal: SQLiteJournal, step: Int) throws {
        for (id, events) in before {
            let now = try journal.events(of: id)
            try #require(Array(now.prefix(events.count)) == events, "step \(step): signed session \(id) changed")
            // Only amendments may follow a signature.
            for event in now.dropFirst(events.count) {
                guard case .amended = event.change else {
                    Issue.record("step \(step): signed session \(id) gained \(event.change)")
                    return
                }
            }
        }
    }
}
