import Foundation
import GRDB
import PropertyBased
import Testing
import KneadCore
@testable import KneadStore

/// One change to the practice's clients, described by small numbers so that failures shrink.
struct ClientChange: Sendable, CustomStringConvertible {
    var kind: Int
    var client: Int
    var name: Int
    var flag: Bool

    static let names = ["Ada Byron", "José Núñez", "ÉMILE Zola", "김민지 Kim Min-ji", "Søren\u{0}Kierkegaard", "Anne-Marie O'Neil",
                        "प्रिया शर्मा", "Zoë", "emile zola", "Ａｎｎ", " Lee "]
    static let phones = ["", "+45 33 12 34 56", "(612) 345-678"]

    static let generator = zip(Gen.int(in: 0...8), Gen.int(in: 0...5), Gen.int(in: 0...(names.count - 1)), Gen.bool)
        .map { ClientChange(kind: $0.0, client: $0.1, name: $0.2, flag: $0.3) }

    var description: String { "kind \(kind) client \(client) name \(Self.names[name].debugDescription) \(flag)" }
}

/// The client directory (`client_directory`): kept on every write of a client, by the app, by a
/// session's first event and by clinic sync, equal to a rebuild from the records, built for
/// databases that predate it, and answering as the records do.
@Suite("The client directory kept on every write")
struct ClientDirectoryStoreTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// A column in hexadecimal, `-` when NULL.
    static func shown(_ column: String) -> String { "CASE WHEN \(column) IS NULL THEN '-' ELSE hex(\(column)) END" }

    /// The directory's rows as text, keys in hexadecimal.
    static func rows(_ journal: SQLiteJournal) throws -> [String] {
        try journal.fetchRawStrings("""
            SELECT client_id || '|' || hex(CAST(name AS BLOB)) || '|' || \(shown("CAST(preferred_name AS BLOB)")) || '|'
                || \(shown("CAST(phone AS BLOB)")) || '|' || archived || '|' || \(shown("sort_key")) || '|'
                || \(shown("search_key")) || '|' || \(shown("phone_digits"))
            FROM client_directory ORDER BY client_id
            """)
    }

    /// What the directory answers is what the records say: the same clients, in the same order,
    /// with the keys folded from each record.
    static func expectAnswersAsTheRecords(_ journal: SQLiteJournal) throws {
        let records = try journal.clientRecords(includingArchived: false)
        let directory = try journal.clientDirectory()
        #expect(directory.clients == records.map(\.client))
        #expect(directory.clients.indices.map(directory.key(at:)) == records.map(ClientSearchKey.init))
        #expect(try journal.clients() == records.map(\.client))
    }

    static func record(_ json: ClientRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(json), as: UTF8.self)
    }

    /// Applies one change the way knead makes it.
    static func apply(_ change: ClientChange, _ journal: SQLiteJournal, clock: ManualClock, pulled: inout Int) throws {
        clock.advance(by: 61.25)
        let id = ClientID("client-\(change.client)")
        let name = ClientChange.names[change.name]
        let existing = try journal.clientRecord(id)
        switch change.kind {
        case 0:   // a new record, or a whole record saved again with another name and phone
            var record = existing ?? ClientRecord(client: Client(id: id, name: name))
            record.client.name = name
            record.phone = ClientChange.phones[change.name % ClientChange.phones.count]
            try journal.save(record)
        case 1:   // a preferred name given or taken away
            guard var record = existing else { return }
            record.client.preferredName = change.flag ? name : nil
            try journal.save(record)
        case 2:   // archived or restored
            guard var record = existing else { return }
            record.archived = change.flag
            try journal.save(record)
        case 3:   // renamed through save(Client), the rest of the record kept
            try journal.save(Client(id: id, name: name, preferredName: existing?.client.preferredName))
        case 4:   // a session's first event names a client the practice does not know yet
            let session = SessionID.make()
            try journal.append([SessionEvent(at: clock.now(), .started(SessionStart(client: Client(id: id, name: name), plannedMinutes: 60)))],
                               to: session)
        case 5, 6:   // a version pulled from another machine; newest or older than the one here
            pulled += 1
            var record = existing ?? ClientRecord(client: Client(id: id, name: name))
            record.client.name = name
            record.phone = ClientChange.phones[(change.name + 1) % ClientChange.phones.count]
            let at = clock.now().timeIntervalSinceReferenceDate - (change.kind == 6 ? 1_000_000 : 0)
            try journal.applyPulled(versions: [SyncedClientVersion(versionID: "pulled-\(pulled)", clientID: id.rawValue, baseID: nil,
                                                                   merges: "", at: at, record: try Self.record(record), author: "other")],
                                    cursor: "pull", to: Int64(pulled))
        default:   // a session pulled from another machine, for a client this one may not know
            pulled += 1
            try journal.applyPulled(sessions: [SyncedSession(id: "pulled-session-\(pulled)", clientID: id.rawValue, clientName: name,
                                                             startedAt: clock.now().timeIntervalSinceReferenceDate,
                                                             plannedMinutes: 45, owner: "other")],
                                    cursor: "pull", to: Int64(pulled))
        }
    }

    @Test("After any series of creations, edits, renames, archives and pulled versions the directory equals a rebuild")
    func keptEqualsRebuilt() async {
        await propertyCheck(count: 40, input: ClientChange.generator.array(of: 1...16)) { changes in
            do {
                let folder = try TemporaryFolder()
                let clock = ManualClock(Self.now)
                let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: clock)
                defer { try? journal.close() }
                var pulled = 0
                for change in changes { try Self.apply(change, journal, clock: clock, pulled: &pulled) }
                let kept = try Self.rows(journal)
                #expect(!kept.contains { $0.hasSuffix("|-") }, "a key was left unfolded")
                try Self.expectAnswersAsTheRecords(journal)
                try journal.rebuildClientDirectory()
                #expect(try Self.rows(journal) == kept)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("A database from before the directory gets it when it is opened")
    func migrationBuildsIt() throws {
        let folder = try TemporaryFolder()
        let clock = ManualClock(Self.now)
        var journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: clock)
        try SamplePractice.seed(into: journal, now: Self.now)
        var archived = try #require(try journal.clientRecord(ClientID("demo-tom")))
        archived.archived = true
        try journal.save(archived)
        let expected = try Self.rows(journal)
        #expect(expected.count == SamplePractice.records.count)
        // Without the directory, as a knead from before this change left it.
        try journal.executeRawSQL("""
            DROP TRIGGER client_directory_insert; DROP TRIGGER client_directory_update; DROP TRIGGER client_directory_delete;
            DROP TABLE client_directory;
            DELETE FROM grdb_migrations WHERE identifier = 'v12-client-directory'; PRAGMA user_version = 11;
            """)
        try journal.close()
        journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: clock)
        defer { try? journal.close() }
        #expect(try journal.fetchRawStrings("SELECT identifier FROM grdb_migrations WHERE identifier = 'v12-client-directory'")
                == ["v12-client-directory"])
        #expect(try Self.rows(journal) == expected)
        try Self.expectAnswersAsTheRecords(journal)
        #expect(try !journal.clientDirectory().clients.contains { $0.id == ClientID("demo-tom") })
    }

    /// The sample practice, then a client inserted by SQL run by hand ("raw-1", Zac, phone +33 6 12),
    /// so the directory has a row without its folded keys.
    static func practiceWithRawClient(_ folder: TemporaryFolder) throws -> SQLiteJournal {
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: ManualClock(now))
        try SamplePractice.seed(into: journal, now: now)
        try journal.executeRawSQL("""
            INSERT INTO clients (id, name, preferred_name, record, archived, created_at, updated_at)
                VALUES ('raw-1', 'Zacharie Ébert', 'Zac', '{"phone": "+33 6 12"}', 0, 1, 1);
            """)
        return journal
    }

    @Test("A client written past the journal is in the directory at once, folded when it is read")
    func writtenPastTheJournal() throws {
        let folder = try TemporaryFolder()
        let journal = try Self.practiceWithRawClient(folder)
        defer { try? journal.close() }
        try journal.executeRawSQL("UPDATE clients SET name = 'Ærøskøbing Ünal' WHERE id = 'demo-lena'")
        #expect(try journal.fetchRawStrings("SELECT count(*) FROM client_directory WHERE search_key IS NULL") == ["2"])
        let directory = try journal.clientDirectory()
        // Folded for good at that first read, so the next ones read the kept keys.
        #expect(try journal.fetchRawStrings("""
            SELECT count(*) FROM client_directory WHERE sort_key IS NULL OR search_key IS NULL OR phone_digits IS NULL
            """) == ["0"])
        #expect(try journal.clientDirectory().clients == directory.clients)
        var finder = ClientFinder(directory)
        #expect(finder.matches("unal").map { directory.clients[$0].id } == [ClientID("demo-lena")])
        #expect(finder.matches("zac 612").map { directory.clients[$0].id } == [ClientID("raw-1")])
        #expect(directory.clients.map(\.id) == Client.sortedByName(directory.clients, client: { $0 }).map(\.id))
        try journal.executeRawSQL("DELETE FROM clients WHERE id = 'raw-1'")
        #expect(try !journal.clientDirectory().clients.contains { $0.id == ClientID("raw-1") })
    }

    @Test("A journal that may not write (its file moved under it) folds rows written past it as it reads them, and writes nothing")
    func unfoldedRowsAreNotWrittenWhenWritingIsRefused() throws {
        let folder = try TemporaryFolder()
        let journal = try Self.practiceWithRawClient(folder)
        defer { try? journal.close() }
        try FileManager.default.moveItem(at: folder.databaseFile, to: folder.dataFolder.appendingPathComponent("moved.sqlite"))
        var finder = ClientFinder(try journal.clientDirectory())
        #expect(finder.matches("zac 612").map { finder.directory.clients[$0].id } == [ClientID("raw-1")])
        #expect(try journal.fetchRawStrings("SELECT count(*) FROM client_directory WHERE search_key IS NULL") == ["1"])
    }

    @Test("Clients pulled from the clinic reach the directory: new, renamed by a newer version, not by an older one")
    func pulledClients() throws {
        let folder = try TemporaryFolder()
        let clock = ManualClock(Self.now)
        let journal = try SQLiteJournal.open(folder: folder.dataFolder, clock: clock)
        defer { try? journal.close() }
        let noor = ClientRecord(client: Client(id: ClientID("noor"), name: "Noor Haddad", preferredName: "Noor"), phone: "+961 3 123 456")
        let at = Self.now.timeIntervalSinceReferenceDate
        try journal.applyPulled(versions: [SyncedClientVersion(versionID: "v1", clientID: "noor", baseID: nil, merges: "", at: at,
                                                               record: try Self.record(noor), author: "lee")],
                                sessions: [SyncedSession(id: "s1", clientID: "inès", clientName: "Inès Duarte", startedAt: at,
                                                         plannedMinutes: 60, owner: "lee")],
                                cursor: "pull", to: 1)
        var finder = ClientFinder(try journal.clientDirectory())
        #expect(finder.matches("noor 123").map { finder.directory.clients[$0].name } == ["Noor Haddad"])
        #expect(finder.matches("ines").map { finder.directory.clients[$0].name } == ["Inès Duarte"])

        var renamed = noor
        renamed.client.name = "Noor Khalil"
        var older = noor
        older.client.name = "Noor Old"
        try journal.applyPulled(versions: [
            SyncedClientVersion(versionID: "v2", clientID: "noor", baseID: "v1", merges: "", at: at + 60, record: try Self.record(renamed), author: "lee"),
            SyncedClientVersion(versionID: "v0", clientID: "noor", baseID: nil, merges: "", at: at - 60, record: try Self.record(older), author: "kim"),
        ], cursor: "pull", to: 2)
        finder = ClientFinder(try journal.clientDirectory())
        #expect(finder.matches("khalil").map { finder.directory.clients[$0].name } == ["Noor Khalil"])
        #expect(finder.matches("haddad").isEmpty)
        #expect(finder.matches("old").isEmpty)
        #expect(try !Self.rows(journal).contains { $0.hasSuffix("|-") })
        try Self.expectAnswersAsTheRecords(journal)
    }
}
