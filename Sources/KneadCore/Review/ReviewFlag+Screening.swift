import Foundation

extension ReviewFlag {
    /// SCREENING PLUG-IN: the flags that come from contraindication screening — `.redFlag` when
    /// screening found a red flag, `.override` when the therapist treated despite one.
    ///
    /// Screening data (red flags, overrides) is being added to `Assessment`/`SessionState` on
    /// another branch. When it lands, read it here; the day review, the CLI and the JSON/CSV
    /// output pick the flags up from ``flags(of:)`` with no other change.
    static func screeningFlags(of state: SessionState) -> [ReviewFlag] {
        []
    }
}
