import Foundation

/// The part of a note around the words a search found, with those words marked.
///
/// Words are runs of letters and digits, compared without case or accents; a note word matches
/// when it starts with a searched word — the same rule the full-text index follows.
public enum NoteSnippet {
    /// A word as searches compare it: lowercase, without accents.
    public static func fold(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The text around the first match, at most `words` words, matches marked; "…" where cut.
    public static func parts(of text: String, matching searched: [String], words: Int = 16) -> [NoteSearchHit.Part] {
        var tokens: [Range<String.Index>] = []
        var start: String.Index?
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c.isLetter || c.isNumber {
                if start == nil { start = i }
            } else if let s = start {
                tokens.append(s..<i)
                start = nil
            }
            i = text.index(after: i)
        }
        if let s = start { tokens.append(s..<text.endIndex) }
        guard !tokens.isEmpty else { return [.init(flat(text), isMatch: false)] }

        let matches = tokens.map { range in
            let word = fold(String(text[range]))
            return searched.contains { !$0.isEmpty && word.hasPrefix($0) }
        }
        let first = matches.firstIndex(of: true) ?? 0
        let from = max(0, min(first - 3, tokens.count - words))
        let to = min(tokens.count, from + words)
        var parts: [NoteSearchHit.Part] = []
        var cursor = from == 0 ? text.startIndex : tokens[from].lowerBound
        if from > 0 { parts.append(.init("…", isMatch: false)) }
        for t in from..<to where matches[t] {
            if cursor < tokens[t].lowerBound { parts.append(.init(flat(String(text[cursor..<tokens[t].lowerBound])), isMatch: false)) }
            parts.append(.init(String(text[tokens[t]]), isMatch: true))
            cursor = tokens[t].upperBound
        }
        let end = to == tokens.count ? text.endIndex : tokens[to - 1].upperBound
        if cursor < end { parts.append(.init(flat(String(text[cursor..<end])), isMatch: false)) }
        if to < tokens.count { parts.append(.init("…", isMatch: false)) }
        // Neighbouring plain parts join into one.
        return parts.reduce(into: []) { joined, part in
            if let last = joined.last, !last.isMatch, !part.isMatch {
                joined[joined.count - 1].text += part.text
            } else {
                joined.append(part)
            }
        }
    }

    /// Line breaks and tabs as spaces, so a snippet is one line.
    private static func flat(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
