extension SessionSummary {
    /// Billing units of the session's timed work by the 8-minute rule (``BillingUnits``), with
    /// the standard technique-to-code mapping.
    public var billingUnits: Int { billing().totalUnits }

    /// The units per code, for a practice's own mapping of techniques to codes; a signed note
    /// keeps the codes it was signed with.
    public func billing(codes: BillingCodes = .standard) -> BillingUnits {
        BillingUnits(secondsByTechnique: secondsByTechnique, codes: signedCodes ?? codes)
    }

    /// The heading of the billing column: what ``billingUnits`` counts.
    public static let billingColumnTitle = "Units"
}
