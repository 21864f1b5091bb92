/// One thing a note search requires: its words, or a region that a muscle name among them stands for.
public struct SearchTerm: Hashable, Sendable {
    /// Words as typed; each must match the start of a word of the text.
    public var words: [String]
    /// Names of the regions' areas the words name as a muscle ("ham" → "back thigh"), each
    /// matched as a phrase; empty when the words name no muscle.
    public var regionNames: [String]

    public init(words: [String], regionNames: [String] = []) {
        self.words = words
        self.regionNames = regionNames
    }
}

extension NoteSearch {
    /// What the search requires, every term of it: a word, or a run of words that names a
    /// muscle (``MuscleNames``, the region finder's rule), which the region it lies in also
    /// satisfies, so "piriformis" finds work logged on the gluteals and "IT band" on the hip.
    /// The longest run that names a muscle wins ("glute med" before "glute").
    public var terms: [SearchTerm] {
        let words = self.words
        var terms: [SearchTerm] = []
        var i = 0
        while i < words.count {
            var matched: (end: Int, areas: [BodyArea])?
            for end in stride(from: min(words.count, i + 4), to: i, by: -1) {
                let areas = MuscleNames.areas(matching: words[i..<end].joined(separator: " "))
                if !areas.isEmpty { matched = (end, areas); break }
            }
            if let matched {
                terms.append(SearchTerm(words: Array(words[i..<matched.end]), regionNames: matched.areas.map(\.name)))
                i = matched.end
            } else {
                terms.append(SearchTerm(words: [words[i]]))
                i += 1
            }
        }
        return terms
    }

    /// The words a snippet marks as found: the typed words and the words of the regions they name.
    public var markedWords: [String] {
        terms.flatMap { term in
            term.words + term.regionNames.flatMap { $0.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init) }
        }
    }
}
