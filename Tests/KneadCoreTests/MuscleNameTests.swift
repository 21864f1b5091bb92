import Testing
import KneadCore

/// The muscle names therapists type, and the one rule that matches them to regions.
@Suite("Muscle names find their regions")
struct MuscleNameTests {
    /// The names, each with an area it must find.
    static let named: [(String, BodyArea)] = [
        ("ham", .thighBack), ("trap", .neck), ("trap", .shoulder), ("trap", .upperBack), ("QL", .lowBack),
        ("piriformis", .gluteal), ("SCM", .neck), ("rhomboid", .upperBack), ("psoas", .abdomen), ("psoas", .hip),
        ("IT band", .thighFront), ("IT band", .hip), ("glute med", .gluteal),
        ("hammies", .thighBack), ("lats", .midBack), ("pecs", .chest), ("calf", .calf), ("neck", .neck),
        ("levator", .neck), ("TFL", .hip), ("quads", .thighFront), ("masseter", .jaw), ("delts", .shoulder),
        ("biceps", .upperArm), ("wrist flexors", .forearm), ("thenar", .handWrist), ("soleus", .calf),
        ("tib ant", .shin), ("plantar fascia", .footAnkle), ("suboccipitals", .cervicalSpine),
        ("erector spinae", .thoracicSpine), ("SI joint", .sacrum), ("obliques", .abdomen), ("temporalis", .head),
        ("kneecap", .knee), ("adductors", .thighFront),
    ]

    @Test("Each name the issue lists, and the lay words, finds its region in the region finder", arguments: named)
    func namedFindsRegion(_ typed: String, _ area: BodyArea) throws {
        let found = Region.matching(typed)
        #expect(found.contains { $0.area == area }, "\(typed) → \(found.map(\.name))")
        #expect(MuscleNames.areas(matching: typed).contains(area))
    }

    @Test("Case, punctuation and spaces do not count; a start of a name is enough")
    func spellings() {
        for typed in ["IT band", "it band", "IT-band", "itband", "itb", "ITB", "iliotibial", "  It  Band "] {
            #expect(MuscleNames.areas(matching: typed) == [.hip, .thighFront], "\(typed)")
        }
        #expect(MuscleNames.areas(matching: "glute-med").contains(.gluteal))
        #expect(MuscleNames.areas(matching: "medius") == [.hip, .gluteal])
        #expect(MuscleNames.areas(matching: "Sternocléidomastoïd") == [.neck])
        #expect(MuscleNames.areas(matching: "hamstr") == [.thighBack])
    }

    @Test("One or two letters must be a whole name, so a side letter names no muscle")
    func shortText() {
        #expect(MuscleNames.areas(matching: "l").isEmpty)
        #expect(MuscleNames.areas(matching: "r").isEmpty)
        #expect(MuscleNames.areas(matching: "it").isEmpty)
        #expect(MuscleNames.areas(matching: "ql") == [.lumbarSpine, .lowBack])
        #expect(MuscleNames.areas(matching: "zz").isEmpty)
        #expect(MuscleNames.areas(matching: "").isEmpty)
        #expect(MuscleNames.areas(matching: "--").isEmpty)
    }

    @Test("A side word narrows a muscle to that side; region names match as before")
    func sides() {
        #expect(Region.matching("l ham") == [Region(.thighBack, .left)!])
        #expect(Region.matching("right piriformis") == [Region(.gluteal, .right)!])
        #expect(Region.matching("rt glute med") == [Region(.hip, .right)!, Region(.gluteal, .right)!])
        #expect(Region.matching("psoas") == [Region(.abdomen)!, Region(.hip, .left)!, Region(.hip, .right)!])
        #expect(Region.matching("low").prefix(3) == [Region(.lowBack, .left)!, Region(.lowBack, .right)!, Region(.lumbarSpine)!])
        #expect(Region.matching("low r").first == Region(.lowBack, .right)!, "a region's own name comes before a muscle's")
        #expect(Region.matching("low r").allSatisfy { $0.side == .right })
        #expect(Region.matching("l low") .contains(Region(.lowBack, .left)!))
        #expect(Region.matching("hand/wrist l") == [Region(.handWrist, .left)!])
        #expect(Region.matching("") == Region.all)
        #expect(Region.matching("l").allSatisfy { $0.side == .left })
        #expect(Region.matching("nothing like it").isEmpty)
        // Among the regions offered only.
        #expect(Region.matching("ham", among: [Region(.thighBack, .right)!, Region(.calf, .left)!]) == [Region(.thighBack, .right)!])
    }

    @Test("Every body area has names in the table, and every entry names known areas")
    func everyArea() {
        for area in BodyArea.allCases {
            #expect(!MuscleNames.names(of: area).isEmpty, "\(area) has no muscle names")
        }
        for entry in MuscleNames.table {
            #expect(!entry.names.isEmpty && !entry.areas.isEmpty)
            for name in entry.names { #expect(!MuscleNames.matchKey(name).isEmpty) }
        }
    }

    @Test("A search's terms: a run of words that names a muscle is met by its regions too")
    func searchTerms() {
        let terms = NoteSearch("tight IT-band today").terms
        #expect(terms.map(\.words) == [["tight"], ["it", "band"], ["today"]])
        #expect(terms[1].regionNames == ["hip", "front thigh"])
        #expect(terms[0].regionNames.isEmpty)
        #expect(NoteSearch("glute med").terms.map(\.words) == [["glute", "med"]])
        #expect(NoteSearch("hammies").terms == [SearchTerm(words: ["hammies"], regionNames: ["back thigh"])])
        #expect(NoteSearch("hammies").markedWords == ["hammies", "back", "thigh"])
    }
}
