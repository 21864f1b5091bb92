import KneadCore

extension BodyMap {
    /// The letter that jumps to each part of the body after `g`, shown in the jump menu.
    /// Mnemonic where the alphabet allows: h head, o shoulder, q front thigh (quadriceps)…
    static let areaLetters: [(BodyArea, Character)] = [
        (.head, "h"), (.jaw, "j"), (.neck, "n"), (.cervicalSpine, "c"), (.thoracicSpine, "t"),
        (.lumbarSpine, "l"), (.sacrum, "s"), (.shoulder, "o"), (.upperBack, "u"), (.midBack, "m"),
        (.lowBack, "b"), (.chest, "e"), (.abdomen, "a"), (.upperArm, "r"), (.forearm, "f"),
        (.handWrist, "w"), (.hip, "p"), (.gluteal, "g"), (.thighFront, "q"), (.thighBack, "y"),
        (.knee, "k"), (.calf, "v"), (.shin, "i"), (.footAnkle, "d"),
    ]

    /// The area a jump letter names.
    static func area(forLetter letter: Character) -> BodyArea? {
        areaLetters.first { $0.1 == letter }?.0
    }

    /// The region a jump lands on: the area, on the side of the current region when it has one
    /// (left when the current region is midline). Jumping to the area already selected flips the side.
    static func jump(to area: BodyArea, from current: Region) -> Region? {
        guard area.isPaired else { return Region(area) }
        var side: Side = current.side == .midline ? .left : current.side
        if current.area == area { side = current.side == .left ? .right : .left }
        return Region(area, side)
    }
}
