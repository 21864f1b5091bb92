/// Common muscle names for each body area, so a search for "piriformis" finds the gluteals and
/// "trap" the shoulders and neck. Data: words a therapist types, not an anatomy atlas.
public enum MuscleNames {
    public static let byArea: [BodyArea: [String]] = [
        .head: ["scalp", "occipitalis", "frontalis", "temporalis"],
        .jaw: ["masseter", "temporalis", "pterygoid", "TMJ"],
        .neck: ["trapezius", "upper trap", "traps", "SCM", "sternocleidomastoid", "scalenes", "levator scapulae", "suboccipitals", "splenius"],
        .cervicalSpine: ["suboccipitals", "splenius", "multifidus", "semispinalis"],
        .thoracicSpine: ["erector spinae", "multifidus", "rotatores"],
        .lumbarSpine: ["erector spinae", "multifidus", "quadratus lumborum", "QL"],
        .sacrum: ["sacroiliac", "SI joint"],
        .shoulder: ["trapezius", "upper trap", "traps", "deltoid", "delts", "rotator cuff", "supraspinatus", "infraspinatus",
                    "teres minor", "subscapularis", "levator scapulae"],
        .upperBack: ["trapezius", "middle trap", "traps", "rhomboids", "levator scapulae", "serratus posterior"],
        .midBack: ["latissimus dorsi", "lats", "lower trap", "erector spinae"],
        .lowBack: ["quadratus lumborum", "QL", "erector spinae", "multifidus", "thoracolumbar fascia"],
        .chest: ["pectoralis major", "pectoralis minor", "pecs", "intercostals", "serratus anterior"],
        .abdomen: ["rectus abdominis", "obliques", "psoas", "iliopsoas", "diaphragm"],
        .upperArm: ["biceps", "triceps", "brachialis", "coracobrachialis"],
        .forearm: ["wrist flexors", "wrist extensors", "brachioradialis", "pronator teres", "supinator"],
        .handWrist: ["thenar", "hypothenar", "interossei", "lumbricals", "carpal tunnel"],
        .hip: ["iliopsoas", "psoas", "TFL", "tensor fasciae latae", "hip flexors", "IT band"],
        .gluteal: ["gluteus maximus", "gluteus medius", "gluteus minimus", "glutes", "piriformis", "deep six rotators"],
        .thighFront: ["quadriceps", "quads", "rectus femoris", "vastus lateralis", "vastus medialis", "adductors", "sartorius", "IT band"],
        .thighBack: ["hamstrings", "biceps femoris", "semitendinosus", "semimembranosus", "adductor magnus"],
        .knee: ["patellar tendon", "popliteus", "pes anserinus"],
        .calf: ["gastrocnemius", "gastroc", "soleus", "Achilles"],
        .shin: ["tibialis anterior", "peroneals", "fibularis"],
        .footAnkle: ["plantar fascia", "Achilles", "intrinsic foot muscles"],
    ]

    /// The names for an area.
    public static func names(of area: BodyArea) -> [String] { byArea[area] ?? [] }
}

/// The words a session's event adds to the search index: every word the note shows for it.
public enum NoteIndex {
    /// A region by its name, its short name and its common muscle names.
    public static func words(of region: Region) -> String {
        "\(region.name) (\(region.shortName); " + MuscleNames.names(of: region.area).joined(separator: ", ") + ")"
    }

    /// The text an event adds to the index, or nil when it adds none. Techniques by the standard
    /// name and their identifier; screening answers by their questions.
    public static func text(of change: SessionChange, catalog: TechniqueCatalog = .standard,
                            screening questions: ScreeningCatalog = .standard) -> String? {
        var parts: [String] = []
        switch change {
        case .noted(let note): parts = [note]
        case .amended(let amendment): parts = [amendment.text, amendment.reason]
        case .assessed(let a):
            parts = [a.chiefComplaint, a.onset, a.worseWith, a.betterWith, a.conditions, a.medications,
                     a.objectiveFindings, a.contraindications, a.goals]
            parts += a.painfulRegions.map { words(of: $0.region) }
            parts += a.avoidRegions.map { words(of: $0) }
            for response in a.screening.responses where response.answer == .yes {
                let label = questions.question(response.questionID)?.label ?? response.questionID
                parts.append(label + (response.derivedFrom.map { ": " + $0 } ?? "")
                             + response.regions.map { " " + words(of: $0) }.joined())
            }
        case .workStarted(let work):
            // The technique first: a snippet starts with what was done, then where.
            parts = [catalog.name(of: work.technique) + " (" + work.technique.id.replacingOccurrences(of: "-", with: " ") + ")",
                     words(of: work.region)]
        case .techniqueChanged(let technique):
            parts = [catalog.name(of: technique) + " (" + technique.id.replacingOccurrences(of: "-", with: " ") + ")"]
        case .aftercareRecorded(let care):
            parts = [care.homeCare, care.selfCare, care.plan, care.nextFocus, care.referral, care.freeText,
                     care.additions.subjective, care.additions.objective, care.additions.assessment, care.additions.plan]
            parts += care.advice
            parts += care.regionPain.map { words(of: $0.region) }
        case .historyReviewed(let history):
            // Conditions and medications are indexed with the assessment, which starts from them.
            parts = [history.allergies] + history.surgeriesAndInjuries.map(\.line)
        case .screeningSkipped(let reason): parts = ["not screened today", reason]
        case .contraindicationOverridden(let override): parts = [override.reason] + override.causes
        case .rescheduled(let reason): parts = ["rescheduled", reason]
        default: return nil
        }
        let text = parts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return text.isEmpty ? nil : text.joined(separator: " · ")
    }

    /// Kinds of event whose newer version replaces the older in the index (the form is saved as it changes).
    public static let supersedingKinds: Set<String> = ["assessed", "aftercareRecorded", "historyReviewed"]
}
