import KneadCore

/// How many terminal columns text takes, and how to make user text safe to draw.
///
/// Widths follow what ncursesw's `wcwidth` gives in a UTF-8 locale for the common cases:
/// East Asian wide and fullwidth characters and emoji take two columns, combining marks
/// travel inside their grapheme and take none, control characters are never drawn raw.
public enum DisplayWidth {
    /// Columns one grapheme takes: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        // Printable ASCII, most of what is drawn, without the Unicode property look-ups below.
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // Latin letters with accents, punctuation, arrows, box drawing and shapes, alone: one column.
        if scalars.index(after: scalars.startIndex) == scalars.endIndex, isSimple(first.value) { return 1 }
        if isControl(first) { return 1 }  // drawn as a visible replacement
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }  // emoji presentation selector
        if scalars.count > 1, scalars.contains(where: { $0.value == 0x200D }) { return 2 }  // ZWJ sequence
        if (0x1F1E6...0x1F1FF).contains(first.value) { return 2 }  // regional indicator (flag)
        if first.properties.isEmojiPresentation { return 2 }
        if isWide(first.value) { return 2 }
        if first.properties.generalCategory == .nonspacingMark
            || first.properties.generalCategory == .enclosingMark
            || first.value == 0x200B || first.value == 0x200D { return 0 }
        return 1
    }

    /// Columns a string takes.
    public static func of(_ text: some StringProtocol) -> Int {
        if let columns = text.utf8.withContiguousStorageIfAvailable({ columns(of: text, utf8: $0) }) { return columns }
        // Text not stored as contiguous UTF-8 (bridged): measured from a native copy.
        var copy = String(text)
        let measured = copy
        return copy.withUTF8 { columns(of: measured, utf8: $0) }
    }

    /// Columns of `text`, whose UTF-8 is `utf8`: scalar by scalar from the bytes while each is a
    /// one-column grapheme of its own (letters, box drawing, accented Latin), since breaking
    /// graphemes is most of the cost of a frame; the rest grapheme by grapheme.
    ///
    /// After a grapheme that is not simple (an emoji, a letter with a mark, a ⚠) the walk from the
    /// bytes takes up again at the next grapheme boundary, so one such grapheme does not send the
    /// rest of the text grapheme by grapheme.
    private static func columns(of text: some StringProtocol, utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var columns = 0
        var offset = 0
        while true {
            let rest = UnsafeBufferPointer(rebasing: utf8[offset...])
            offset += walkSimple(rest, limit: .max) { _ in columns += 1 }
            if offset >= utf8.count { return columns }
            // One grapheme the slow way, from a grapheme boundary to the next.
            let start = text.utf8.index(text.startIndex, offsetBy: offset)
            let character = text[start]
            columns += of(character)
            offset += character.utf8.count
        }
    }

    /// Walks the one-column graphemes of one simple scalar each (``isSimple(_:)``) at the start of
    /// the valid UTF-8 `bytes`, at most `limit` of them, handing each scalar to `body`; returns the
    /// byte offset where the walk stopped (a grapheme boundary). A simple scalar is walked only when
    /// the scalar after it is simple too (or there is none), as ``simpleGraphemeEnd(_:at:)`` says:
    /// then nothing can extend it.
    @inline(__always)
    static func walkSimple(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int, _ body: (Unicode.Scalar) -> Void) -> Int {
        var i = 0, count = 0
        guard i < bytes.count, limit > 0, var (value, length) = decode(bytes, at: i), isSimple(value) else { return i }
        while true {
            let next = i + length
            if next < bytes.count {
                guard let (nextValue, nextLength) = decode(bytes, at: next), isSimple(nextValue) else { return i }
                // A simple scalar is below U+2600, never a surrogate: always a scalar.
                body(Unicode.Scalar(value).unsafelyUnwrapped)
                count += 1
                i = next
                (value, length) = (nextValue, nextLength)
                if count == limit { return i }
            } else {
                body(Unicode.Scalar(value).unsafelyUnwrapped)
                return next
            }
        }
    }

    /// The scalar value and byte length of the UTF-8 sequence at `i`; nil when it is cut short.
    @inline(__always)
    private static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 {
            guard i + 1 < b.count else { return nil }
            return ((b0 & 0x1F) << 6 | UInt32(b[i + 1]) & 0x3F, 2)
        }
        if b0 < 0xF0 {
            guard i + 2 < b.count else { return nil }
            return ((b0 & 0x0F) << 12 | (UInt32(b[i + 1]) & 0x3F) << 6 | UInt32(b[i + 2]) & 0x3F, 3)
        }
        guard i + 3 < b.count else { return nil }
        return ((b0 & 0x07) << 18 | (UInt32(b[i + 1]) & 0x3F) << 12 | (UInt32(b[i + 2]) & 0x3F) << 6 | UInt32(b[i + 3]) & 0x3F, 4)
    }

    /// Where the grapheme starting at `i` ends, when it is one scalar that takes one column
    /// and needs no Unicode property look-up (``isSimple(_:)``); nil otherwise. Such a scalar
    /// is a grapheme alone when the scalar after it is simple too: none of them extends, joins
    /// or is a prepended, Hangul or regional-indicator scalar, so Unicode's rules break between them.
    @inline(__always)
    static func simpleGraphemeEnd<Scalars: BidirectionalCollection>(_ scalars: Scalars, at i: Scalars.Index) -> Scalars.Index?
    where Scalars.Element == Unicode.Scalar {
        guard isSimple(scalars[i].value) else { return nil }
        let next = scalars.index(after: i)
        guard next == scalars.endIndex || isSimple(scalars[next].value) else { return nil }
        return next
    }

    /// Scalars that are one column and a grapheme of their own between two such scalars: printable
    /// ASCII; Latin-1 to the end of the spacing modifiers (below the combining marks at U+0300);
    /// the dashes, quotes, bullets and primes of General Punctuation (not its zero-width, line
    /// separator and bidi scalars at U+200B-U+200F, U+2028-U+202F and U+205F on); arrows and
    /// mathematical operators; box drawing, blocks and geometric shapes but for the two that are
    /// emoji (U+25FD, U+25FE). None of them extends, joins or is prepended, Hangul or a regional
    /// indicator, and none is shown as an emoji without a selector (see ``of(_:)-(Character)``).
    /// The screens draw their rules, gauges, dashes and arrows from these.
    @inline(__always)
    static func isSimple(_ v: UInt32) -> Bool {
        if v < 0x300 { return (v >= 0x20 && v < 0x7F) || v >= 0xA0 }
        if v < 0x2010 { return false }
        if v < 0x2028 { return true }
        if v < 0x2030 { return false }
        if v < 0x205F { return true }
        if v < 0x2190 { return false }
        if v < 0x2300 { return true }
        if v < 0x2500 { return false }
        return v < 0x25FD || v == 0x25FF
    }

    /// Whether a scalar may not be drawn as it is: the one rule of ``SafeText`` (C0, DEL, C1, bidi
    /// embeddings, overrides and isolates, line and paragraph separators).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        SafeText.isUnsafe(scalar)
    }

    /// The grapheme to draw in place of one holding control characters or bidi overrides.
    public static func safe(_ character: Character) -> Character {
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return character }
        if character.unicodeScalars.contains(where: isControl) {
            if character == "\t" { return " " }
            return "\u{FFFD}"
        }
        return character
    }

    /// A string with every control character replaced, safe to send to a terminal.
    public static func sanitized(_ text: String) -> String {
        String(text.map(safe))
    }

    /// The longest prefix of `text` that fits in `columns`, with "…" when something was cut.
    public static func truncated(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > columns - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B,
             0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320,
             0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA,
             0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440,
             0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A,
             0x1F595...0x1F596, 0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC,
             0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC,
             0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945,
             0x1F947...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
