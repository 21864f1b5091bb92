import Foundation

/// A note written out as a document: Markdown or plain text. Pure: the same note gives the same bytes.
///
/// Control characters in what was typed (escape sequences, C1 controls, bidi overrides) are replaced
/// with U+FFFD (``SafeText``), so printing a document to a terminal cannot drive the terminal.
public enum NoteDocument {
    /// The note as plain text, exactly as the preview shows it.
    public static func text(_ note: SOAPNote) -> String {
        terminalSafe(note.lines.joined(separator: "\n") + "\n")
    }

    /// The note as Markdown: a heading per section, a bullet per line, amendments under the original.
    public static func markdown(_ note: SOAPNote) -> String {
        var out = ["# \(escaped(note.title))", ""]
        for (heading, lines) in note.sections {
            out.append("## \(heading)")
            out.append("")
            out += lines.isEmpty ? ["_(nothing recorded)_"] : lines.map { "- " + escaped($0) }
            out.append("")
        }
        out.append("**\(escaped(note.signatureLine))**")
        for warning in note.warnings { out += ["", "**\(escaped(warning))**"] }
        if !note.amendments.isEmpty {
            out += ["", "## Amendments", ""]
            for amendment in note.amendments {
                out.append("### Amendment \(amendment.number) — \(escaped(amendment.by)), \(amendment.stamp)")
                out.append("")
                out.append("Reason: \(escaped(amendment.reason))")
                out.append("")
                out += amendment.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + escaped(String($0)) }
                out.append("")
            }
        }
        return terminalSafe(out.joined(separator: "\n").trimmingTrailingNewlines() + "\n")
    }

    /// Backslash before the characters Markdown would read as markup; kept on one line, so a line
    /// break in a name cannot end a heading or a bullet and start markup of its own.
    static func escaped(_ text: String) -> String {
        var out = ""
        for c in SafeText.line(text) {
            if "\\`*_[]<>#|".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

/// A block of text made safe to print by the one rule of ``SafeText``: line feeds and tabs stay,
/// every other control, bidi override or isolate becomes U+FFFD.
public func terminalSafe(_ text: String) -> String {
    SafeText.block(text)
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
