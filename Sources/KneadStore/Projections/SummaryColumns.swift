import Foundation
import GRDB
import KneadCore

/// A ``SessionSummary`` as the columns of its `session_summaries` row, and back.
///
/// Lists are short texts, not JSON: a client's history reads thousands of rows, and splitting a
/// few short strings costs microseconds where a JSON decoder costs tens. Items are separated by
/// U+001E and the parts of an item by U+001F (control characters no identifier contains);
/// seconds are the bits of the `Double` in hexadecimal, which read back exactly and fast.
enum SummaryColumns {
    static let item: Character = "\u{1E}"
    static let part: Character = "\u{1F}"

    /// The columns written for a summary, in the order of ``insertSQL``; nil when an identifier
    /// holds a separator (no row is written then, and reads replay that session).
    static func arguments(of summary: SessionSummary, eventCount: Int) -> StatementArguments? {
        guard !summary.techniques.contains(where: { holdsSeparator($0.id) }),
              !summary.painDrops.contains(where: { holdsSeparator($0.technique.id) })
        else { return nil }
        let regions = summary.regions.map(\.id).joined(separator: String(item))
        let techniques = summary.techniques.map(\.id).joined(separator: String(item))
        let pressures = summary.pressures.map { String($0.rawValue) }.joined()
        let flags = summary.flags.map(\.rawValue).joined(separator: String(item))
        let byRegion = summary.secondsByRegion.sorted { $0.key < $1.key }
            .map { "\($0.key.id)\(part)\(String($0.value.bitPattern, radix: 16))" }.joined(separator: String(item))
        let byTechnique = summary.secondsByTechnique.sorted { $0.key.id < $1.key.id }
            .map { "\($0.key.id)\(part)\(String($0.value.bitPattern, radix: 16))" }.joined(separator: String(item))
        let drops = summary.painDrops.map { "\($0.technique.id)\(part)\($0.pressure.rawValue)\(part)\($0.points)" }
            .joined(separator: String(item))
        // The codes a signed note was signed with (NULL while unsigned): its billing never changes.
        let codes = summary.signedCodes.map { codes in
            codes.codeByTechnique.sorted { $0.key.id < $1.key.id }
                .map { "\($0.key.id)\(part)\($0.value)" }.joined(separator: String(item))
        }
        if let signed = summary.signedCodes, signed.codeByTechnique.contains(where: {
            holdsSeparator($0.key.id) || holdsSeparator($0.value)
        }) { return nil }
        let values: [(any DatabaseValueConvertible)?] = [
            summary.id.rawValue, summary.client.id.rawValue, summary.startedAt.timeIntervalSinceReferenceDate,
            summary.plannedMinutes, summary.phase.rawValue, eventCount,
            summary.durationSeconds, summary.timedSeconds,
            summary.painBefore?.value, summary.painAfter?.value, summary.lastCheckIn?.value, summary.checkInCount,
            regions, techniques, pressures, flags, byRegion, byTechnique, drops, codes,
        ]
        return StatementArguments(values)
    }

    /// Whether a text holds either separator. Byte by byte: each separator is a control
    /// character, which is always a character of its own, so this finds exactly the texts that
    /// hold one as a `Character`, without breaking the text into characters.
    static func holdsSeparator(_ text: String) -> Bool {
        text.utf8.contains { $0 == 0x1E || $0 == 0x1F }
    }

    static let insertSQL = """
        INSERT OR REPLACE INTO session_summaries (
            session_id, client_id, started_at, planned_minutes, phase, event_count,
            duration_seconds, timed_seconds, pain_before, pain_after, last_check_in, check_in_count,
            regions, techniques, pressures, flags, seconds_by_region, seconds_by_technique, pain_drops, signed_codes)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The columns a read selects, after the client's name and preferred name; `p` is the projection.
    static let selectColumns = """
        p.session_id, p.client_id, p.started_at, p.planned_minutes, p.phase,
        p.duration_seconds, p.timed_seconds, p.pain_before, p.pain_after, p.last_check_in, p.check_in_count,
        p.regions, p.techniques, p.pressures, p.flags, p.seconds_by_region, p.seconds_by_technique, p.pain_drops,
        p.signed_codes
        """

    /// The summary in a row whose columns start at `first` with ``selectColumns``; nil when a
    /// column holds something this build cannot read (the session is then replayed instead).
    static func summary(from row: Row, at first: Int, client: Client, names: inout Names) -> SessionSummary? {
        guard let id = row[first] as String?,
              let startedAt = row[first + 2] as Double?,
              let planned = row[first + 3] as Int?,
              let phase = (row[first + 4] as String?).flatMap(Phase.init(rawValue:)),
              let duration = row[first + 5] as Double?,
              let timed = row[first + 6] as Double?,
              let checkInCount = row[first + 10] as Int?,
              let regions = regions(row[first + 11], &names),
              let techniques = techniques(row[first + 12], &names),
              let pressures = pressures(row[first + 13]),
              let flags = flags(row[first + 14]),
              let byRegion = secondsByRegion(row[first + 15], &names),
              let byTechnique = secondsByTechnique(row[first + 16], &names),
              let drops = painDrops(row[first + 17], &names)
        else { return nil }
        var painBefore: PainScore?, painAfter: PainScore?, lastCheckIn: PainScore?
        if let value = row[first + 7] as Int? { guard let score = PainScore(value) else { return nil }; painBefore = score }
        if let value = row[first + 8] as Int? { guard let score = PainScore(value) else { return nil }; painAfter = score }
        if let value = row[first + 9] as Int? { guard let score = PainScore(value) else { return nil }; lastCheckIn = score }
        var signedCodes: BillingCodes?
        if let text = row[first + 18] as String? {
            guard let codes = codes(text, &names) else { return nil }
            signedCodes = BillingCodes(codes)
        }
        return SessionSummary(
            id: SessionID(id), client: client, startedAt: Date(timeIntervalSinceReferenceDate: startedAt),
            plannedMinutes: planned, phase: phase, durationSeconds: duration, regions: regions, techniques: techniques,
            pressures: pressures, painBefore: painBefore, painAfter: painAfter, lastCheckIn: lastCheckIn,
            checkInCount: checkInCount, flags: flags, secondsByRegion: byRegion, secondsByTechnique: byTechnique,
            timedSeconds: timed, painDrops: drops, signedCodes: signedCodes)
    }

    /// Regions by their stored id: one hash lookup instead of parsing the id.
    private static let regionsByID = Dictionary(uniqueKeysWithValues: Region.all.map { ($0.id, $0) })

    /// The regions and techniques met so far in one read, by their bytes: a client's history
    /// names the same few again and again, and comparing a few bytes is cheaper than making a
    /// string and hashing it. Whole signed-code columns are kept too: a note is signed with the
    /// codes of the catalogue, so a practice writes the same few columns thousands of times, and
    /// one lookup of the column replaces building its dictionary again for every row.
    struct Names {
        private var regions: [([UInt8], Region)] = []
        private var techniques: [([UInt8], Technique)] = []
        private var codes: [([UInt8], String)] = []
        /// Signed-code columns read so far, by their text; nil for a column that could not be read.
        var codeColumns: [String: [Technique: String]?] = [:]

        mutating func region(_ bytes: UnsafeBufferPointer<UInt8>) -> Region? {
            for known in regions where SummaryColumns.same(known.0, bytes) { return known.1 }
            guard let region = regionsByID[String(decoding: bytes, as: UTF8.self)] else { return nil }
            regions.append((Array(bytes), region))
            return region
        }

        mutating func technique(_ bytes: UnsafeBufferPointer<UInt8>) -> Technique {
            for known in techniques where SummaryColumns.same(known.0, bytes) { return known.1 }
            let technique = Technique(String(decoding: bytes, as: UTF8.self))
            techniques.append((Array(bytes), technique))
            return technique
        }

        /// A billing code: a few codes, signed again and again.
        mutating func code(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
            for known in codes where SummaryColumns.same(known.0, bytes) { return known.1 }
            let code = String(decoding: bytes, as: UTF8.self)
            codes.append((Array(bytes), code))
            return code
        }
    }

    /// Whether `known` holds exactly `bytes`: lengths first, then one `memcmp` (the generic
    /// `elementsEqual` went byte by byte through iterators and was 3 % of a history).
    static func same(_ known: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard known.count == bytes.count else { return false }
        return known.withUnsafeBufferPointer { known in
            guard let left = known.baseAddress, let right = bytes.baseAddress else { return true }
            return memcmp(left, right, bytes.count) == 0
        }
    }

    /// Up to three parts of one item, as byte ranges.
    private struct Parts {
        var count = 0
        var ranges: (Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0)

        subscript(index: Int) -> Range<Int> {
            switch index {
            case 0: ranges.0
            case 1: ranges.1
            default: ranges.2
            }
        }

        mutating func append(_ range: Range<Int>) {
            switch count {
            case 0: ranges.0 = range
            case 1: ranges.1 = range
            default: ranges.2 = range
            }
            count += 1
        }
    }

    /// Calls `body` with each item of a column and its parts, in one pass over the UTF-8 bytes
    /// (the separators are ASCII; splitting by characters was most of a history's time). False
    /// when an item has more than three parts or `body` refuses one.
    private static func scan(_ text: String?, reserve: (Int) -> Void = { _ in },
                             _ body: (UnsafeBufferPointer<UInt8>, Parts) -> Bool) -> Bool {
        guard var text, !text.isEmpty else { return true }
        return text.withUTF8 { bytes in
            // The items counted first, so a dictionary is made once at its size, never grown.
            reserve(bytes.reduce(1) { $1 == 0x1E ? $0 + 1 : $0 })
            var parts = Parts()
            var start = 0
            for i in 0...bytes.count {
                let byte = i == bytes.count ? 0x1E : bytes[i]
                guard byte == 0x1E || byte == 0x1F else { continue }
                guard parts.count < 3 else { return false }
                parts.append(start..<i)
                start = i + 1
                if byte == 0x1E {
                    guard body(bytes, parts) else { return false }
                    parts = Parts()
                }
            }
            return true
        }
    }

    /// A whole number written in decimal, or nil.
    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count < 10 else { return nil }
        var value = 0
        for i in range {
            guard bytes[i] >= 0x30, bytes[i] <= 0x39 else { return nil }
            value = value * 10 + Int(bytes[i] - 0x30)
        }
        return value
    }

    /// A `Double` written as its bits in hexadecimal, or nil.
    private static func seconds(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        guard !range.isEmpty, range.count <= 16 else { return nil }
        var bits: UInt64 = 0
        for i in range {
            let byte = bytes[i]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            bits = bits << 4 | UInt64(digit)
        }
        return Double(bitPattern: bits)
    }

    private static func regions(_ text: String?, _ names: inout Names) -> [Region]? {
        var result: [Region] = []
        let read = scan(text) { bytes, parts in
            guard parts.count == 1, let region = names.region(UnsafeBufferPointer(rebasing: bytes[parts[0]])) else { return false }
            result.append(region)
            return true
        }
        return read ? result : nil
    }

    private static func techniques(_ text: String?, _ names: inout Names) -> [Technique]? {
        var result: [Technique] = []
        let read = scan(text) { bytes, parts in
            guard parts.count == 1 else { return false }
            result.append(names.technique(UnsafeBufferPointer(rebasing: bytes[parts[0]])))
            return true
        }
        return read ? result : nil
    }

    private static func flags(_ text: String?) -> [ReviewFlag]? {
        guard let text, !text.isEmpty else { return [] }
        var result: [ReviewFlag] = []
        for name in text.split(separator: item) {
            guard let flag = ReviewFlag(rawValue: String(name)) else { return nil }
            result.append(flag)
        }
        return result
    }

    private static func secondsByRegion(_ text: String?, _ names: inout Names) -> [Region: TimeInterval]? {
        var result: [Region: TimeInterval] = [:]
        let read = scan(text, reserve: { result.reserveCapacity($0) }) { bytes, parts in
            guard parts.count == 2, let region = names.region(UnsafeBufferPointer(rebasing: bytes[parts[0]])),
                  let seconds = seconds(bytes, parts[1]) else { return false }
            result[region] = seconds
            return true
        }
        return read ? result : nil
    }

    private static func secondsByTechnique(_ text: String?, _ names: inout Names) -> [Technique: TimeInterval]? {
        var result: [Technique: TimeInterval] = [:]
        let read = scan(text, reserve: { result.reserveCapacity($0) }) { bytes, parts in
            guard parts.count == 2, let seconds = seconds(bytes, parts[1]) else { return false }
            result[names.technique(UnsafeBufferPointer(rebasing: bytes[parts[0]]))] = seconds
            return true
        }
        return read ? result : nil
    }

    /// The codes a note was signed with: `technique U+001F code` items, read in one pass over the
    /// bytes like the other columns (split by characters, they were 60 % of a client's history on a
    /// practice that bills); nil when one cannot be read.
    private static func codes(_ text: String, _ names: inout Names) -> [Technique: String]? {
        if let known = names.codeColumns[text] { return known }
        var result: [Technique: String] = [:]
        let read = scan(text, reserve: { result.reserveCapacity($0) }) { bytes, parts in
            guard parts.count == 2 else { return false }
            result[names.technique(UnsafeBufferPointer(rebasing: bytes[parts[0]]))]
                = names.code(UnsafeBufferPointer(rebasing: bytes[parts[1]]))
            return true
        }
        let codes = read ? result : nil
        names.codeColumns[text] = .some(codes)
        return codes
    }

    /// A column of `technique U+001F pressure U+001F points` items; nil when one cannot be read.
    private static func painDrops(_ text: String?, _ names: inout Names) -> [PainDrop]? {
        var result: [PainDrop] = []
        let read = scan(text) { bytes, parts in
            guard parts.count == 3, let level = integer(bytes, parts[1]), let pressure = Pressure(rawValue: level),
                  let points = integer(bytes, parts[2]) else { return false }
            result.append(PainDrop(technique: names.technique(UnsafeBufferPointer(rebasing: bytes[parts[0]])),
                                   pressure: pressure, points: points))
            return true
        }
        return read ? result : nil
    }

    /// Pressure levels written as digits, e.g. `345`.
    private static func pressures(_ text: String?) -> [Pressure]? {
        var result: [Pressure] = []
        for byte in (text ?? "").utf8 {
            guard byte >= 0x30, byte <= 0x39, let pressure = Pressure(rawValue: Int(byte - 0x30)) else { return nil }
            result.append(pressure)
        }
        return result
    }

}
