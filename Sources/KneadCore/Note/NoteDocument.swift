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
            out += lines.isEmpty ? ["_(nothing recorded)_"] : lines.map(bullet)
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

    /// One entry as a list item. An entry of several lines keeps each line and its indentation:
    /// the lines after the first continue the item, each after a hard line break, with leading
    /// spaces as no-break spaces (which Markdown keeps) and a leading list or heading marker escaped.
    static func bullet(_ entry: String) -> String {
        let lines = entry.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        for (i, line) in lines.enumerated() {
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            let rest = line.dropFirst(indent.count)
            let kept = String(repeating: "\u{00A0}", count: indent.reduce(0) { $0 + ($1 == "\t" ? 4 : 1) })
            var text = kept + markerEscaped(escaped(String(rest)))
            if i == 0 { text = "- " + text } else { text = "  " + (text.isEmpty ? "\u{00A0}" : text) }
            if i < lines.count - 1 { text += "\\" }
            out.append(text)
        }
        return out.joined(separator: "\n")
    }

    /// A backslash before a marker that would start a list, a heading underline or a code fence
    /// at the beginning of a line.
    static func markerEscaped(_ text: String) -> String {
        guard let first = text.first else { return text }
        if "-+=~".contains(first) { return "\\" + text }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let after = text.dropFirst(digits.count).first, after == "." || after == ")" {
            return digits + "\\" + text.dropFirst(digits.count)
        }
        return text
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
