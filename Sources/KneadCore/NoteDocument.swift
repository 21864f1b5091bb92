import Foundation

/// A note written out as a document: Markdown or plain text. Pure: the same note gives the same bytes.
///
/// Control characters in what was typed (escape sequences, C1 controls) are replaced with U+FFFD,
/// so printing a document to a terminal cannot drive the terminal.
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

    /// Backslash before the characters Markdown would read as markup.
    static func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\`*_[]<>#|".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

/// Replaces control characters other than newline and tab (C0, DEL, C1) with U+FFFD.
public func terminalSafe(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        let v = scalar.value
        let control = (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v)
        scalars.append(control ? "\u{FFFD}" : scalar)
    }
    return String(scalars)
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
