import Foundation

/// Everything the practice keeps about a client: who they are, how to reach them, their health history.
///
/// Each saved version is kept with its time (the store appends it), so a change to a record is a
/// fact with a date like every event of a session.
public struct ClientRecord: Hashable, Codable, Sendable {
    public var client: Client
    public var dateOfBirth: CalendarDate?
    public var phone: String
    public var email: String
    /// The client's physician, with a way to reach them.
    public var physician: String
    public var history: HealthHistory
    public var notes: String
    /// An archived client is kept but no longer offered when a session starts.
    public var archived: Bool

    public init(client: Client, dateOfBirth: CalendarDate? = nil, phone: String = "", email: String = "",
                physician: String = "", history: HealthHistory = HealthHistory(), notes: String = "",
                archived: Bool = false) {
        self.client = client
        self.dateOfBirth = dateOfBirth
        self.phone = phone
        self.email = email
        self.physician = physician
        self.history = history
        self.notes = notes
        self.archived = archived
    }

    public var id: ClientID { client.id }

    /// The fields of a record, for messages shown at a field.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case name, preferredName, dateOfBirth, phone, email, physician
        case conditions, medications, allergies, surgeriesAndInjuries, notes
    }

    /// What is wrong with the record, field by field; empty when it can be saved.
    /// `today` bounds dates: a birth or a surgery cannot be in the future.
    public func problems(today: CalendarDate) -> [Field: String] {
        var problems: [Field: String] = [:]
        if client.name.isBlank { problems[.name] = "A client needs a name." }
        let singleLine: [(Field, String)] = [(.name, client.name), (.preferredName, client.preferredName ?? ""),
                                            (.phone, phone), (.email, email), (.physician, physician)]
        for (field, text) in singleLine where text.hasControlCharacters(allowingNewlines: false) {
            problems[field] = problems[field] ?? "Remove the control characters (they cannot be printed)."
        }
        let multiLine: [(Field, String)] = [(.conditions, history.conditions), (.medications, history.medications),
                                           (.allergies, history.allergies), (.notes, notes)]
            + history.surgeriesAndInjuries.map { (.surgeriesAndInjuries, $0.what) }
        for (field, text) in multiLine where text.hasControlCharacters(allowingNewlines: true) {
            problems[field] = "Remove the control characters (they cannot be printed)."
        }
        if let dateOfBirth {
            if dateOfBirth > today { problems[.dateOfBirth] = "The date of birth \(dateOfBirth) is in the future." }
            else if dateOfBirth.year < 1900 { problems[.dateOfBirth] = "The date of birth \(dateOfBirth) is too long ago." }
        }
        if !phone.isBlank, !phone.allSatisfy({ $0.isNumber || " +-().".contains($0) }) || phone.filter(\.isNumber).count < 3 {
            problems[.phone] = "A phone number holds digits, spaces and + - ( ) only."
        }
        if !email.isBlank, !(email.contains("@") && !email.contains(" ")) {
            problems[.email] = "An e-mail address looks like name@example.org."
        }
        if let future = history.surgeriesAndInjuries.first(where: { ($0.date ?? today) > today }) {
            problems[.surgeriesAndInjuries] = "\(future.what.isBlank ? "An entry" : future.what) is dated in the future."
        }
        return problems
    }

    /// Whether the record matches what a therapist typed to find it: every word must appear in the
    /// name, preferred name, initials or phone number. Case and accents are ignored ("jose" finds
    /// "José"), and digits match the phone number whatever its punctuation.
    public func matches(_ query: String) -> Bool {
        ClientSearchKey(self).matches(ClientSearchKey.words(of: query))
    }
}

/// What find-as-you-type compares for one client, folded once: a list of thousands of clients
/// filtered at every letter folded every name each time.
public struct ClientSearchKey: Hashable, Sendable {
    /// Name, preferred name and initials, folded.
    public let haystack: String
    /// The phone number's digits.
    public let digits: String

    public init(_ record: ClientRecord) {
        self.init(record.client, phone: record.phone)
    }

    /// The key of a client reachable at `phone`.
    public init(_ client: Client, phone: String) {
        haystack = [client.name, client.preferredName ?? "", client.initials.replacingOccurrences(of: ".", with: "")]
            .joined(separator: " ").searchFolded
        digits = phone.filter(\.isASCIIDigitCharacter)
    }

    /// A key folded earlier and kept (the store's client directory).
    public init(haystack: String, digits: String) {
        self.haystack = haystack
        self.digits = digits
    }

    /// The words of what was typed, folded; fold them once for a whole list.
    public static func words(of query: String) -> [String] {
        query.split(whereSeparator: \.isWhitespace).map { String($0).searchFolded }
    }

    /// Whether every word appears in the name, preferred name or initials, or, for a word of
    /// digits and phone punctuation, in the phone number (see ``ClientRecord/matches(_:)``).
    public func matches(_ words: [String]) -> Bool {
        words.allSatisfy { word in
            if haystack.contains(word) { return true }
            guard let wordDigits = Self.phoneDigits(of: word) else { return false }
            return digits.contains(wordDigits)
        }
    }

    /// The digits of a typed word made of digits and phone punctuation ("+45", "(612)", "345-"),
    /// which is also looked for in phone numbers; nil for any other word.
    static func phoneDigits(of word: String) -> String? {
        let wordDigits = word.filter(\.isASCIIDigitCharacter)
        guard !wordDigits.isEmpty, wordDigits.count == word.filter({ !"+-().".contains($0) }).count else { return nil }
        return wordDigits
    }
}

extension Client {
    /// The key clients sort by: the name without case or accents, so "Émile" sorts beside "Emile"
    /// and Hangul and Arabic names keep the order of their scripts.
    public var sortKey: String { name.searchFolded }

    /// Orders clients by name as a person reads a list, the id breaking ties.
    public static func byName(_ a: Client, _ b: Client) -> Bool {
        let (ka, kb) = (a.sortKey, b.sortKey)
        return ka != kb ? ka < kb : a.id.rawValue < b.id.rawValue
    }

    /// Items sorted by their clients' names, as ``byName(_:_:)`` orders them, with each sort key
    /// folded once instead of at every comparison (thousands of clients: most of a list's time).
    public static func sortedByName<T>(_ items: [T], client: (T) -> Client) -> [T] {
        items.map { (item: $0, key: client($0).sortKey, id: client($0).id.rawValue) }
            .sorted { $0.key != $1.key ? $0.key < $1.key : $0.id < $1.id }
            .map(\.item)
    }
}

extension String {
    /// The text folded for searching and sorting: lower case, no accents, compatibility forms unified.
    var searchFolded: String {
        folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .precomposedStringWithCompatibilityMapping
    }

    /// Whether the text holds characters a terminal would act on instead of print.
    public func hasControlCharacters(allowingNewlines: Bool) -> Bool {
        unicodeScalars.contains { scalar in
            if allowingNewlines, scalar == "\n" || scalar == "\t" { return false }
            return scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                && !(0x200C...0x200F).contains(scalar.value)  // joiners and direction marks shape real text
        }
    }
}
