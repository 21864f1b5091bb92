import Foundation
import KneadCore

/// The clinic sync's few words for the title bar ("synced 14:02"), given how the app writes a
/// time of day (its time zone, as the settings have it now); nil when there is nothing to say.
public typealias ClinicStatusProvider = @Sendable (_ time: (Date) -> String) -> String?

extension KneadApp {
    /// The top line: where you are, who the client is (initials by default), and the time.
    func renderTitleBar(into canvas: inout Canvas) {
        canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), role: .statusBar)
        var left = " Knead · \(screenTitle)"
        if let client = session?.client {
            let showName = settings.showNamesDuringTreatment || !(screen == .treatment)
            left += " · " + (showName ? client.name : initials(of: client))
        }
        let right = (clinicStatus?(formatting.time).map { "\($0) · " } ?? "") + "\(formatting.time(clock.now())) "
        let rightWidth = DisplayWidth.of(right)
        canvas.put(left, x: 0, y: 0, role: .statusBar, maxWidth: width - rightWidth - 1)
        canvas.put(right, x: width - rightWidth, y: 0, role: .statusBar)
    }

    /// The client's initials, kept while the name stays the same.
    func initials(of client: Client) -> String {
        if let kept = titleInitials, kept.name == client.name { return kept.initials }
        let initials = client.initials
        titleInitials = (client.name, initials)
        return initials
    }

    var screenTitle: String { current.title(environment) }

    func renderStatus(into canvas: inout Canvas) {
        guard let status else { return }
        let role: StyleRole = switch status.kind {
        case .info: .accent
        case .warning: .warning
        case .error: .danger
        }
        let prefix = status.kind == .info ? " " : " ⚠ "
        let indent = DisplayWidth.of(prefix)
        // A message too long for one line (a config problem with its file and line, say) takes up
        // to three lines above the hints, over the bottom of the screen, rather than being cut off.
        var lines = wrap(status.text, width: max(1, width - indent - 1))
        if lines.count > 3 {
            lines = Array(lines.prefix(3))
            lines[2] = DisplayWidth.truncated(lines[2] + " …", to: max(1, width - indent - 1))
        }
        let top = height - 1 - lines.count
        for (i, line) in lines.enumerated() {
            let y = top + i
            if lines.count > 1 { canvas.fill(Rect(x: 0, y: y, width: width, height: 1), role: role) }
            canvas.put((i == 0 ? prefix : String(repeating: " ", count: indent)) + line + " ", x: 0, y: y, role: role, maxWidth: width)
        }
    }

    /// The bottom line: the keys of what is on screen, from the keymap, as many as fit.
    ///
    /// The line is a function of the width and the bindings it shows, which change only with the
    /// screen, an overlay or the keymap: its cells are kept and put back while those are the same
    /// (measuring and fitting the hints was a fourteenth of a body-map key's frame).
    func renderHints(into canvas: inout Canvas) {
        let y = height - 1
        let global = keymap.hints(for: .global, includingGlobal: false)
        let shown = context == .global ? [] : activeBindings.filter(\.isHinted)
        KeptPanel.putBack(&keptHintLine, drawnFrom: HintInputs(global: global, shown: shown),
                          in: Rect(x: 0, y: y, width: width, height: 1), into: &canvas) { canvas in
            canvas.fill(Rect(x: 0, y: y, width: width, height: 1), role: .hint)
            // Help always shows, at the right; the screen's own keys fill from the left as far as they fit.
            var right = width
            for binding in global.reversed() {
                let text = binding.hintKeys + " " + binding.hintLabel + " "
                right -= DisplayWidth.of(text)
                let n = canvas.put(binding.hintKeys, x: right, y: y, role: .hintKey)
                canvas.put(" " + binding.hintLabel, x: right + n, y: y, role: .hint)
            }
            var x = 1
            let (hints, gap) = hintsThatFit(shown, in: right - x)
            for binding in hints {
                x += canvas.put(binding.hintKeys, x: x, y: y, role: .hintKey)
                x += canvas.put(" " + binding.hintLabel + String(repeating: " ", count: gap), x: x, y: y, role: .hint)
            }
        }
    }

    /// The hints that fit in `room` columns, in the keymap's order, and the spaces between them:
    /// all with two spaces when they fit; else those that keep their place (``Binding/keepsHint``)
    /// and, of the others, as many as fit from the first, shortened (short labels, one space)
    /// when that shows more of them than two spaces do.
    func hintsThatFit(_ hints: [Binding], in room: Int) -> (hints: [Binding], gap: Int) {
        // Drawn at every frame: each key is measured once, and what is shown is kept in a list
        // of flags rather than a set of indices.
        let keyWidths = hints.map { DisplayWidth.of($0.hintKeys) + 1 }
        func fit(label: (Binding) -> String, gap: Int) -> [Bool] {
            var shown = hints.map(\.keepsHint)
            var used = 0
            for i in hints.indices where shown[i] { used += keyWidths[i] + DisplayWidth.of(label(hints[i])) + gap }
            for i in hints.indices where !hints[i].keepsHint {
                let width = keyWidths[i] + DisplayWidth.of(label(hints[i])) + gap
                guard used + width <= room else { break }
                used += width
                shown[i] = true
            }
            return shown
        }
        let full = fit(label: \.hintLabel, gap: 2)
        let short = fit(label: \.shortHintLabel, gap: 1)
        let fullCount = full.lazy.filter { $0 }.count, shortCount = short.lazy.filter { $0 }.count
        guard shortCount > fullCount else { return (hints.indices.filter { full[$0] }.map { hints[$0] }, 2) }
        return (hints.indices.filter { short[$0] }.map { i in var b = hints[i]; b.hintLabel = b.shortHintLabel; return b }, 1)
    }

    /// The quit keys the size notice names, e.g. "q or Ctrl-C".
    var quitKeysUnderNotice: String {
        let keys = (keymap.bindings(in: .today) + keymap.bindings(in: .global)).filter { $0.action == .quit }.flatMap(\.keys)
        return keys.map(\.label).joined(separator: " or ")
    }

    func renderTooSmall(into canvas: inout Canvas) {
        let lines = [
            "Knead needs a terminal of at least \(Layout.minWidth)×\(Layout.minHeight).",
            "This one is \(canvas.width)×\(canvas.height).",
            "Enlarge the window; nothing is lost meanwhile.",
            "Until then no key acts, but \(quitKeysUnderNotice) quits.",
        ]
        let top = max(0, (canvas.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let w = DisplayWidth.of(line)
            canvas.put(line, x: max(0, (canvas.width - w) / 2), y: top + i, role: i == 0 ? .warning : .normal)
        }
    }

    /// Draws a form inside a box, with its title.
    func renderForm(_ form: Form, title: String, into canvas: inout Canvas, _ body: Rect) -> Point? {
        Box(title).draw(body, into: &canvas)
        return form.render(into: &canvas, rect: body.inset(by: 2).with(height: body.height - 3))
    }
}

extension Rect {
    func with(height: Int) -> Rect { Rect(x: x, y: y, width: width, height: height) }
    func with(width: Int) -> Rect { Rect(x: x, y: y, width: width, height: height) }
}

/// What the hint line is drawn from, besides its width: the global hints and the hints of what
/// is on top.
struct HintInputs: Equatable {
    var global: [Binding]
    var shown: [Binding]
}
