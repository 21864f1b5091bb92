import KneadCore

extension KneadApp {
    /// Carries out what the therapist confirmed with y.
    func confirmed(_ pending: Pending) {
        switch pending {
        case .resume(let id):
            open(id)
        case .screeningConfirmation(let command):
            let confirmedCommand: SessionCommand
            switch command {
            case .startWork(var work):
                work.cautionConfirmed = true
                confirmedCommand = .startWork(work)
            case .changePressure(let pressure, _):
                confirmedCommand = .changePressure(pressure, confirmed: true)
            default:
                confirmedCommand = command
            }
            if execute(confirmedCommand) == nil {
                (current as? TreatmentScreen)?.state.pressure = session?.activeWork?.pressure
                    ?? (current as? TreatmentScreen)?.state.pressure ?? .swedish
                let work = session?.activeWork
                let what = work?.avoidConfirmed == true && work?.cautionConfirmed == true ? "Work and deep pressure on"
                    : work?.avoidConfirmed == true ? "Work on" : "Deep pressure on"
                status = StatusMessage(text: "\(what) the \(work?.region.name ?? "region") confirmed despite screening; the note records it.",
                                       kind: .warning)
            }
        case .endTreatment:
            if execute(.endTreatment) == nil, let state = session {
                status = StatusMessage(text: "Treatment ended. Record the pain after and the plan; \(keyLabel(.save, in: .form)) shows the note.", kind: .info)
                enterScreen(for: state)
            }
        case .quitLosingWaitingActions:
            isFinished = true
        case .sign:
            if execute(signCommand) == nil {
                status = StatusMessage(text: "Signed and locked. Changes from now on are amendments.", kind: .info)
            }
        }
    }
}
