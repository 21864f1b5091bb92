import Foundation

/// The clients a session can start with, as find-as-you-type goes through them: each client's
/// search key (``ClientSearchKey``) folded once, when the record was saved, and kept as bytes, so
/// that a typed letter is a byte search of each key instead of a fold of every name.
///
/// It answers exactly as ``ClientSearchKey/matches(_:)``. Where a key or a typed word holds a
/// character that joins the one before it (a combining mark left after folding, a joiner, a
/// Hangul jamo; see ``isPlain(_:)``), a match may not end or start inside it, which bytes do not
/// know: those keys are compared as text, as that does.
public struct ClientDirectory: Sendable {
    /// The clients, in the order they were added (the store adds them by name).
    public private(set) var clients: [Client] = []
    /// Every client's folded name words, then phone digits, one after the other.
    private var bytes: [UInt8] = []
    private var keys: [Key] = []

    /// Where one client's key lies in `bytes`.
    private struct Key: Sendable {
        var haystack: Range<Int>
        var digits: Range<Int>
        /// Whether the name words hold only characters a byte search may cut between.
        var isPlain: Bool
    }

    public init() {}

    /// The directory of these records in their order, each key folded now (small lists, tests).
    public init(_ records: [ClientRecord]) {
        for record in records { append(record.client, key: ClientSearchKey(record)) }
    }

    public var count: Int { clients.count }

    /// Adds a client with its key.
    public mutating func append(_ client: Client, key: ClientSearchKey) {
        append(client, haystack: Data(key.haystack.utf8), digits: Data(key.digits.utf8))
    }

    /// Adds a client with a key kept as bytes: the folded name words (``ClientSearchKey/haystack``
    /// as UTF-8) and the phone's digits.
    public mutating func append(_ client: Client, haystack: Data, digits: Data) {
        let start = bytes.count
        bytes.append(contentsOf: haystack)
        let middle = bytes.count
        bytes.append(contentsOf: digits)
        let plain = haystack.allSatisfy { $0 < 0x80 } || String(decoding: haystack, as: UTF8.self).unicodeScalars.allSatisfy(Self.isPlain)
        keys.append(Key(haystack: start..<middle, digits: middle..<bytes.count, isPlain: plain))
        clients.append(client)
    }

    /// The key of the client at `position`, as text.
    public func key(at position: Int) -> ClientSearchKey {
        let key = keys[position]
        return ClientSearchKey(haystack: String(decoding: bytes[key.haystack], as: UTF8.self),
                               digits: String(decoding: bytes[key.digits], as: UTF8.self))
    }

    /// The positions in ``clients`` of those matching every word of `query`, in order, looked for
    /// among `candidates` only (positions in order) when given.
    public func positions(matching query: ClientQuery, among candidates: [Int]? = nil) -> [Int] {
        guard !query.words.isEmpty else { return candidates ?? Array(clients.indices) }
        if query.words.contains(where: { $0.bytes.isEmpty }) { return [] }  // a word folded to nothing is found nowhere
        let textWords = query.words.map(\.text)
        return bytes.withUnsafeBufferPointer { all in
            func matches(_ position: Int) -> Bool {
                let key = keys[position]
                guard key.isPlain, query.isPlain else { return self.key(at: position).matches(textWords) }
                let haystack = UnsafeBufferPointer(rebasing: all[key.haystack])
                let digits = UnsafeBufferPointer(rebasing: all[key.digits])
                for word in query.words {
                    if Self.find(word.bytes, in: haystack) { continue }
                    guard let wordDigits = word.phoneDigits, Self.find(wordDigits, in: digits) else { return false }
                }
                return true
            }
            if let candidates { return candidates.filter(matches) }
            return clients.indices.filter(matches)
        }
    }

    /// Whether `needle` (not empty) lies in `haystack`, byte for byte.
    @inline(__always)
    static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = needle.count
        guard count <= haystack.count else { return false }
        return needle.withUnsafeBufferPointer { needle in
            let first = needle[0]
            var i = 0
            let last = haystack.count - count
            while i <= last {
                if haystack[i] == first {
                    var j = 1
                    while j < count, haystack[i + j] == needle[j] { j += 1 }
                    if j == count { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// Whether a text search may start or end a match next to this character exactly where a byte
    /// search may: not a mark or a joiner, which belong to the character before them; not a Hangul
    /// jamo, which composes with its neighbours; not a character that joins the one after it.
    public static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return true }
        switch scalar.value {
        case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF, 0x3131...0x318E, 0xFFA0...0xFFDC: return false  // Hangul jamo
        case 0x1F3FB...0x1F3FF, 0xFF9E, 0xFF9F: return false                    // skin tones, halfwidth sound marks
        case 0x0E33, 0x0EB3: return false                                      // Thai and Lao AM (spacing marks)
        case 0x0D4E, 0x111C2, 0x111C3, 0x1193F, 0x11941, 0x11A3A, 0x11A84...0x11A89, 0x11D46, 0x11F02: return false  // prepended
        default: break
        }
        guard scalar.properties.canonicalCombiningClass == .notReordered else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format, .control, .surrogate, .unassigned: return false
        default: return true
        }
    }
}

/// What was typed to find a client, folded once: its words, each as bytes, and for a word of
/// digits and phone punctuation the digits looked for in phone numbers.
public struct ClientQuery: Sendable, Equatable {
    public struct Word: Sendable, Equatable {
        /// The word folded.
        public let text: String
        let bytes: [UInt8]
        let phoneDigits: [UInt8]?

        init(_ folded: String) {
            text = folded
            bytes = Array(folded.utf8)
            phoneDigits = ClientSearchKey.phoneDigits(of: folded).map { Array($0.utf8) }
        }
    }

    public let words: [Word]
    /// Whether every word holds only characters a byte search may cut between.
    let isPlain: Bool

    public init(_ typed: String) {
        words = ClientSearchKey.words(of: typed).map(Word.init)
        isPlain = words.allSatisfy { $0.text.unicodeScalars.allSatisfy(ClientDirectory.isPlain) }
    }

    /// Whether every client this query matches also matches `earlier`, so that it can be looked
    /// for among what `earlier` matched: each earlier word lies inside one of these, all of them
    /// are ASCII (a letter added cannot join the one before it), and no earlier word is only phone
    /// punctuation ("+" finds no phone number, "+4" does).
    public func narrows(_ earlier: ClientQuery) -> Bool {
        if earlier.words.isEmpty { return true }
        guard (words + earlier.words).allSatisfy({ $0.bytes.allSatisfy { $0 < 0x80 } }) else { return false }
        return earlier.words.allSatisfy { old in
            !old.bytes.isEmpty && old.bytes.contains { !"+-().".utf8.contains($0) }
                && words.contains { new in new.bytes.withUnsafeBufferPointer { ClientDirectory.find(old.bytes, in: $0) } }
        }
    }
}

/// Find-as-you-type over a directory: the clients matching what is typed. A letter added is
/// looked for among the clients the text before it matched; a letter taken away is answered
/// with what that shorter text matched before.
public struct ClientFinder: Sendable {
    public let directory: ClientDirectory
    /// The texts typed on the way to the current one, each with its query and matches.
    private var trail: [(typed: String, query: ClientQuery, matches: [Int])] = []
    /// How many clients the last text was looked for among: all, those the text before it
    /// matched, or none when it was answered from before.
    public private(set) var lastSearched = 0

    public init(_ directory: ClientDirectory) {
        self.directory = directory
    }

    /// The positions in the directory's clients of those matching `typed`, in order.
    public mutating func matches(_ typed: String) -> [Int] {
        if let known = trail.lastIndex(where: { $0.typed == typed }) {
            trail.removeSubrange((known + 1)...)
            lastSearched = 0
            return trail[known].matches
        }
        let query = ClientQuery(typed)
        while let last = trail.last, !query.narrows(last.query) { trail.removeLast() }
        let candidates = trail.last?.matches
        lastSearched = candidates?.count ?? directory.count
        let matches = directory.positions(matching: query, among: candidates)
        trail.append((typed, query, matches))
        return matches
    }
}
