import Foundation

extension ReviewFlag {
    /// The flags that come from contraindication screening: `.redFlag` when screening found a red
    /// flag (acknowledged or not: the client was to be referred), `.override` when the therapist
    /// treated despite a whole-body contraindication, `.deepPressureDespiteCaution` when deep
    /// pressure was worked on a region screening cautioned, and work on a region marked to avoid.
    static func screeningFlags(of state: SessionState) -> [ReviewFlag] {
        var flags: [ReviewFlag] = []
        let findings = state.findings
        if !findings.redFlagCauses.isEmpty { flags.append(.redFlag) }
        if !state.overrides.isEmpty { flags.append(.override) }
        if state.segments.contains(where: { $0.work.pressure.isDeep && state.isCautionRegion($0.work.region) }) {
            flags.append(.deepPressureDespiteCaution)
        }
        return flags
    }
}
