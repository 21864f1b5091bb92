/// Puts characters together from the bytes a terminal sends, one byte at a time.
///
/// ncurses' `get_wch` keeps collecting bytes after an invalid one until its buffer is full, so
/// one stray byte (a paste from a Latin-1 file, line noise) swallowed the characters typed after
/// it. Here a byte that cannot be part of a character is dropped alone: a lone continuation
/// byte, a byte that never starts UTF-8 (C0, C1, F5–FF), an unfinished sequence cut short by a
/// new lead byte or an ASCII one (the unfinished bytes are dropped, the new byte is kept), and
/// overlong forms or surrogates (the whole sequence, which stands for no character).
public struct UTF8Assembler: Sendable {
    private var pending: [UInt8] = []
    private var expected = 0

    public init() {}

    /// Feeds one byte; returns the character it completes, if any.
    public mutating func feed(_ byte: UInt8) -> Unicode.Scalar? {
        if !pending.isEmpty {
            if byte & 0xC0 == 0x80 {
                pending.append(byte)
                guard pending.count == expected else { return nil }
                defer { pending.removeAll() }
                return Self.decode(pending)
            }
            pending.removeAll()  // cut short: drop the unfinished bytes, read this one afresh
        }
        switch byte {
        case 0x00...0x7F: return Unicode.Scalar(byte)
        case 0xC2...0xDF: expected = 2
        case 0xE0...0xEF: expected = 3
        case 0xF0...0xF4: expected = 4
        default: return nil  // a continuation byte alone, C0/C1 (overlong), F5–FF: never a start
        }
        pending = [byte]
        return nil
    }

    /// The scalar of a complete sequence, or nil for an overlong form, a surrogate or beyond U+10FFFF.
    private static func decode(_ bytes: [UInt8]) -> Unicode.Scalar? {
        var value = UInt32(bytes[0]) & (bytes.count == 2 ? 0x1F : bytes.count == 3 ? 0x0F : 0x07)
        for byte in bytes.dropFirst() { value = value << 6 | UInt32(byte & 0x3F) }
        let smallest: UInt32 = bytes.count == 2 ? 0x80 : bytes.count == 3 ? 0x800 : 0x10000
        guard value >= smallest else { return nil }
        return Unicode.Scalar(value)
    }
}
