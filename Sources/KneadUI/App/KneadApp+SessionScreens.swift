extension KneadApp {
    /// What the treatment screen holds (the highlighted region, the next work's pressure and
    /// technique, the timeline's scroll), read by tests; a fresh state when it is not shown.
    var treatment: TreatmentState { (current as? TreatmentScreen)?.state ?? TreatmentState() }
    /// The assessment form on screen, read by tests; empty when it is not shown.
    var assessmentForm: Form { (current as? AssessmentScreen)?.form ?? Form([]) }
    /// The aftercare form on screen, read by tests; empty when it is not shown.
    var aftercareForm: Form { (current as? AftercareScreen)?.form ?? Form([]) }
}
