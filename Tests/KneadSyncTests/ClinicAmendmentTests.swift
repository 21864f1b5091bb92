import Foundation
import GRDB
import KneadCore
import Testing
@testable import KneadStore
@testable import KneadSync

@Suite("Amendments written on another machine than the session's", .enabled(if: TestPostgres.available, Comment(rawValue: TestPostgres.skipMessage)))
struct ClinicAmendmentTests {
    let client = Client(id: ClientID("client-amend-1"), name: "Ruth Okafor", preferredName: "Ruth")

    /// Decides and appends one command on a machine, from the session as that machine reads it.
    @discardableResult
    func perform(_ command: SessionCommand, on machine: Therapist, _ session: SessionID) throws -> [SessionEvent] {
        var state = SessionState(id: session)
        for event in try machine.journal.events(of: session) { state.evolve(event) }
        machine.clock.advance(by: 30)
        switch decide(command, state, at: machine.clock.now()) {
        case .success(let events):
            try machine.journal.append(events, to: session)
            return events
        case .failure(let rejection):
            throw SyncTestFailure("The decider refused \(command): \(rejection.reason)")
        }
    }

    func ownRows(_ machine: Therapist, _ session: SessionID) throws -> [String] {
        try machine.journal.dbPool.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, type, hex(hash) FROM events WHERE session_id = ? ORDER BY seq",
                             arguments: [session.rawValue]).map { "\($0[0] as Int) \($0[1] as String) \($0[2] as String)" }
        }
    }

    func note(_ machine: Therapist, _ session: SessionID) throws -> [String] {
        var state = SessionState(id: session)
        for event in try machine.journal.events(of: session) { state.evolve(event) }
        return NoteComposer(timeZone: TimeZone(identifier: "UTC")!).compose(state, now: machine.clock.now()).lines
    }

    @Test("Lee amends Dana's signed session offline while Dana amends it too: both sync, both see both amendments in one order, Dana's events untouched, the note shows them")
    func amendAnotherTherapistsSession() throws {
        let server = try TestPostgres.freshDatabase()
        let dana = try Therapist("Dana"), lee = try Therapist("Lee")
        let session = try dana.treat(client)
        _ = try dana.sync(server)
        _ = try lee.sync(server)
        let danasRows = try ownRows(dana, session)
        #expect(try ownRows(lee, session) == danasRows)

        // Both offline: Lee amends Dana's session; Dana amends it as well (the next seq in her numbering).
        lee.clock.advance(by: 3_600)
        try perform(.amend(Amendment(by: "Lee", reason: "Client called back", text: "Reported relief lasted three days")), on: lee, session)
        dana.clock.advance(by: 7_200)
        try perform(.amend(Amendment(by: "Dana", reason: "Typo", text: "Left, not right, quadratus lumborum")), on: dana, session)
        #expect(try ownRows(lee, session) == danasRows, "Lee's amendment is not one of Dana's events")
        #expect(try lee.journal.events(of: session).last?.change == .amended(Amendment(by: "Lee", reason: "Client called back", text: "Reported relief lasted three days")))
        #expect(try lee.journal.localSyncStatus().waiting == 1)

        _ = try lee.sync(server)
        _ = try dana.sync(server)
        _ = try lee.sync(server)

        // The server: Dana's events (hers alone, with her amendment), Lee's amendment in its own table.
        #expect(try serverCount(server, "SELECT count(*) FROM events WHERE session_id = '\(session)'") == danasRows.count + 1)
        #expect(try serverCount(server, "SELECT count(*) FROM amendments WHERE session_id = '\(session)'") == 1)
        // Dana's rows: her own, unchanged, plus her amendment; Lee's copy the same.
        let after = try ownRows(dana, session)
        #expect(Array(after.prefix(danasRows.count)) == danasRows)
        #expect(after.count == danasRows.count + 1)
        #expect(try ownRows(lee, session) == after)
        // Both machines read the same session: two amendments, in time order, Lee's first.
        let onDana = try dana.journal.events(of: session), onLee = try lee.journal.events(of: session)
        #expect(onDana == onLee)
        let amendments = onDana.compactMap { if case .amended(let a) = $0.change { a.by } else { nil } }
        #expect(amendments == ["Lee", "Dana"])
        for machine in [dana, lee] {
            let lines = try note(machine, session)
            #expect(lines.contains { $0.contains("Reported relief lasted three days") })
            #expect(lines.contains { $0.contains("Left, not right, quadratus lumborum") })
            #expect(try machine.journal.localSyncStatus().waiting == 0)
        }
        // Nothing moves on a further sync; nothing was refused.
        #expect(try dana.sync(server).pulled == 0)
        #expect(try lee.journal.localSyncStatus().refused.isEmpty)
        #expect(try dana.journal.localSyncStatus().refused.isEmpty)
        // Amendments from other machines cannot be changed or deleted behind knead, on either machine.
        for machine in [dana, lee] {
            for sql in ["UPDATE clinic_amendments SET payload = '{}'", "DELETE FROM clinic_amendments"] {
                #expect(throws: (any Error).self) { try machine.journal.dbPool.write { db in try db.execute(sql: sql) } }
            }
            #expect(try machine.count("SELECT count(*) FROM clinic_amendments") == 1)
        }
        // Dana's journal still verifies.
        #expect(try dana.journal.verify().isIntact)
        #expect(try lee.journal.verify().isIntact)
    }

    @Test("Anything but an amendment of a signed session is refused on another machine, with a sentence naming the owner")
    func onlyAmendmentsElsewhere() throws {
        let server = try TestPostgres.freshDatabase()
        let dana = try Therapist("Dana"), lee = try Therapist("Lee")
        let open = try dana.treat(client, signed: false)
        _ = try dana.sync(server)
        _ = try lee.sync(server)
        let rows = try ownRows(lee, open)
        #expect {
            try lee.journal.append([SessionEvent(at: lee.clock.now(), .noted("an extra note"))], to: open)
        } throws: { error in
            "\(error)".contains("started on Dana's knead") && "\(error)".contains("add an amendment")
        }
        #expect {
            try lee.journal.append([SessionEvent(at: lee.clock.now(), .amended(Amendment(by: "Lee", reason: "r", text: "t")))], to: open)
        } throws: { error in "\(error)".contains("Once it is signed") }
        #expect(try ownRows(lee, open) == rows)
        #expect(try lee.journal.syncWaiting() == 0)
    }
}
