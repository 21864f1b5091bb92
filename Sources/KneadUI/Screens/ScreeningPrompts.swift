import KneadCore

extension KneadApp {
    /// The screening findings on screen now: on the assessment form, what the form holds (saved or not).
    var liveFindings: [ScreeningFinding] {
        (current as? AssessmentScreen)?.assessment(session).findings() ?? session?.findings ?? []
    }


    /// The banner for the red flags not yet acknowledged: those that need same-day emergency
    /// care apart from those that mean "refer to a physician".
    var waitingRedFlagBanner: RedFlagBanner? {
        guard let state = session, state.phase < .signed else { return nil }
        return liveFindings.redFlagBanner(acknowledged: state.acknowledgedRedFlags)
    }

    func acknowledgeRedFlags() {
        let emergency = waitingRedFlagBanner?.isEmergency ?? false
        (current as? AssessmentScreen)?.save(quietly: true, environment)
        if execute(.acknowledgeRedFlags) == nil {
            status = StatusMessage(text: emergency
                ? "Red flags acknowledged; the note says which need same-day emergency care and which a physician."
                : "Red flags acknowledged; the note says the client was referred to a physician.", kind: .info)
        }
    }

    /// Where the red-flag banner goes, always inside a frame so that no border is hidden: the
    /// first row inside the screen's frame; on treatment, the cue row of the Now panel (the
    /// panels leave no row free, and a cue matters less than a red flag).
    var redFlagBannerRect: Rect {
        if screen == .treatment {
            let now = TreatmentLayout(body: Rect(x: 0, y: 1, width: width, height: height - 3)).now
            return Rect(x: now.x + 1, y: now.y + 5, width: max(0, now.width - 2), height: 1)
        }
        let body = Rect(x: 0, y: 1, width: width, height: height - 3)
        return Rect(x: body.x + 1, y: body.y + 1, width: max(0, body.width - 2), height: 1)
    }

    /// A banner inside the screen's frame: the answers that raised a red flag, those
    /// that need same-day emergency care first, and the key that acknowledges them.
    func renderRedFlagBanner(into canvas: inout Canvas) {
        guard [.assessment, .treatment, .historyReview].contains(screen), let banner = waitingRedFlagBanner else { return }
        let rect = redFlagBannerRect
        let key = keyLabel(.acknowledgeRedFlags, in: screen == .treatment ? .treatment : .form)
        let acknowledge = " \(key) acknowledges "
        canvas.fill(rect, role: .danger)
        let keyWidth = DisplayWidth.of(acknowledge)
        let room = rect.width - keyWidth
        canvas.put(" ⚑ " + banner.text, x: rect.x, y: rect.y,
                   role: .danger, maxWidth: max(0, room))
        canvas.put(acknowledge, x: rect.x + max(0, room), y: rect.y, role: .danger, maxWidth: rect.width)
    }

    /// One line per kind of finding, each naming the answers that caused it.
    func findingLines(_ findings: [ScreeningFinding], state: SessionState?) -> [(String, StyleRole)] {
        var lines: [(String, StyleRole)] = []
        let wholeBody = findings.wholeBodyCauses
        if !wholeBody.isEmpty {
            let unresolved = wholeBody.filter { cause in !(state?.overrides.contains { $0.value.causes.contains(cause) } ?? false) }
            lines.append(unresolved.isEmpty
                ? ("⛔ Overridden: \(wholeBody.joined(separator: "; "))", .warning)
                : ("⛔ No massage today — \(unresolved.joined(separator: "; "))", .danger))
        }
        for finding in findings {
            switch finding.effect {
            case .avoid(let regions) where !regions.isEmpty:
                let names = regions.sorted { $0.name < $1.name }.map(\.shortName).joined(separator: ", ")
                lines.append(("▲ Avoid \(names) — \(finding.cause)", .warning))
            case .avoid:
                lines.append(("▲ \(finding.cause) — add where (\(keyLabel(.addRegion, in: .form))) to mark the region", .warning))
            case .deepPressureCaution(let regions):
                let whereText = regions.map { " on " + $0.sorted { $0.name < $1.name }.map(\.shortName).joined(separator: ", ") } ?? ""
                lines.append(("▲ Deep pressure\(whereText) asks first — \(finding.cause)", .warning))
            case .referToPhysician, .noTreatmentToday:
                break
            }
        }
        let isAcknowledged = { (cause: String) in state?.acknowledgedRedFlags.contains(cause) ?? false }
        let emergency = findings.emergencyCauses.filter(isAcknowledged)
        if !emergency.isEmpty { lines.append(("⚑ Same-day emergency care — \(emergency.joined(separator: "; "))", .danger)) }
        let referred = findings.referralCauses.filter(isAcknowledged)
        if !referred.isEmpty { lines.append(("⚑ Referred to a physician — \(referred.joined(separator: "; "))", .warning)) }
        return lines
    }
}
