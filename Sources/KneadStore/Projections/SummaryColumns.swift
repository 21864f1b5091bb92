import Foundation
import GRDB
import KneadCore

/// A ``SessionSummary`` as the columns of its `session_summaries` row, and back.
///
/// Lists are short texts, not JSON: a client's history reads thousands of rows, and splitting a
/// few short strings costs microseconds where a JSON decoder costs tens. Items are separated by
/// U+001E and the parts of an item by U+001F (control characters no identifier contains);
/// seconds are written as Swift prints a `Double`, which reads back bit for bit.
enum SummaryColumns {
    static let item: Character = "\u{1E}"
    static let part: Character = "\u{1F}"

    /// The columns written for a summary, in the order of ``insertSQL``; nil when an identifier
    /// holds a separator (no row is written then, and reads replay that session).
    static func arguments(of summary: SessionSummary, eventCount: Int) -> StatementArguments? {
        let separators: Set<Character> = [item, part]
        guard !summary.techniques.contains(where: { $0.id.contains(where: separators.contains) }),
              !summary.painDrops.contains(where: { $0.technique.id.contains(where: separators.contains) })
        else { return nil }
        let regions = summary.regions.map(\.id).joined(separator: String(item))
        let techniques = summary.techniques.map(\.id).joined(separator: String(item))
        let pressures = summary.pressures.map { String($0.rawValue) }.joined()
        let flags = summary.flags.map(\.rawValue).joined(separator: String(item))
        let byRegion = summary.secondsByRegion.sorted { $0.key < $1.key }
            .map { "\($0.key.id)\(part)\($0.value)" }.joined(separator: String(item))
        let byTechnique = summary.secondsByTechnique.sorted { $0.key.id < $1.key.id }
            .map { "\($0.key.id)\(part)\($0.value)" }.joined(separator: String(item))
        let drops = summary.painDrops.map { "\($0.technique.id)\(part)\($0.pressure.rawValue)\(part)\($0.points)" }
            .joined(separator: String(item))
        let values: [(any DatabaseValueConvertible)?] = [
            summary.id.rawValue, summary.client.id.rawValue, summary.startedAt.timeIntervalSinceReferenceDate,
            summary.plannedMinutes, summary.phase.rawValue, eventCount,
            summary.durationSeconds, summary.timedSeconds,
            summary.painBefore?.value, summary.painAfter?.value, summary.lastCheckIn?.value, summary.checkInCount,
            regions, techniques, pressures, flags, byRegion, byTechnique, drops,
        ]
        return StatementArguments(values)
    }

    static let insertSQL = """
        INSERT OR REPLACE INTO session_summaries (
            session_id, client_id, started_at, planned_minutes, phase, event_count,
            duration_seconds, timed_seconds, pain_before, pain_after, last_check_in, check_in_count,
            regions, techniques, pressures, flags, seconds_by_region, seconds_by_technique, pain_drops)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The columns a read selects, after the client's name and preferred name; `p` is the projection.
    static let selectColumns = """
        p.session_id, p.client_id, p.started_at, p.planned_minutes, p.phase,
        p.duration_seconds, p.timed_seconds, p.pain_before, p.pain_after, p.last_check_in, p.check_in_count,
        p.regions, p.techniques, p.pressures, p.flags, p.seconds_by_region, p.seconds_by_technique, p.pain_drops
        """

    /// The summary in a row whose columns start at `first` with ``selectColumns``; nil when a
    /// column holds something this build cannot read (the session is then replayed instead).
    static func summary(from row: Row, at first: Int, client: Client) -> SessionSummary? {
        guard let id = row[first] as String?,
              let startedAt = row[first + 2] as Double?,
              let planned = row[first + 3] as Int?,
              let phase = (row[first + 4] as String?).flatMap(Phase.init(rawValue:)),
              let duration = row[first + 5] as Double?,
              let timed = row[first + 6] as Double?,
              let checkInCount = row[first + 10] as Int?,
              let regions = list(row[first + 11], Region.init(id:)),
              let techniques = list(row[first + 12], { Technique($0) }),
              let pressures = pressures(row[first + 13]),
              let flags = list(row[first + 14], ReviewFlag.init(rawValue:)),
              let byRegion = seconds(row[first + 15], Region.init(id:)),
              let byTechnique = seconds(row[first + 16], { Technique($0) }),
              let drops = list(row[first + 17], painDrop)
        else { return nil }
        var painBefore: PainScore?, painAfter: PainScore?, lastCheckIn: PainScore?
        if let value = row[first + 7] as Int? { guard let score = PainScore(value) else { return nil }; painBefore = score }
        if let value = row[first + 8] as Int? { guard let score = PainScore(value) else { return nil }; painAfter = score }
        if let value = row[first + 9] as Int? { guard let score = PainScore(value) else { return nil }; lastCheckIn = score }
        return SessionSummary(
            id: SessionID(id), client: client, startedAt: Date(timeIntervalSinceReferenceDate: startedAt),
            plannedMinutes: planned, phase: phase, durationSeconds: duration, regions: regions, techniques: techniques,
            pressures: pressures, painBefore: painBefore, painAfter: painAfter, lastCheckIn: lastCheckIn,
            checkInCount: checkInCount, flags: flags, secondsByRegion: byRegion, secondsByTechnique: byTechnique,
            timedSeconds: timed, painDrops: drops)
    }

    /// The items of a list column, each parsed; nil when one cannot be.
    private static func list<T>(_ text: String?, _ parse: (String) -> T?) -> [T]? {
        guard let text, !text.isEmpty else { return [] }
        var result: [T] = []
        for piece in text.split(separator: item, omittingEmptySubsequences: false) {
            guard let value = parse(String(piece)) else { return nil }
            result.append(value)
        }
        return result
    }

    /// A column of `key U+001F seconds` items as a dictionary; nil when an item cannot be read.
    private static func seconds<K: Hashable>(_ text: String?, _ key: (String) -> K?) -> [K: TimeInterval]? {
        guard let pairs = list(text, { item -> (K, TimeInterval)? in
            let parts = item.split(separator: part, omittingEmptySubsequences: false)
            guard parts.count == 2, let k = key(String(parts[0])), let seconds = Double(parts[1]) else { return nil }
            return (k, seconds)
        }) else { return nil }
        return Dictionary(pairs, uniquingKeysWith: { a, _ in a })
    }

    /// Pressure levels written as digits, e.g. `345`.
    private static func pressures(_ text: String?) -> [Pressure]? {
        var result: [Pressure] = []
        for character in text ?? "" {
            guard let level = character.wholeNumberValue, let pressure = Pressure(rawValue: level) else { return nil }
            result.append(pressure)
        }
        return result
    }

    private static func painDrop(_ item: String) -> PainDrop? {
        let parts = item.split(separator: part, omittingEmptySubsequences: false)
        guard parts.count == 3, let level = Int(parts[1]), let pressure = Pressure(rawValue: level),
              let points = Int(parts[2]) else { return nil }
        return PainDrop(technique: Technique(String(parts[0])), pressure: pressure, points: points)
    }
}
