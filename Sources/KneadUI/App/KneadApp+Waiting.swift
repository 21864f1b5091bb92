import KneadCore

/// Actions that wait for disk space: shown at once, saved in order as soon as space returns;
/// and, before each frame is sent, the wait for the saves' syncs (``awaitSaved()``).
///
/// When the disk is full, the journal keeps the open session's actions in ``WaitingEvents``
/// instead of refusing them (hands are busy; a refused check-in would be a lost one). A banner
/// counts them, every tick and every new action tries to save them, and nothing that would
/// lose them (leaving the session, quitting) happens without asking.
extension KneadApp {
    /// How many actions are shown but not saved yet.
    public var waitingActionCount: Int { waiting.count }

    /// Waits for the journal's syncs (see ``TerminalProgram/awaitSaved()``). A sync that failed
    /// is said on the status line, and the frame is drawn again to say it.
    public func awaitSaved() -> Bool {
        do {
            try journal.waitUntilSaved()
            return false
        } catch {
            status = StatusMessage(
                text: "The disk reported an error while saving the last action: \(error). Check the disk and make a backup.",
                kind: .error)
            return true
        }
    }

    /// Tries to save the waiting actions, in order. Returns true when none wait any more.
    @discardableResult
    func saveWaitingActions() -> Bool {
        guard !waiting.isEmpty else { return true }
        let forSpace = waiting.waitingForSpace
        do {
            guard try journal.saveWaiting(&waiting) else { return false }
            status = StatusMessage(text: forSpace ? "Disk space is back: every waiting action is saved."
                                                  : "Every waiting action is saved.", kind: .info)
            return true
        } catch {
            status = StatusMessage(text: "The waiting actions could not be saved: \(error)", kind: .error)
            return false
        }
    }

    /// The banner's sentence while actions wait, nil otherwise.
    var waitingBannerText: String? {
        guard !waiting.isEmpty else { return nil }
        let actions = waiting.count == 1 ? "1 action is" : "\(waiting.count) actions are"
        guard waiting.waitingForSpace else {
            // Not (or no longer) a full disk: say what the database did say.
            return "\(actions) waiting to be saved: \(waiting.lastFailure ?? "the database refused them.") knead keeps trying."
        }
        return "The disk is full: \(actions) waiting to be saved. Free some space; knead keeps trying."
    }

    /// A line just above the status line, in the danger style, while actions wait.
    func renderWaitingBanner(into canvas: inout Canvas) {
        guard let text = waitingBannerText else { return }
        let y = height - 3
        canvas.fill(Rect(x: 0, y: y, width: width, height: 1), role: .danger)
        canvas.put(" ⚠ " + text + " ", x: 0, y: y, role: .danger, maxWidth: width)
        // A success line ("Note saved.") would not be true yet: say what did happen instead.
        if status == nil || status?.kind == .info {
            canvas.fill(Rect(x: 0, y: height - 2, width: width, height: 1), role: .normal)
            let why = waiting.waitingForSpace ? "the disk is full" : "they could not be written yet"
            canvas.put(" ⚠ Shown but not saved yet: \(why). ", x: 0, y: height - 2, role: .warning, maxWidth: width)
        }
    }

    /// Before quitting: when actions still wait, asks first and returns true (quit is held back).
    func holdQuitForWaitingActions() -> Bool {
        guard !saveWaitingActions() else { return false }
        let actions = waiting.count == 1 ? "1 action is" : "\(waiting.count) actions are"
        let why = waiting.waitingForSpace ? "The disk is full and" : "The database refused them:"
        confirm(
            "\(why) \(actions) not saved yet. Quit anyway and lose them? (n keeps knead open and trying)",
            .quitLosingWaitingActions)
        return true
    }

    /// Before leaving the open session: when actions still wait, says so and returns true (stay).
    func holdLeavingForWaitingActions() -> Bool {
        guard !saveWaitingActions() else { return false }
        status = StatusMessage(
            text: "Actions wait for disk space, so the session stays open. Free some space; knead keeps trying.",
            kind: .error)
        return true
    }
}
