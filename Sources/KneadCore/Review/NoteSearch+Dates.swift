import Foundation

/// A `since:` or `before:` in a search that is not a year, a month or a day.
public struct SearchDateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The word as typed, before its colon: `since` or `before`.
    public var word: String

    public init(word: String) {
        self.word = word
    }

    public var description: String {
        "\(word): takes a year, a month or a day, e.g. \(word):2019, \(word):2019-03 or \(word):2019-03-15."
    }
}

extension NoteSearch {
    /// A search as typed in the search window: words, and optionally `since:` and `before:`, each
    /// followed by a year (`2019`), a month (`2019-03`) or a day (`2019-03-15`) in the calendar's
    /// time zone. `since:` keeps sessions started from the start of that year, month or day on;
    /// `before:` those started before it begins (`since:2019 before:2020` is the year 2019).
    public static func typed(_ text: String, client: ClientID? = nil, calendar: ReviewCalendar,
                             limit: Int = 50, window: Int = NoteSearch.standardWindow) throws(SearchDateError) -> NoteSearch {
        var words: [Substring] = []
        var from: Date?, to: Date?
        for token in text.split(whereSeparator: \.isWhitespace) {
            let lowered = token.lowercased()
            if lowered.hasPrefix("since:") {
                guard let start = Self.periodStart(token.dropFirst(6), calendar) else { throw SearchDateError(word: "since") }
                from = start
            } else if lowered.hasPrefix("before:") {
                guard let start = Self.periodStart(token.dropFirst(7), calendar) else { throw SearchDateError(word: "before") }
                to = start
            } else {
                words.append(token)
            }
        }
        return NoteSearch(words.joined(separator: " "), client: client, from: from, to: to, limit: limit, window: window)
    }

    /// The first moment of a year, month or day written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; nil
    /// when it is not one.
    static func periodStart(_ text: Substring, _ calendar: ReviewCalendar) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitCharacter) }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count,
              let real = CalendarDate(year: numbers[0], month: numbers.count > 1 ? numbers[1] : 1, day: numbers.count > 2 ? numbers[2] : 1),
              let date = calendar.calendar.date(from: DateComponents(year: real.year, month: real.month, day: real.day))
        else { return nil }
        return calendar.day(of: date)
    }
}
