import Foundation
import KneadCore
import KneadUI

/// A day review as text, CSV or JSON for `knead review`.
struct DayReport {
    let day: Date
    let sessions: [SessionSummary]
    let dates: Formatting
    var catalog = TechniqueCatalog.standard
    /// The practice's billing codes (config file), which the units follow.
    var codes = BillingCodes.standard

    var totals: DayTotals { DayTotals(sessions, codes: codes) }

    private func regions(_ s: SessionSummary) -> [String] { s.regions.map { Output.safe($0.name) } }
    private func techniques(_ s: SessionSummary) -> [String] { s.techniques.map { Output.safe(catalog.name(of: $0)) } }

    /// "7 → 3", with "!" after a change of 2 or more; "7 → (4)" when only a check-in is known.
    private func pain(_ s: SessionSummary) -> String {
        let before = s.painBefore.map { "\($0.value)" } ?? "-"
        if let after = s.painAfter { return "\(before) → \(after.value)" + (s.isMeaningfulChange ? " !" : "") }
        if let last = s.lastCheckIn { return "\(before) → (\(last.value))" }
        return before
    }

    func text() -> String {
        var rows = [["Time", "Client", "Min/plan", "Pain", "Chk", SessionSummary.billingColumnTitle, "Flags", "Regions", "Techniques"]]
        for s in sessions {
            rows.append([dates.time(s.startedAt), Output.safe(s.client.name), "\(s.durationMinutes)/\(s.plannedMinutes)",
                         pain(s), "\(s.checkInCount)", "\(s.billing(codes: codes).totalUnits)",
                         s.flags.isEmpty ? "-" : s.flags.map(\.label).joined(separator: ", "),
                         regions(s).joined(separator: ", "), techniques(s).joined(separator: ", ")])
        }
        let t = totals
        var lines = ["Day review: \(dates.weekdayDate(day)) (\(dates.date(day)))", ""] + Output.table(rows) + [""]
        var total = "Total: \(t.sessions) session\(t.sessions == 1 ? "" : "s"), \(t.unfinished) unfinished, "
            + "\(t.minutes)/\(t.plannedMinutes) min, \(t.timedMinutes) timed min, \(t.billingUnits) units, "
            + "\(t.checkIns) check-ins, \(t.meaningfulChanges) with a change of 2 or more"
        let flags = ReviewFlag.allCases.compactMap { f in t.flagCounts[f].map { "\($0) \(f.label)" } }
        if !flags.isEmpty { total += "; flags: " + flags.joined(separator: ", ") }
        lines.append(total)
        return lines.joined(separator: "\n") + "\n"
    }

    func csv() -> String {
        var lines = ["date,time,session,client,phase,minutes,planned_minutes,regions,techniques,pain_before,pain_after,pain_change,check_ins,flags,timed_minutes,units"]
        for s in sessions {
            let fields: [String] = [
                dates.date(s.startedAt), dates.time(s.startedAt), s.id.rawValue, Output.safe(s.client.name), s.phase.rawValue,
                "\(s.durationMinutes)", "\(s.plannedMinutes)", regions(s).joined(separator: "; "),
                techniques(s).joined(separator: "; "), s.painBefore.map { "\($0.value)" } ?? "",
                s.painAfter.map { "\($0.value)" } ?? "", s.painChange.map { "\($0)" } ?? "", "\(s.checkInCount)",
                s.flags.map(\.rawValue).joined(separator: "; "), "\(s.timedMinutes)", "\(s.billing(codes: codes).totalUnits)",
            ]
            lines.append(fields.map { Self.csvField(Output.safe($0)) }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    struct JSONSession: Encodable {
        var id, date, time, client, clientID, phase: String
        var minutes, plannedMinutes, checkIns, timedMinutes, billingUnits: Int
        var regions, techniques, flags: [String]
        var painBefore, painAfter, painChange: Int?
        var meaningfulChange: Bool
    }

    struct JSONTotals: Encodable {
        var sessions, unfinished, minutes, plannedMinutes, timedMinutes, billingUnits, checkIns, meaningfulChanges: Int
        var flags: [String: Int]
    }

    struct JSONReport: Encodable {
        var date: String
        var sessions: [JSONSession]
        var totals: JSONTotals
    }

    func json() throws -> String {
        let t = totals
        let report = JSONReport(
            date: dates.date(day),
            sessions: sessions.map { s in
                JSONSession(id: s.id.rawValue, date: dates.date(s.startedAt), time: dates.time(s.startedAt),
                            client: s.client.name, clientID: s.client.id.rawValue, phase: s.phase.rawValue,
                            minutes: s.durationMinutes, plannedMinutes: s.plannedMinutes, checkIns: s.checkInCount,
                            timedMinutes: s.timedMinutes, billingUnits: s.billing(codes: codes).totalUnits, regions: s.regions.map(\.id), techniques: s.techniques.map(\.id),
                            flags: s.flags.map(\.rawValue), painBefore: s.painBefore?.value, painAfter: s.painAfter?.value,
                            painChange: s.painChange, meaningfulChange: s.isMeaningfulChange)
            },
            totals: JSONTotals(sessions: t.sessions, unfinished: t.unfinished, minutes: t.minutes, plannedMinutes: t.plannedMinutes,
                               timedMinutes: t.timedMinutes, billingUnits: t.billingUnits, checkIns: t.checkIns, meaningfulChanges: t.meaningfulChanges,
                               flags: Dictionary(uniqueKeysWithValues: t.flagCounts.map { ($0.key.rawValue, $0.value) })))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return SafeText.json(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
}
