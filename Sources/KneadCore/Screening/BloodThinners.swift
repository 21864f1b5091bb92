/// Medicines that thin the blood: a client taking one bruises and bleeds easily, so deep pressure
/// (levels 4–5) needs a confirmation. Data: a practice may add names.
public struct BloodThinners: Hashable, Sendable {
    /// Each medicine by its generic name, with brand names that mean the same.
    public var medicines: [String: [String]]
    public init(_ medicines: [String: [String]]) { self.medicines = medicines }

    /// Anticoagulants and antiplatelet medicines seen in practice. Aspirin is included because a
    /// daily low dose is taken precisely to thin the blood; the therapist confirms with the client.
    public static let standard = BloodThinners([
        "warfarin": ["coumadin", "jantoven", "marevan"],
        "acenocoumarol": ["sintrom"],
        "phenprocoumon": ["marcumar"],
        "apixaban": ["eliquis"],
        "rivaroxaban": ["xarelto"],
        "dabigatran": ["pradaxa", "pradax"],
        "edoxaban": ["savaysa", "lixiana"],
        "heparin": [],
        "enoxaparin": ["lovenox", "clexane"],
        "dalteparin": ["fragmin"],
        "tinzaparin": ["innohep"],
        "nadroparin": ["fraxiparine"],
        "fondaparinux": ["arixtra"],
        "clopidogrel": ["plavix"],
        "prasugrel": ["effient", "efient"],
        "ticagrelor": ["brilinta", "brilique"],
        "dipyridamole": ["persantine", "aggrenox"],
        "cilostazol": ["pletal"],
        "aspirin": ["acetylsalicylic", "asa"],
    ])

    /// The blood thinners a medication list names, by generic name, in the order they appear.
    /// Whole words only, ignoring case and accents: "Eliquis 5 mg" finds apixaban; "Aspirinate" does not.
    public func found(in medications: String) -> [String] {
        let words = medications.searchFolded.split { !$0.isLetter }.map(String.init)
        var found: [String] = []
        for word in words {
            for (generic, brands) in medicines.sorted(by: { $0.key < $1.key })
            where (word == generic || brands.contains(word)) && !found.contains(generic) {
                found.append(generic)
            }
        }
        return found
    }
}
