extension KneadApp {
    /// Shows a line under the screen in the danger style: something found after start-up that
    /// the therapist must not miss (e.g. an entry changed outside knead).
    public func alert(_ text: String) {
        status = StatusMessage(text: text, kind: .error)
    }
}
