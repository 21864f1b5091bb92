/// One problem found in a config file: the file, the line when known, and what is wrong.
///
/// Reads as `FILE: line N: what is wrong (what was expected)`. Whatever the problem concerns
/// falls back to its default; the rest of the file is still used.
public struct ConfigDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The file as the therapist would type it.
    public var file: String
    /// The 1-based line the problem is on, when it is known.
    public var line: Int?
    /// What is wrong and what was expected, as a sentence without the file and line.
    public var problem: String

    public init(file: String, line: Int?, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        let text = line.map { "\(file): line \($0): \(problem)" } ?? "\(file): \(problem)"
        // The text may quote the file; control characters never reach a terminal raw.
        return String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control ? "?" : $0
        }))
    }
}
