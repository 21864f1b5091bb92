import Foundation
import KneadCore
import Testing
@testable import KneadStore

@Suite("Opening the database")
struct OpeningTests {
    @Test("Migrating an empty file creates the tables, triggers, search index and version")
    func migratesEmptyFile() throws {
        let temp = try TemporaryFolder()
        try FileManager.default.createDirectory(at: temp.dataFolder, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: temp.databaseFile.path, contents: Data()))

        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let tables = try journal.fetchRawStrings("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        for table in ["access_log", "client_changes", "client_directory", "clients", "events", "grdb_migrations", "note_search", "note_words", "session_summaries", "sessions"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let triggers = try journal.fetchRawStrings("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        #expect(triggers == ["access_log_no_delete", "access_log_no_update", "client_changes_no_delete", "client_changes_no_update",
                             "client_directory_delete", "client_directory_insert", "client_directory_update",
                             "clinic_amendments_no_delete", "clinic_amendments_no_update",
                             "events_signed_no_delete", "events_signed_no_update",
                             "events_signed_only_amendments",
                             "plan_of_care_changes_no_delete", "plan_of_care_changes_no_update",
                             "referral_changes_no_delete", "referral_changes_no_update",
                             "session_ledger_no_delete", "session_ledger_no_update", "session_summaries_stale",
                             "sessions_signed_no_delete", "sessions_signed_no_update",
                             "sync_outbox_client_version", "sync_outbox_event", "sync_outbox_session"])
        #expect(try journal.fetchRawStrings("SELECT identifier FROM grdb_migrations ORDER BY identifier")
                == ["v1", "v10-sync-state", "v11-clinic-amendments", "v12-client-directory", "v13-search-prefix-index", "v14-search-scope", "v15-checks-without-lists", "v16-signed-events-index", "v2-client-records", "v3-review-indices", "v4-signed-session-rows", "v5-tamper-evidence",
                    "v6-access-log", "v7-search-every-word", "v8-projections-session-summaries", "v9-care-plan"])
        #expect(try journal.fetchRawStrings("PRAGMA user_version") == ["16"])
        #expect(journal.databasePath == temp.databaseFile.path)
    }

    @Test("The connection runs in WAL mode with full sync and foreign keys")
    func pragmas() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        #expect(try journal.fetchRawStrings("PRAGMA journal_mode") == ["wal"])
        #expect(try journal.fetchRawStrings("PRAGMA synchronous") == ["2"])  // 2 = FULL
        #expect(try journal.fetchRawStrings("PRAGMA foreign_keys") == ["1"])
    }

    @Test("A new data folder and its parents are 0700, the database files 0600")
    func privateModes() throws {
        let temp = try TemporaryFolder()
        let nested = temp.url.appendingPathComponent("a/b/knead", isDirectory: true)
        let journal = try SQLiteJournal.open(folder: nested, clock: testClock())
        try journal.append([SessionEvent(at: awkwardMoment, .started(SessionStart(client: ada, plannedMinutes: 30)))],
                           to: SessionID("s1"))

        #expect(try permissions(of: nested) == 0o700)
        #expect(try permissions(of: temp.url.appendingPathComponent("a")) == 0o700)
        #expect(try permissions(of: temp.url.appendingPathComponent("a/b")) == 0o700)
        let file = URL(fileURLWithPath: journal.databasePath)
        for suffix in ["", "-wal", "-shm"] {
            let url = URL(fileURLWithPath: file.path + suffix)
            #expect(FileManager.default.fileExists(atPath: url.path), "\(suffix) is missing")
            #expect(try permissions(of: url) == 0o600, "knead.sqlite\(suffix) is not 0600")
        }
    }

    @Test("An existing 0755 folder and a 0644 database are tightened")
    func tightensLooseModes() throws {
        let temp = try TemporaryFolder()
        try FileManager.default.createDirectory(at: temp.dataFolder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock()).close()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: temp.databaseFile.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temp.dataFolder.path)
        #expect(try permissions(of: temp.dataFolder) == 0o755)

        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        #expect(try permissions(of: temp.dataFolder) == 0o700)
        #expect(try permissions(of: temp.databaseFile) == 0o600)
        #expect(try permissions(of: URL(fileURLWithPath: journal.databasePath + "-shm")) == 0o600)
    }

    @Test("A file where the folder should be is refused with a sentence")
    func fileInTheWay() throws {
        let temp = try TemporaryFolder()
        #expect(FileManager.default.createFile(atPath: temp.dataFolder.path, contents: Data("x".utf8)))
        let error = #expect(throws: StoreError.self) { try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock()) }
        guard case .folderNotCreatable(let path, _) = error else {
            Issue.record("expected folderNotCreatable, got \(String(describing: error))")
            return
        }
        #expect(path == temp.dataFolder.path)
        #expect(error?.description.hasPrefix("The data folder \(temp.dataFolder.path) cannot be created") == true)
    }

    @Test("A file of random bytes is refused as not a database and left byte for byte unchanged")
    func randomBytes() throws {
        let temp = try TemporaryFolder()
        try FileManager.default.createDirectory(at: temp.dataFolder, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0..<8192).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        try bytes.write(to: temp.databaseFile)

        #expect(throws: StoreError.notADatabase(path: temp.databaseFile.path)) {
            try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        }
        #expect(try Data(contentsOf: temp.databaseFile) == bytes)
        #expect(!FileManager.default.fileExists(atPath: temp.databaseFile.path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: temp.databaseFile.path + "-shm"))
    }

    @Test("A database a newer Knead migrated is refused and left unchanged",
          arguments: ["INSERT INTO grdb_migrations (identifier) VALUES ('v99')", "PRAGMA user_version = 99"])
    func newerVersion(_ newerMark: String) throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        try run(startOnly(ada), in: SessionID("s1"), journal: journal, clock: ManualClock(awkwardMoment))
        try journal.executeRawSQL(newerMark)
        try journal.close()
        let before = try Data(contentsOf: temp.databaseFile)

        let error = #expect(throws: StoreError.newerVersion(path: temp.databaseFile.path)) {
            try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        }
        #expect(error?.description.contains("newer version of Knead") == true)
        #expect(try Data(contentsOf: temp.databaseFile) == before)
    }

    @Test("Events survive closing and reopening the file")
    func reopen() throws {
        let temp = try TemporaryFolder()
        let session = SessionID("s1")
        let state: SessionState
        do {
            let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
            state = try run(wholeSession(), in: session, journal: journal, clock: ManualClock(awkwardMoment))
            try journal.close()
        }
        let reopened = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        #expect(SessionState(id: session, replaying: try reopened.events(of: session)) == state)
        #expect(try reopened.sessions(startedFrom: .distantPast, to: .distantFuture).map(\.phase) == [.signed])
    }

    @Test("Two journals on one file see each other's appends at once")
    func secondConnection() throws {
        let temp = try TemporaryFolder()
        let writer = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let reader = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let state = try run(wholeSession(), in: SessionID("s1"), journal: writer, clock: ManualClock(awkwardMoment))
        #expect(try reader.events(of: SessionID("s1")) == state.events)
    }
}
