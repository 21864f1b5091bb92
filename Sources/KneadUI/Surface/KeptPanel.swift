/// The cells a part of the frame was drawn into, with what it was drawn from: the next frame puts
/// them back instead of drawing the part again while both are the same (the timeline panel, the
/// hint line). The part must draw only inside its rectangle, and only from its inputs.
struct KeptPanel<Inputs: Equatable> {
    var inputs: Inputs
    var rect: Rect
    var cells: [Cell]

    /// Puts the kept cells back into `rect` when they were drawn there from these inputs; else
    /// draws the part and keeps what it drew.
    static func putBack(_ kept: inout KeptPanel?, drawnFrom inputs: Inputs, in rect: Rect, into canvas: inout Canvas,
                        draw: (inout Canvas) -> Void) {
        if let held = kept, held.rect == rect, held.inputs == inputs, canvas.setCells(in: rect, to: held.cells) {
            // Equal inputs in other storage (a session read again) are kept from now on, so the
            // next frame compares them by their storage, not element by element.
            kept?.inputs = inputs
            return
        }
        draw(&canvas)
        kept = canvas.cells(in: rect).map { KeptPanel(inputs: inputs, rect: rect, cells: $0) }
    }
}
