import Foundation
import KneadCore
import KneadUI

/// The owner's day across the clinic for `knead review --clinic`: each therapist's sessions,
/// minutes, unsigned notes and red flags, from what this machine has pulled.
struct ClinicDayReport {
    let day: Date
    let sessions: [SessionSummary]
    /// The therapist of each session pulled from another knead; sessions not named are this machine's.
    let owners: [SessionID: String]
    /// The name of this machine's therapist.
    let here: String
    let dates: Formatting

    /// One therapist's day.
    struct Therapist: Encodable, Equatable {
        var name: String
        var sessions: Int
        var minutes: Int
        var unsigned: Int
        var redFlags: Int
        var clinicalFlags: Int
    }

    func therapist(of session: SessionSummary) -> String { owners[session.id] ?? here }

    /// The therapists of the day, by name, with their counts.
    var therapists: [Therapist] {
        Dictionary(grouping: sessions, by: therapist(of:)).map { name, list in
            Therapist(name: name, sessions: list.count, minutes: list.map(\.durationMinutes).reduce(0, +),
                      unsigned: list.filter { $0.phase != .signed }.count,
                      redFlags: list.filter { $0.flags.contains(.redFlag) }.count,
                      clinicalFlags: list.filter { $0.flags.contains(where: \.isClinical) }.count)
        }.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
    }

    private static func line(_ t: Therapist) -> String {
        "\(counted(t.sessions, "session")), \(t.minutes) min, \(t.unsigned) unsigned, \(counted(t.redFlags, "red flag"))"
    }

    func text() -> String {
        var lines = ["Clinic day: \(dates.weekdayDate(day)) (\(dates.date(day)))", ""]
        for t in therapists {
            lines.append("\(Output.safe(t.name)): \(Self.line(t))")
            var rows: [[String]] = []
            for s in sessions where therapist(of: s) == t.name {
                rows.append(["  " + dates.time(s.startedAt), Output.safe(s.client.name), "\(s.durationMinutes)/\(s.plannedMinutes) min",
                             s.phase == .signed ? "signed" : "unsigned",
                             s.flags.filter { $0 != .unsigned }.map(\.label).joined(separator: ", ")])
            }
            lines += Output.table(rows)
            lines.append("")
        }
        let all = therapists
        let total = Therapist(name: "", sessions: all.map(\.sessions).reduce(0, +), minutes: all.map(\.minutes).reduce(0, +),
                              unsigned: all.map(\.unsigned).reduce(0, +), redFlags: all.map(\.redFlags).reduce(0, +),
                              clinicalFlags: all.map(\.clinicalFlags).reduce(0, +))
        lines.append("Clinic: \(counted(all.count, "therapist")), \(Self.line(total))")
        return lines.joined(separator: "\n") + "\n"
    }

    private struct JSONSession: Encodable {
        var id, therapist, time, client, phase: String
        var minutes, plannedMinutes: Int
        var flags: [String]
    }

    private struct JSONReport: Encodable {
        var date: String
        var therapists: [Therapist]
        var sessions: [JSONSession]
    }

    func json() throws -> String {
        let report = JSONReport(date: dates.date(day), therapists: therapists, sessions: sessions.map { s in
            JSONSession(id: s.id.rawValue, therapist: therapist(of: s), time: dates.time(s.startedAt), client: s.client.name,
                        phase: s.phase.rawValue, minutes: s.durationMinutes, plannedMinutes: s.plannedMinutes,
                        flags: s.flags.map(\.rawValue))
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return SafeText.json(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
}
