import Foundation
import KneadCore
import Testing
@testable import KneadStore

@Suite("Appending and reading the journal")
struct JournalTests {
    @Test("A whole session replayed from disk equals the session folded in memory")
    func replayEqualsMemory() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let session = SessionID.make()
        let state = try run(wholeSession(), in: session, journal: journal, clock: ManualClock(awkwardMoment))

        let stored = try journal.events(of: session)
        #expect(stored == state.events)
        let replayed = SessionState(id: session, replaying: stored)
        #expect(replayed == state)
        #expect(replayed.phase == .signed)
        #expect(replayed.segments.count == 4)
        #expect(replayed.checkIns.count == 2)
    }

    @Test("The test times really need exact storage: seconds since 1970 would change them")
    func timesAreAwkward() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let state = try run(wholeSession(), in: SessionID("s1"), journal: journal, clock: ManualClock(awkwardMoment))
        let changedBy1970 = state.events.filter { Date(timeIntervalSince1970: $0.at.timeIntervalSince1970) != $0.at }
        #expect(!changedBy1970.isEmpty)
    }

    @Test("Each event is stored with its type and sorted-key JSON of its change")
    func storedRows() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        try run(wholeSession(), in: SessionID("s1"), journal: journal, clock: ManualClock(awkwardMoment))
        let types = try journal.fetchRawStrings("SELECT type FROM events WHERE session_id = 's1' ORDER BY seq")
        #expect(types.first == "started")
        #expect(types.last == "signed")
        #expect(try journal.fetchRawStrings("SELECT group_concat(seq) FROM events") == [
            (1...types.count).map(String.init).joined(separator: ","),
        ])
        let payload = try journal.fetchRawStrings("SELECT payload FROM events WHERE type = 'signed'")
        #expect(payload == [#"{"signature":{"by":"Sam Rivera, LMT","vocabulary":{"codes":{"effleurage":"97124","myofascial-release":"97140","trigger-point":"97140"},"names":{"effleurage":"effleurage","myofascial-release":"myofascial release","trigger-point":"trigger point therapy"}}},"type":"signed"}"#])
    }

    @Test("The sessions row follows the phase and the client row is written on start")
    func sessionsRowFollowsPhase() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let clock = ManualClock(awkwardMoment)
        let session = SessionID("s1")
        let commands = try wholeSession()
        var state = try run(Array(commands.prefix(3)), in: session, journal: journal, clock: clock)
        #expect(try journal.unfinishedSessions().map(\.phase) == [.treatment])
        state = try run(Array(commands[3..<11]), in: session, journal: journal, from: state, clock: clock)
        #expect(try journal.unfinishedSessions().map(\.phase) == [.aftercare])
        try run(Array(commands[11...]), in: session, journal: journal, from: state, clock: clock)
        #expect(try journal.unfinishedSessions().isEmpty)
        #expect(try journal.clients() == [ada])
        let listing = try #require(try journal.sessions(startedFrom: .distantPast, to: .distantFuture).first)
        #expect(listing.client == ada)
        #expect(listing.plannedMinutes == 60)
        #expect(listing.startedAt == state.startedAt)
    }

    @Test("Adding to an unknown session without starting it is refused and writes nothing")
    func unknownSession() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let session = SessionID("nobody")
        #expect(throws: StoreError.unknownSession(session)) {
            try journal.append([SessionEvent(at: awkwardMoment, .noted("hello"))], to: session)
        }
        #expect(try journal.events(of: session).isEmpty)
        #expect(try journal.fetchRawStrings("SELECT count(*) FROM events") == ["0"])
    }

    @Test("A second start is refused, and the whole batch with it")
    func secondStartIsAllOrNothing() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let session = SessionID("s1")
        let state = try run(startOnly(ada), in: session, journal: journal, clock: ManualClock(awkwardMoment))
        let batch = [SessionEvent(at: awkwardMoment, .noted("first")),
                     SessionEvent(at: awkwardMoment, .started(SessionStart(client: ada, plannedMinutes: 45)))]
        #expect(throws: StoreError.alreadyStarted(session)) { try journal.append(batch, to: session) }
        #expect(try journal.events(of: session) == state.events)
        #expect(throws: StoreError.alreadyStarted(session)) { try journal.append(state.events, to: session) }
    }

    @Test("An event that cannot be decoded reads as an unreadable entry in its place; the rest still reads")
    func unreadableEvent() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let session = SessionID("s1")
        let state = try run(Array(try wholeSession().prefix(3)), in: session, journal: journal, clock: ManualClock(awkwardMoment))
        try journal.executeRawSQL(#"UPDATE events SET payload = '{"type":"assessed","secret":"Ada Byron"}' WHERE seq = 2"#)

        let events = try journal.events(of: session)
        #expect(events.count == 3)
        #expect(events[0] == state.events[0] && events[2] == state.events[2])
        #expect(events[1].change == .unreadable(UnreadableEntry(seq: 2, storedKind: "assessed")))
        let replayed = SessionState(id: session, replaying: events)
        #expect(replayed.unreadableEntries == [2])
        #expect(replayed.phase == .treatment, "the entries after the unreadable one still count")
        #expect(replayed.assessment == nil)
    }

    @Test("Listing by start time is half-open and unfinished sessions come oldest first")
    func listings() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let day = Date(timeIntervalSinceReferenceDate: 797_040_000)  // a midnight
        let bea = Client(id: ClientID("client-bea"), name: "Bea Cole")
        func start(_ id: String, _ client: Client, hour: Double) throws {
            try journal.append([SessionEvent(at: day.addingTimeInterval(hour * 3600),
                                             .started(SessionStart(client: client, plannedMinutes: 45)))],
                               to: SessionID(id))
        }
        try start("late", bea, hour: 16)
        try start("midnight", ada, hour: 0)
        try start("next-day", bea, hour: 24)
        try start("before", ada, hour: -1)
        try run(Array(try wholeSession().dropFirst()), in: SessionID("midnight"), journal: journal,
                from: SessionState(id: SessionID("midnight"), replaying: journal.events(of: SessionID("midnight"))),
                clock: ManualClock(day))

        let today = try journal.sessions(startedFrom: day, to: day.addingTimeInterval(86_400))
        #expect(today.map(\.id.rawValue) == ["midnight", "late"])
        #expect(today.map(\.phase) == [.signed, .assessment])
        #expect(today.last?.client == bea)
        #expect(try journal.unfinishedSessions().map(\.id.rawValue) == ["before", "late", "next-day"])
    }

    @Test("Clients are listed by name, ignoring case, and saving again updates one")
    func clients() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        for (id, name) in [("1", "bob"), ("2", "Alice"), ("3", "Carol"), ("4", "aaron")] {
            try journal.save(Client(id: ClientID(id), name: name))
        }
        #expect(try journal.clients().map(\.name) == ["aaron", "Alice", "bob", "Carol"])

        try journal.save(Client(id: ClientID("1"), name: "Robert Stone", preferredName: "Bob"))
        let clients = try journal.clients()
        #expect(clients.count == 4)
        #expect(clients.last == Client(id: ClientID("1"), name: "Robert Stone", preferredName: "Bob"))
    }

    @Test("A listing shows the client as recorded now, after a correction to the name")
    func listingUsesCurrentClient() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        try run(startOnly(ada), in: SessionID("s1"), journal: journal, clock: ManualClock(awkwardMoment))
        let corrected = Client(id: ada.id, name: "Ada King", preferredName: "Ada")
        try journal.save(corrected)
        #expect(try journal.unfinishedSessions().map(\.client) == [corrected])
        #expect(try journal.fetchRawStrings("SELECT client_name FROM sessions") == ["Ada Byron"])
    }

    @Test("Every word the note shows is indexed for search (complaint, medications, regions, amendments), accents folded")
    func noteSearch() throws {
        let temp = try TemporaryFolder()
        let journal = try SQLiteJournal.open(folder: temp.dataFolder, clock: testClock())
        let session = SessionID("s1")
        let clock = ManualClock(awkwardMoment)
        let state = try run(wholeSession(), in: session, journal: journal, clock: clock)
        try run([.amend(Amendment(by: "Sam", reason: "missed", text: "Client mentioned a café job"))],
                in: session, journal: journal, from: state, clock: clock)

        func search(_ query: String) throws -> [String] {
            try journal.fetchRawStrings("SELECT DISTINCT session_id FROM note_search WHERE note_search MATCH ?", arguments: [query])
        }
        #expect(try search("gardening") == ["s1"])
        #expect(try search("quadratus") == ["s1"])
        #expect(try search("cafe") == ["s1"])
        #expect(try search("ibuprofen") == ["s1"])   // medications are in the note, so in the index
        #expect(try search("zzz").isEmpty)
    }
}
