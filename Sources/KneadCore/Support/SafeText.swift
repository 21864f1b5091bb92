import Foundation

/// The one rule for text that leaves knead for a terminal, a pipe or a file: what a stored name,
/// note or path may never carry out raw, and what it becomes instead.
///
/// Unsafe are the C0 controls (but a tab, a line feed and the carriage return of a CRLF line end in
/// a block of text), DEL, the C1 controls (U+0080–U+009F, which some terminals read as ESC
/// sequences), the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, which
/// reorder what follows them on screen), and the line and paragraph separators (U+2028, U+2029).
/// Each becomes U+FFFD, so the reader sees that something was there. JSON keeps the text exact
/// instead: ``json(_:)`` writes each unsafe scalar as a `\uXXXX` escape.
public enum SafeText {
    /// Whether a scalar is unsafe wherever it appears (line breaks and tabs aside).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// Text of several lines (a document, a report): line feeds, tabs and CRLF line ends are kept,
    /// every other unsafe scalar is replaced with U+FFFD.
    public static func block(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            let lineEnd = scalar == "\n" || scalar == "\t"
                || (scalar == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n")
            out.append(!lineEnd && isUnsafe(scalar) ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }

    /// Text that must stay on one line (a name in a table row, a heading, a CSV field): every unsafe
    /// scalar, line breaks and tabs included, is replaced with U+FFFD.
    public static func line(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { isUnsafe($0) ? "\u{FFFD}" : $0 }))
    }

    /// A JSON document with every unsafe scalar left raw by the encoder (C1, DEL, bidi, U+2028/9)
    /// written as a `\uXXXX` escape. Such scalars can only stand inside JSON strings, so the
    /// document means exactly the same; it just never carries them raw.
    public static func json(_ document: String) -> String {
        var out = ""
        out.reserveCapacity(document.utf8.count)
        for scalar in document.unicodeScalars {
            if isUnsafe(scalar), scalar != "\n" {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
