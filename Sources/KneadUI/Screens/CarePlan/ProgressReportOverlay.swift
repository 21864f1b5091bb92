import Foundation
import KneadCore

/// The progress report for the referring physician, from the client history: the same report
/// as `knead report`, shown to scroll through; `w` writes it as Markdown to a private file
/// (0600) in the data folder's `reports/` and shows where.
final class ProgressReportOverlay: Overlay {
    let client: Client
    let report: ProgressReport
    var scroll = 0
    /// The file written, once it is.
    var written: String?

    init(client: Client, report: ProgressReport) {
        self.client = client
        self.report = report
    }

    var keyContext: KeyContext { .progressReport }

    func lines(width: Int) -> [String] {
        report.text().split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            line.isEmpty ? [""] : wrap(String(line), width: width)
        }
    }

    func handle(_ action: Action, _ env: ScreenEnvironment) {
        let page = max(1, env.size.height - 8)
        switch action {
        case .moveUp: scroll = max(0, scroll - 1)
        case .moveDown: scroll += 1
        case .pageUp: scroll = max(0, scroll - page)
        case .pageDown: scroll += page
        case .writeReport: write(env)
        case .back: env.pop(self)
        default: break
        }
    }

    func write(_ env: ScreenEnvironment) {
        guard let filing = env.app.journal as? ReportFiling else {
            env.say("This database has no data folder to write the report into; use knead report --output FILE.", .error)
            return
        }
        do {
            let path = try filing.fileReport(report.markdown(), for: client.id, on: report.today, extension: "md")
            written = path
            env.logAccess(.report, client: client.id, detail: "as md to \(path)")
            env.say("Report written to \(path) (readable by you only).")
        } catch {
            env.say("Could not write the report: \(error). Nothing was kept; try again, or use knead report --output FILE.", .error)
        }
    }

    func render(into canvas: inout Canvas, _ rect: Rect, _ env: ScreenEnvironment) -> Point? {
        let box = Rect(x: 1, y: 1, width: rect.width - 2, height: rect.height - 3)
        canvas.fill(box)
        Box("Progress report · \(client.name)", role: .accent).draw(box, into: &canvas)
        let width = box.width - 4
        let all = lines(width: width)
        let rows = box.height - 3
        scroll = min(scroll, max(0, all.count - rows))
        for (i, line) in all.dropFirst(scroll).prefix(rows).enumerated() {
            canvas.put(line, x: box.x + 2, y: box.y + 1 + i, role: .normal, maxWidth: width)
        }
        let footer: String
        if let written {
            footer = "Written to \(written)"
        } else {
            footer = "\(env.keyLabel(.writeReport, in: .progressReport)) writes it to a private file in the data folder · "
                + "lines \(min(all.count, scroll + 1))–\(min(all.count, scroll + rows)) of \(all.count)"
        }
        canvas.put(footer, x: box.x + 2, y: box.maxY - 2, role: written == nil ? .muted : .success, maxWidth: width)
        return nil
    }
}

extension KneadApp {
    /// Shows the progress report of a client (from their history).
    func openProgressReport(_ client: Client) {
        guard let store = carePlanRecords else {
            status = StatusMessage(text: "This database keeps no referrals; the report needs them.", kind: .error)
            return
        }
        do {
            let record = try journal.clientRecord(client.id) ?? ClientRecord(client: client)
            let sessions = loadCarePlan(of: client.id, on: carePlanToday, evenWithout: true)?.sessions ?? []
            let report = ProgressReport(record: record, referral: try store.referral(of: client.id), plan: try store.plan(of: client.id),
                                        sessions: sessions, since: nil, now: clock.now(), zone: settings.timeZone, catalog: catalog)
            status = nil
            overlays.append(ProgressReportOverlay(client: client, report: report))
            logAccess(.report, client: client.id, detail: "shown")
        } catch {
            status = StatusMessage(text: "Could not make the progress report: \(error)", kind: .error)
        }
    }
}
