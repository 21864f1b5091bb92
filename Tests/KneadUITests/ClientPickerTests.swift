import Foundation
import Testing
import KneadCore
import KneadStore
@testable import KneadUI

/// A real journal that counts the client records read through it.
final class RecordCountingJournal: ForwardingJournal, @unchecked Sendable {
    let base: SQLiteJournal
    private(set) var recordsRead: [ClientID] = []
    private(set) var recordListsRead = 0

    init(_ base: SQLiteJournal) { self.base = base }

    func clientRecords(includingArchived: Bool) throws -> [ClientRecord] {
        recordListsRead += 1
        return try base.clientRecords(includingArchived: includingArchived)
    }
    func clientRecord(_ id: ClientID) throws -> ClientRecord? {
        recordsRead.append(id)
        return try base.clientRecord(id)
    }
}

/// The client picker at a clinic's scale: it lists and finds from the store's client directory,
/// exactly as it did from every client's record, and reads a record only when one is opened.
@Suite("The client picker")
struct ClientPickerTests {
    /// The rows as the picker worked them out from every record before the directory.
    static func rowsFromRecords(_ records: [ClientRecord], typed raw: String) -> [ClientPickerScreen.Row] {
        let typed = raw.trimmingCharacters(in: .whitespaces)
        let words = ClientSearchKey.words(of: typed)
        let matches = records.filter { ClientSearchKey($0).matches(words) }.map(\.client)
        let exact = records.contains { $0.client.name.lowercased() == typed.lowercased() }
        return matches.map(ClientPickerScreen.Row.existing) + (typed.isEmpty || exact ? [] : [.newClient(typed)])
    }

    @Test("Typed letter by letter, with letters taken away, the picker lists what the records matched")
    func listsAsTheRecordsDid() throws {
        let f = try AppFixture()
        // More clients: accents, a preferred name, a name differing only in case, one archived.
        for (i, name) in ["Émile Zola", "emile zola", "Zoë Ånström", "Ann Lee", "Anne Marie", "Søren Ølgaard"].enumerated() {
            try f.journal.save(ClientRecord(client: Client(id: ClientID("extra-\(i)"), name: name, preferredName: i == 3 ? "Annie" : nil),
                                            phone: i == 4 ? "+45 33 12 34 56" : ""))
        }
        var tom = try #require(try f.journal.clientRecord(ClientID("demo-tom")))
        tom.archived = true
        try f.journal.save(tom)
        let records = try f.journal.clientRecords(includingArchived: false)
        f.press(.character("n"), .character("n"))
        let picker = try #require(f.app.picker)
        #expect(picker.rows == Self.rowsFromRecords(records, typed: ""))
        #expect(!picker.clients.contains { $0.id == ClientID("demo-tom") })
        var typed = ""
        for key in "emile⌫⌫⌫⌫⌫EMILE ZOLA⌫⌫⌫⌫⌫⌫⌫⌫⌫⌫zoe⌫⌫⌫annie⌫⌫⌫⌫⌫ann+45 33⌫⌫⌫⌫⌫⌫⌫⌫⌫tom⌫⌫⌫majo 612 345⌫⌫⌫⌫⌫⌫⌫⌫⌫⌫⌫⌫김민⌫⌫søren" {
            if key == "⌫" {
                f.press(.backspace)
                typed = String(typed.dropLast())
            } else {
                f.type(String(key))
                typed.append(key)
            }
            #expect(picker.rows == Self.rowsFromRecords(records, typed: typed), "typed \(typed.debugDescription)")
        }
        #expect(f.app.picker?.rows.first == .existing(Client(id: ClientID("extra-5"), name: "Søren Ølgaard")))
    }

    @Test("Opening the picker reads no record; opening a client's record reads that one")
    func readsOnlyTheChosenRecord() throws {
        let f = try AppFixture()
        let journal = RecordCountingJournal(f.journal)
        let app = f.app(on: journal)
        app.handle(.resized(width: 100, height: 30))
        for key: Key in [.character("n"), .character("n"), .character("l"), .character("e"), .character("n")] { app.handle(.key(key)) }
        #expect(app.screen == .clientPicker)
        #expect(journal.recordsRead.isEmpty)
        #expect(journal.recordListsRead == 0)
        app.handle(.key(.function(4)))
        #expect(app.screen == .clientRecord)
        #expect(journal.recordsRead == [ClientID("demo-lena")])
        #expect(app.frame(width: 100, height: 30).canvas.text.contains("+420 601 222 333"))
    }
}
