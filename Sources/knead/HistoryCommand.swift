import ArgumentParser
import Foundation
import KneadCore
import KneadStore
import KneadUI

extension Knead {
    /// Prints a client's visits, a chart of pain across them, and what went with their progress.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Print a client's visits and their pain across visits.",
            discussion: """
            CLIENT is a client id, or a name or part of one; case and accents do not matter. \
            The exact name wins, then a unique start of the name or of one of its words, then a \
            unique part of the name.

            Exit status: 0 when the client was found; 1 when no client matches or the data cannot \
            be read; 2 for bad usage, including a CLIENT that matches several clients (they are \
            listed on standard output with their ids, so one can be chosen; standard error only says \
            how many matched).
            """
        )

        @Argument(help: ArgumentHelp("Client id, name, or part of a name.", valueName: "client"))
        var client: String

        @OptionGroup var configOption: ConfigOption

        @OptionGroup var records: RecordsOptions

        func run() throws {
            let journal = try records.openJournal(clock: try CommandClock.resolve())
            defer { try? journal.close() }
            let chosen: Client
            let visits: [SessionSummary]
            do {
                chosen = try ClientLookup.resolve(client, in: try journal.clients())
                try AccessLogging.record(.history, client: chosen.id, at: try records.location())
                try journal.reopenAfterAccessEntry()
                visits = try journal.visits(of: chosen.id)
            } catch let exit as ExitCode {
                throw exit
            } catch {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
            let catalog = configOption.load().techniqueCatalog
            StandardOutput.write(HistoryReport(client: chosen, progress: ClientProgress(visits: visits), dates: Formatting(), catalog: catalog).text())
        }
    }
}

/// A client's history as plain text.
struct HistoryReport {
    let client: Client
    let progress: ClientProgress
    let dates: Formatting
    var catalog = TechniqueCatalog.standard

    func text() -> String {
        let visits = progress.visits
        var lines = ["History: \(Output.safe(client.displayName)) (\(client.id.rawValue))"]
        guard let first = visits.first else { return (lines + ["No visits recorded."]).joined(separator: "\n") + "\n" }
        var summary = "\(visits.count) visit\(visits.count == 1 ? "" : "s") since \(dates.date(first.startedAt))"
        if let average = progress.averageChange { summary += String(format: ", average change %+.1f", average) }
        lines += [summary, ""]
        var rows = [["Date", "Time", "Pain", "Chk", "Regions", "Techniques", "Pressures"]]
        for v in visits {
            let before = v.painBefore.map { "\($0.value)" } ?? "-"
            let after = v.painAfter.map { "\($0.value)" } ?? "-"
            rows.append([dates.date(v.startedAt), dates.time(v.startedAt),
                         "\(before) → \(after)" + (v.isMeaningfulChange ? " !" : ""), "\(v.checkInCount)",
                         v.regions.map(\.name).joined(separator: ", "),
                         v.techniques.map { catalog.name(of: $0) }.joined(separator: ", "),
                         v.pressures.map { "P\($0.rawValue)" }.joined(separator: " ")])
        }
        lines += Output.table(rows)
        let unreadable = visits.filter { $0.flags.contains(.unreadableEntry) }
        if !unreadable.isEmpty {
            lines.append("Warning: \(unreadable.map { dates.date($0.startedAt) }.joined(separator: ", ")): "
                         + "an entry of \(unreadable.count == 1 ? "this visit" : "these visits") cannot be read and is left out; run knead verify for details.")
        }
        lines += ["", "Pain across visits (● before, ○ after; newest at the right)"]
        var canvas = Canvas(width: 78, height: 12)
        PainChart(visits: visits.map { .init(before: $0.painBefore?.value, after: $0.painAfter?.value) })
            .render(into: &canvas, rect: Rect(x: 0, y: 0, width: 78, height: 12))
        lines += canvas.lines.map { $0.trimmingTrailingSpaces() }
        lines += ["", "Worked most:"]
        for total in progress.regionsWorkedMost.prefix(5) {
            let minutes = Int((total.seconds / 60).rounded())
            lines.append("  \(Output.pad(total.region.name, 20)) \(minutes) min in \(total.visits) visit\(total.visits == 1 ? "" : "s")")
        }
        lines += ["", "Worked just before pain fell:"]
        if progress.dropLeaders.isEmpty { lines.append("  no falls in pain recorded yet") }
        for leader in progress.dropLeaders.prefix(5) {
            let name = "\(catalog.name(of: leader.technique)), \(leader.pressure)"
            lines.append("  \(Output.pad(name, 40)) -\(leader.points) points in \(leader.drops) fall\(leader.drops == 1 ? "" : "s")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
