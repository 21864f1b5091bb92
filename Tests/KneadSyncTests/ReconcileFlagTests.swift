import Foundation
import KneadCore
import Testing
@testable import KneadStore
@testable import KneadUI

/// The client record screen flags a record edited on two machines apart, and saving it there
/// reconciles the versions, even when nothing on the form changed.
@Suite("The client record screen's reconcile flag", .enabled(if: TestPostgres.available, Comment(rawValue: TestPostgres.skipMessage)))
struct ReconcileFlagTests {
    let noor = Client(id: ClientID("client-flag-1"), name: "Noor Haddad", preferredName: "Noor")

    @Test("A record edited apart shows the flag above the form; a save with nothing changed reconciles it and the flag goes")
    func flagAndReconcile() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana"), b = try Therapist("Lee")
        try editApart(noor, on: a, and: b, server: server)
        #expect(try a.journal.clientsToReconcile() == [noor.id])

        let settings = AppSettings(therapistName: "Dana", timeZone: TimeZone(identifier: "UTC")!)
        let app = KneadApp(journal: a.journal, clock: a.clock, theme: BuiltInTheme.default, settings: settings)
        let shown = try #require(try a.journal.clientRecord(noor.id))
        app.editRecord(shown, isNew: false)
        app.handle(.resized(width: 100, height: 30))
        let flagged = app.frame(width: 100, height: 30).canvas.text
        #expect(flagged.contains("Edited on two machines apart: the version saved by Lee"), "\(flagged)")
        #expect(flagged.contains("differs in email, phone"))
        #expect(flagged.contains("Name"), "the form is still there under the flag")

        app.handle(.key(.function(2)))   // save, nothing typed
        #expect(try a.journal.clientsToReconcile().isEmpty)
        let other = try #require(try a.journal.clientRecord(noor.id))
        app.editRecord(other, isNew: false)
        #expect(!app.frame(width: 100, height: 30).canvas.text.contains("Edited on two machines apart"))
    }

    @Test("A client edited on one machine only shows no flag")
    func noFlag() throws {
        let a = try Therapist("Dana")
        try a.journal.save(ClientRecord(client: noor, phone: "555 0100"))
        let settings = AppSettings(therapistName: "Dana", timeZone: TimeZone(identifier: "UTC")!)
        let app = KneadApp(journal: a.journal, clock: a.clock, theme: BuiltInTheme.default, settings: settings)
        app.editRecord(try #require(try a.journal.clientRecord(noor.id)), isNew: false)
        app.handle(.resized(width: 100, height: 30))
        #expect(!app.frame(width: 100, height: 30).canvas.text.contains("two machines"))
    }
}

/// Today shows this knead's sessions; `C` shows the clinic's day, other rooms' sessions read-only.
@Suite("Today's clinic day", .enabled(if: TestPostgres.available, Comment(rawValue: TestPostgres.skipMessage)))
struct ClinicDayScreenTests {
    @Test("Another room's sessions are not in Today until C; then they are marked, open read-only and cannot be signed here")
    func clinicDay() throws {
        let server = try TestPostgres.freshDatabase()
        let a = try Therapist("Dana"), b = try Therapist("Lee")
        try a.treat(Client(id: ClientID("c-dana"), name: "Ines Dana-Client"))
        try b.treat(Client(id: ClientID("c-lee"), name: "Oskar Lee-Client"), signed: false)
        _ = try a.sync(server)
        _ = try b.sync(server)
        _ = try a.sync(server)

        let settings = AppSettings(therapistName: "Dana", timeZone: TimeZone(identifier: "UTC")!)
        let app = KneadApp(journal: a.journal, clock: a.clock, theme: BuiltInTheme.default, settings: settings)
        app.handle(.resized(width: 100, height: 30))
        var text = app.frame(width: 100, height: 30).canvas.text
        #expect(text.contains("Ines Dana-Client") && !text.contains("Oskar Lee-Client"), "\(text)")
        #expect(app.activeBindings.contains { $0.action == .clinicDay }, "Today offers the clinic's day once there is one")

        app.handle(.key(.character("C")))
        text = app.frame(width: 100, height: 30).canvas.text
        #expect(text.contains("the clinic's day") && text.contains("Oskar Lee-Client"), "\(text)")
        #expect(text.contains("Lee's room, read-only"))

        // Open Lee's session: its note, read-only; s does not sign it; Esc goes back to Today.
        let row = try #require(app.home.rows.firstIndex { $0.client.name == "Oskar Lee-Client" })
        app.home.selection = row
        app.handle(.key(.enter))
        text = app.frame(width: 100, height: 30).canvas.text
        #expect(text.contains("Lee's session — read-only, not signed yet"), "\(text)")
        #expect(!text.contains("s sign"))
        app.handle(.key(.character("s")))
        #expect(app.frame(width: 100, height: 30).canvas.text.contains("only their knead signs it"))
        #expect(app.overlays.isEmpty, "no signing question")
        app.handle(.key(.escape))
        #expect(app.screen == .today)

        app.handle(.key(.character("C")))
        #expect(!app.frame(width: 100, height: 30).canvas.text.contains("Oskar Lee-Client"))
    }

    @Test("Without a clinic Today offers no clinic's day, and C says why")
    func noClinic() throws {
        let a = try Therapist("Dana")
        try a.treat(Client(id: ClientID("c-dana"), name: "Ines Dana-Client"))
        let settings = AppSettings(therapistName: "Dana", timeZone: TimeZone(identifier: "UTC")!)
        let app = KneadApp(journal: a.journal, clock: a.clock, theme: BuiltInTheme.default, settings: settings)
        app.handle(.resized(width: 100, height: 30))
        #expect(!app.activeBindings.contains { $0.action == .clinicDay })
        app.handle(.key(.character("C")))
        #expect(app.frame(width: 100, height: 30).canvas.text.contains("the clinic's day shows them once this knead syncs"))
    }
}
