/// SNOMED CT body structures for the regions where the code is certain. Everything else is sent
/// as text only: a wrong code in a physician's record is worse than none. The side stays in the
/// text ("left gluteals"); the code names the structure.
public enum FHIRBodySites {
    public struct Code: Hashable, Sendable {
        public let code: String
        public let display: String
    }

    public static let snomed: [BodyArea: Code] = [
        .head: Code(code: "69536005", display: "Head structure"),
        .neck: Code(code: "45048000", display: "Neck structure"),
        .cervicalSpine: Code(code: "122494005", display: "Cervical spine structure"),
        .thoracicSpine: Code(code: "122495006", display: "Thoracic spine structure"),
        .lumbarSpine: Code(code: "122496007", display: "Lumbar spine structure"),
        .shoulder: Code(code: "16982005", display: "Shoulder region structure"),
        .chest: Code(code: "51185008", display: "Thoracic structure"),
        .gluteal: Code(code: "46862004", display: "Buttock structure"),
        .knee: Code(code: "72696002", display: "Knee region structure"),
    ]
}
