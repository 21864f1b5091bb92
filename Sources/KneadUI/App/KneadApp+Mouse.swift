import KneadCore

extension KneadApp {
    /// A click chooses what is under it: a region on the body map, a row of a list; the wheel
    /// scrolls as the arrow keys do (the timeline on the treatment screen). Everything else is
    /// left to the keyboard, so a stray click never changes a record.
    func handleMouse(_ event: MouseEvent) {
        guard settings.mouse else { return }
        if overlays.last is BlankOverlay {
            overlays.removeLast()
            return
        }
        switch event.button {
        case .wheelUp, .wheelDown:
            let up = event.button == .wheelUp
            if overlays.isEmpty, screen == .treatment {
                handleKey(up ? .pageUp : .pageDown)
            } else {
                handleKey(up ? .up : .down)
            }
        case .left:
            click(at: event.position)
        case .middle, .right:
            break
        }
    }

    private func click(at point: Point) {
        if let row = mouseTargets.row(at: point) {
            choose(row)
            return
        }
        guard overlays.isEmpty, screen == .treatment, let placement = mouseTargets.bodyMap,
              let region = BodyMap.standard.region(at: point, origin: placement.origin, scale: placement.scale)
        else { return }
        (current as? TreatmentScreen)?.click(region)
    }

    /// Highlights a clicked row, in the list it belongs to, if that list is still on top.
    private func choose(_ row: MouseTargets.Row) {
        if row.list == .themePicker {
            (overlays.last as? ThemePickerOverlay)?.choose(row: row.index, environment)
        } else if overlays.isEmpty {
            current.choose(row: row.index, in: row.list, environment)
        }
    }
}
