/// Undo during treatment.
///
/// What can be undone: starting and ending work on a region, a pressure or technique change, a pain
/// check-in and a note, each logged after treatment began. Starting work elsewhere while a region
/// was being worked is one action (its "ended" and "started" events share a moment) and is undone
/// as one. Undo never removes anything from the journal: it appends a `voided` event, and the
/// state is rebuilt as if the voided events had not happened. Each further undo walks one action
/// further back; it stops at the beginning of treatment.
extension SessionState {
    /// Whether a change is a treatment action an undo may void.
    public static func isUndoable(_ change: SessionChange) -> Bool {
        switch change {
        case .workStarted, .workEnded, .pressureChanged, .techniqueChanged, .checkedIn, .noted: true
        default: false
        }
    }

    /// Whether the event at a position of ``events`` was undone.
    public func isVoided(_ position: Int) -> Bool { voidedPositions.contains(position) }

    /// The positions of the events the next undo would void, or nil when nothing is left to undo.
    public var lastUndoableAction: [Int]? {
        var position = events.count - 1
        // The latest event that still counts and is not itself an undo.
        func previousLive(before index: Int) -> Int? {
            var i = index - 1
            while i >= 0 {
                if !voidedPositions.contains(i), !events[i].change.isVoid { return i }
                i -= 1
            }
            return nil
        }
        guard let last = previousLive(before: position + 1) else { return nil }
        position = last
        let change = events[position].change
        guard Self.isUndoable(change) else { return nil }
        if case .workStarted = change, let before = previousLive(before: position),
           case .workEnded = events[before].change, events[before].at == events[position].at {
            return [before, position]
        }
        return [position]
    }
}

extension SessionChange {
    /// True for an undo event.
    var isVoid: Bool {
        if case .voided = self { return true }
        return false
    }
}
