import Foundation

/// What a note search asks for: words, and optionally one client and a span of time.
public struct NoteSearch: Hashable, Sendable {
    /// The words as typed; every word must match the start of a word in the text.
    public var text: String
    public var client: ClientID?
    /// Only sessions started in `[from, to)`, when given.
    public var from: Date?
    public var to: Date?
    /// At most this many matching entries, the best of those ranked.
    public var limit: Int
    /// At most this many matching entries are ranked: the newest, those written last. Ranking every
    /// match of a common word costs time in proportion to the practice; a client or dates narrow
    /// the matches so that older ones are among the newest of what is left.
    public var window: Int

    /// How many of the newest matches a search ranks unless told otherwise.
    public static let standardWindow = 1_000

    public init(_ text: String, client: ClientID? = nil, from: Date? = nil, to: Date? = nil, limit: Int = 50,
                window: Int = NoteSearch.standardWindow) {
        self.text = text
        self.client = client
        self.from = from
        self.to = to
        self.limit = limit
        self.window = window
    }

    /// The words searched for: letters and digits, lowercased; punctuation separates words.
    public var words: [String] {
        text.lowercased()
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init)
    }
}

/// Where a matched text came from.
public enum NoteSource: String, Hashable, Codable, Sendable {
    case complaint, note, amendment, other
    /// Region work and techniques logged in treatment.
    case treatment
    /// Aftercare: home care, plan, referral, the therapist's additions.
    case aftercare
    /// The health history reviewed at the start.
    case history
    /// Screening skipped or overridden, or a rescheduled session.
    case screening

    /// The kind of event whose text it is.
    public init(eventKind: String) {
        switch eventKind {
        case "assessed": self = .complaint
        case "noted": self = .note
        case "amended": self = .amendment
        case "workStarted", "techniqueChanged": self = .treatment
        case "aftercareRecorded": self = .aftercare
        case "historyReviewed": self = .history
        case "screeningSkipped", "contraindicationOverridden", "rescheduled": self = .screening
        default: self = .other
        }
    }
}

/// One found text: its session, and a snippet in parts, matched words marked.
public struct NoteSearchHit: Hashable, Sendable {
    /// A run of snippet text; `isMatch` runs are the words the search found.
    public struct Part: Hashable, Sendable {
        public var text: String
        public var isMatch: Bool
        public init(_ text: String, isMatch: Bool) {
            self.text = text
            self.isMatch = isMatch
        }
    }

    public var session: SessionID
    public var client: Client
    public var startedAt: Date
    public var source: NoteSource
    /// The snippet around the matches, in order.
    public var snippet: [Part]
    /// Relevance from the full-text index, bm25's score or, for a search of one word, its part
    /// that orders the entries (bm25 without the word's rarity, the same factor for every entry);
    /// smaller is better. Compare it only within one search.
    public var rank: Double

    public init(session: SessionID, client: Client, startedAt: Date, source: NoteSource, snippet: [Part], rank: Double) {
        self.session = session
        self.client = client
        self.startedAt = startedAt
        self.source = source
        self.snippet = snippet
        self.rank = rank
    }

    /// The snippet as plain text.
    public var text: String { snippet.map(\.text).joined() }
}

/// What a note search found, and how much of the practice it looked at to find it.
public struct NoteSearchResults: Hashable, Sendable {
    /// The matching entries kept, best first.
    public var hits: [NoteSearchHit]
    /// How many matching entries were ranked to choose the hits: every match when `isCapped` is
    /// false (then it is the true count of matches), else the newest ones, the search's window.
    public var ranked: Int
    /// True when more entries matched than were ranked: the hits are the best of the newest
    /// `ranked` matches, and older matches were not looked at.
    public var isCapped: Bool

    public init(hits: [NoteSearchHit], ranked: Int, isCapped: Bool) {
        self.hits = hits
        self.ranked = ranked
        self.isCapped = isCapped
    }

    /// No match.
    public static let nothing = NoteSearchResults(hits: [], ranked: 0, isCapped: false)
}

/// The practice's records read back for review: a day's sessions, a client's visits, note search.
/// KneadStore implements it over SQLite; the screens depend only on this protocol.
public protocol PracticeRecords: AnyObject, Sendable {
    /// Summaries of sessions started in `[from, to)`, oldest first.
    func sessionSummaries(startedFrom from: Date, to: Date) throws -> [SessionSummary]
    /// Summaries of every visit of a client, oldest first.
    func visits(of client: ClientID) throws -> [SessionSummary]
    /// Entries whose words match, best first (see ``NoteSearchResults``): of the newest matches
    /// when there are more than the search's window. A search without words finds nothing.
    func searchNotes(_ search: NoteSearch) throws -> NoteSearchResults
    /// The client's record versions made on two machines apart, waiting to be reconciled, the
    /// shown one first; nil when there are none (what the client record screen flags).
    func conflictingVersions(of client: ClientID) throws -> ClientEditsApart?
    /// The therapist of each of these sessions that was pulled from another knead (clinic sync);
    /// sessions started here are not listed.
    func sessionOwners(of sessions: [SessionID]) throws -> [SessionID: String]
}

extension PracticeRecords {
    /// The hits of ``searchNotes(_:)`` alone.
    public func search(_ search: NoteSearch) throws -> [NoteSearchHit] {
        try searchNotes(search).hits
    }
}
