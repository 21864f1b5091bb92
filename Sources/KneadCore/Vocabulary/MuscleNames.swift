import Foundation

/// A muscle, structure or lay word a therapist uses for a place on the body, and the body areas
/// it names: "piriformis" the gluteals, "trap" the neck, shoulders and upper back.
public struct MuscleName: Hashable, Sendable {
    /// The anatomical name first, then abbreviations, short forms and lay words.
    public let names: [String]
    /// The areas it lies in, head to foot.
    public let areas: [BodyArea]

    public init(_ names: [String], _ areas: [BodyArea]) {
        self.names = names
        self.areas = areas
    }

    /// The name a note shows: the first one.
    public var name: String { names.first ?? "" }
}

/// The words therapists name muscles and places by, each with its body areas. Data, not an anatomy
/// atlas: what a massage therapist types into a region finder or a search. Every area has an entry.
public enum MuscleNames {
    public static let table: [MuscleName] = [
        // Head and jaw
        MuscleName(["scalp", "galea aponeurotica", "epicranius"], [.head]),
        MuscleName(["occipitalis", "occiput"], [.head]),
        MuscleName(["frontalis", "forehead"], [.head]),
        MuscleName(["temporalis", "temple", "temples"], [.head, .jaw]),
        MuscleName(["masseter", "jaw muscle"], [.jaw]),
        MuscleName(["pterygoids", "medial pterygoid", "lateral pterygoid"], [.jaw]),
        MuscleName(["temporomandibular joint", "TMJ", "jaw"], [.jaw]),
        // Neck and cervical spine
        MuscleName(["trapezius", "trap", "traps"], [.neck, .shoulder, .upperBack]),
        MuscleName(["upper trapezius", "upper trap", "upper traps"], [.neck, .shoulder]),
        MuscleName(["sternocleidomastoid", "SCM"], [.neck]),
        MuscleName(["scalenes", "scalene", "anterior scalene", "middle scalene", "posterior scalene"], [.neck]),
        MuscleName(["levator scapulae", "levator", "lev scap"], [.neck, .shoulder, .upperBack]),
        MuscleName(["suboccipitals", "suboccs", "base of the skull", "skull base"], [.neck, .cervicalSpine]),
        MuscleName(["splenius capitis", "splenius cervicis", "splenius"], [.neck, .cervicalSpine]),
        MuscleName(["semispinalis", "semispinalis capitis"], [.cervicalSpine, .thoracicSpine]),
        MuscleName(["neck", "cervical", "c-spine"], [.neck, .cervicalSpine]),
        // Spine and back
        MuscleName(["erector spinae", "erectors", "spinal erectors", "paraspinals", "iliocostalis", "longissimus", "spinalis"],
                   [.thoracicSpine, .lumbarSpine, .midBack, .lowBack]),
        MuscleName(["multifidus", "rotatores"], [.cervicalSpine, .thoracicSpine, .lumbarSpine, .lowBack]),
        MuscleName(["spine", "spinal column"], [.cervicalSpine, .thoracicSpine, .lumbarSpine, .sacrum]),
        MuscleName(["thoracic", "t-spine"], [.thoracicSpine]),
        MuscleName(["lumbar", "l-spine"], [.lumbarSpine]),
        MuscleName(["sacroiliac joint", "SI joint", "SIJ", "sacrum", "tailbone", "coccyx"], [.sacrum]),
        MuscleName(["rhomboids", "rhomboid", "rhomboid major", "rhomboid minor", "rhombs"], [.upperBack]),
        MuscleName(["middle trapezius", "middle trap", "mid trap"], [.upperBack]),
        MuscleName(["lower trapezius", "lower trap"], [.midBack]),
        MuscleName(["serratus posterior superior", "serratus posterior"], [.upperBack]),
        MuscleName(["shoulder blade", "scapula"], [.upperBack, .shoulder]),
        MuscleName(["upper back"], [.upperBack]),
        MuscleName(["latissimus dorsi", "lats", "lat"], [.midBack, .shoulder]),
        MuscleName(["serratus posterior inferior"], [.midBack]),
        MuscleName(["mid back", "middle back"], [.midBack]),
        MuscleName(["quadratus lumborum", "QL"], [.lowBack, .lumbarSpine]),
        MuscleName(["thoracolumbar fascia", "TLF"], [.lowBack]),
        MuscleName(["lower back", "low back", "lumbago"], [.lowBack, .lumbarSpine]),
        // Shoulder, chest, abdomen
        MuscleName(["deltoid", "deltoids", "delts", "delt"], [.shoulder]),
        MuscleName(["rotator cuff", "cuff"], [.shoulder]),
        MuscleName(["supraspinatus", "supra"], [.shoulder]),
        MuscleName(["infraspinatus", "infra"], [.shoulder, .upperBack]),
        MuscleName(["teres minor", "teres major", "teres"], [.shoulder, .upperBack]),
        MuscleName(["subscapularis", "subscap"], [.shoulder]),
        MuscleName(["pectoralis major", "pec major", "pecs", "pec", "pectorals"], [.chest]),
        MuscleName(["pectoralis minor", "pec minor"], [.chest]),
        MuscleName(["serratus anterior", "serratus"], [.chest]),
        MuscleName(["intercostals", "ribs", "rib cage"], [.chest, .midBack]),
        MuscleName(["sternum", "breastbone", "collarbone", "clavicle", "subclavius"], [.chest]),
        MuscleName(["rectus abdominis", "abs", "six pack"], [.abdomen]),
        MuscleName(["obliques", "external oblique", "internal oblique", "transversus abdominis", "TVA"], [.abdomen]),
        MuscleName(["diaphragm"], [.abdomen]),
        MuscleName(["belly", "tummy", "stomach", "abdominals"], [.abdomen]),
        MuscleName(["psoas", "psoas major", "iliacus", "iliopsoas"], [.abdomen, .hip]),
        // Arms
        MuscleName(["biceps brachii", "biceps", "bicep", "bis"], [.upperArm]),
        MuscleName(["triceps brachii", "triceps", "tricep", "tris"], [.upperArm]),
        MuscleName(["brachialis", "coracobrachialis"], [.upperArm]),
        MuscleName(["elbow", "tennis elbow", "golfer's elbow", "epicondyle"], [.upperArm, .forearm]),
        MuscleName(["wrist flexors", "forearm flexors", "flexors"], [.forearm]),
        MuscleName(["wrist extensors", "forearm extensors", "extensors"], [.forearm]),
        MuscleName(["brachioradialis", "pronator teres", "supinator", "pronators"], [.forearm]),
        MuscleName(["thenar", "thenar eminence", "thumb", "ball of the thumb"], [.handWrist]),
        MuscleName(["hypothenar", "interossei", "lumbricals", "palm", "fingers", "knuckles"], [.handWrist]),
        MuscleName(["carpal tunnel", "wrist"], [.handWrist]),
        // Hips and legs
        MuscleName(["gluteus maximus", "glute max", "glutes", "glute", "buttocks", "butt", "bum", "seat"], [.gluteal]),
        MuscleName(["gluteus medius", "glute med", "glute medius"], [.gluteal, .hip]),
        MuscleName(["gluteus minimus", "glute min"], [.gluteal, .hip]),
        MuscleName(["piriformis", "piri", "lateral rotators", "deep rotators", "sciatic notch"], [.gluteal]),
        MuscleName(["tensor fasciae latae", "TFL"], [.hip]),
        MuscleName(["hip flexors", "hip flexor"], [.hip, .thighFront]),
        MuscleName(["iliotibial band", "IT band", "ITB"], [.hip, .thighFront]),
        MuscleName(["greater trochanter", "trochanter", "side of the hip"], [.hip]),
        MuscleName(["quadriceps", "quads", "quad", "rectus femoris", "vastus lateralis", "vastus medialis", "VMO",
                    "vastus intermedius"], [.thighFront]),
        MuscleName(["adductors", "adductor longus", "adductor brevis", "gracilis", "pectineus", "groin", "inner thigh"],
                   [.thighFront]),
        MuscleName(["adductor magnus"], [.thighFront, .thighBack]),
        MuscleName(["sartorius"], [.thighFront]),
        MuscleName(["hamstrings", "hamstring", "hammies", "hams", "biceps femoris", "semitendinosus", "semimembranosus"],
                   [.thighBack]),
        MuscleName(["thigh"], [.thighFront, .thighBack]),
        MuscleName(["patella", "kneecap", "patellar tendon", "popliteus", "popliteal fossa", "pes anserinus"], [.knee]),
        MuscleName(["gastrocnemius", "gastroc", "gastrocs", "calf", "calves"], [.calf]),
        MuscleName(["soleus"], [.calf]),
        MuscleName(["Achilles tendon", "Achilles"], [.calf, .footAnkle]),
        MuscleName(["tibialis anterior", "tib ant", "shin splints", "shins"], [.shin]),
        MuscleName(["peroneals", "fibularis", "peroneus longus", "fibularis longus"], [.shin]),
        MuscleName(["plantar fascia", "plantar fasciitis", "arch", "sole", "heel", "instep"], [.footAnkle]),
        MuscleName(["intrinsic foot muscles", "toes", "ankle", "ankles", "feet"], [.footAnkle]),
    ]

    /// The entries that typed text names.
    ///
    /// Case, accents, spaces and punctuation do not count ("IT band", "it-band" and "itband" are one
    /// name), and the text may be the start of a name or of any word of it: "ham" finds the
    /// hamstrings, "itb" the IT band, "medius" the gluteus medius. Text of one or two letters must
    /// be a whole name ("QL"), so that "l" or "r" for a side names no muscle.
    public static func entries(matching typed: String) -> [MuscleName] {
        let key = matchKey(typed)
        guard key.count >= 2 else { return [] }
        return zip(table, startKeys).filter { _, starts in
            starts.contains { start in key.count >= 3 ? start.hasPrefix(key) : start == key }
        }.map(\.0)
    }

    /// The match keys of each entry's names from each of their words on, worked out once.
    private static let startKeys: [[String]] = table.map { $0.names.flatMap(wordStarts) }

    /// The body areas that typed text names, head to foot; empty when it names no muscle.
    public static func areas(matching typed: String) -> [BodyArea] {
        let found = Set(entries(matching: typed).flatMap(\.areas))
        return BodyArea.allCases.filter(found.contains)
    }

    /// The names for an area, anatomical names first: the words the search index adds to a region.
    public static func names(of area: BodyArea) -> [String] {
        table.filter { $0.areas.contains(area) }.map(\.name)
    }

    /// Text as names are compared: lowercase letters and digits only, accents folded.
    public static func matchKey(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// The match keys of a name from each of its words on: "IT band" gives "itband" and "band".
    static func wordStarts(of name: String) -> [String] {
        let words = name.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        return words.indices.map { i in matchKey(words[i...].joined(separator: " ")) }
    }
}
