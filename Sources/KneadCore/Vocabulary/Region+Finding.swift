extension Region {
    /// The regions that typed words name: the region finder's one rule. Regions whose name
    /// matches come first, then those a muscle name found, each head to foot.
    ///
    /// Each word matches the start of a word of the region's name ("low" → "low back"), or the
    /// words together name a muscle of the region's area (``MuscleNames``: "ham", "IT band",
    /// "glute med"). "l", "r", "lt", "rt", "left" and "right" choose the side either way
    /// ("l piriformis" → left gluteals). Empty text names every region.
    public static func matching(_ typed: String, among regions: [Region] = Region.all) -> [Region] {
        let words = typed.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        var sides: Set<Side> = []
        var muscleWords: [String] = []
        for word in words {
            if let side = sideWord(word) { sides.insert(side) } else { muscleWords.append(word) }
        }
        let muscleAreas = muscleWords.isEmpty ? [] : Set(MuscleNames.areas(matching: muscleWords.joined(separator: " ")))
        let byName = regions.filter { region in
            let nameWords = region.name.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            return words.allSatisfy { word in
                if word.count <= 2, let side = sideWord(word) { return region.side == side }
                return nameWords.contains { $0.hasPrefix(word) }
            }
        }
        let byMuscle = regions.filter { region in
            muscleAreas.contains(region.area) && (sides.isEmpty || sides.contains(region.side)) && !byName.contains(region)
        }
        return byName + byMuscle
    }

    /// The side a word names: "l", "lt", "left"; "r", "rt", "right".
    private static func sideWord(_ word: String) -> Side? {
        switch word {
        case "l", "lt", "left": .left
        case "r", "rt", "right": .right
        default: nil
        }
    }
}
