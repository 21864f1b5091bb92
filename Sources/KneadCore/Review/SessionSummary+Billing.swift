extension SessionSummary {
    /// Billing units of the session's timed work.
    ///
    /// Until KneadCore has its `BillingUnits` rules, this is the total timed minutes; the
    /// review's column heading says so (``billingColumnTitle``).
    public var billingUnits: Int { timedMinutes }

    /// The heading of the billing column: what ``billingUnits`` counts.
    public static let billingColumnTitle = "Timed min"
}
