import KneadCore

extension Keymap {
    /// The keys of a form's fields other than text: they act on the focused field before the
    /// form's own keys (Tab, F2, Esc). Digits and a checklist item's own key are typing, not bindings.
    static var formFieldBindings: [Binding] {
        var b: [Binding] = [
            Binding(.pressureField, .pressureDown, [.left, .character("-")], "lighter pressure", group: "edit", hint: false),
            Binding(.pressureField, .pressureUp, [.right, .character("+"), .character("=")], "firmer pressure", group: "edit", hint: false),
        ]
        b += (0...5).map { n in
            Binding(.pressureField, .setPressure(n), [.character(Character(String(n)))], "pressure \(n): \(Pressure(rawValue: n)?.label ?? "")",
                    group: "edit", hint: false)
        }
        b += [
            Binding(.toggleField, .toggle, [.character(" "), .enter], "switch yes / no", group: "edit", hint: false),
            Binding(.toggleField, .answerYes, [.character("y")], "yes", group: "edit", hint: false),
            Binding(.toggleField, .answerNo, [.character("n")], "no", group: "edit", hint: false),

            Binding(.checklistField, .moveUp, [.up], "previous item", group: "move", hint: false),
            Binding(.checklistField, .moveDown, [.down], "next item", group: "move", hint: false),
            Binding(.checklistField, .toggle, [.character(" "), .enter], "tick or untick the item (or press its own key)", group: "edit", hint: false),

            Binding(.regionList, .moveUp, [.up], "previous region", group: "move", hint: false),
            Binding(.regionList, .moveDown, [.down], "next region", group: "move", hint: false),
            Binding(.regionList, .addRegion, [.enter], "add a region", group: "edit", hint: false),
            Binding(.regionList, .removeRegion, [.delete, .backspace, .function(4)], "remove the region", group: "edit", hint: false),
        ]
        b += (0...9).map { n in
            Binding(.regionList, .checkIn(n), [.character(Character(String(n)))], "pain \(n) for the region (1 then 0 makes 10)",
                    group: "pain", hint: false)
        }
        b += [
            Binding(.choiceField, .moveLeft, [.left], "previous option", group: "edit", hint: false),
            Binding(.choiceField, .moveRight, [.right, .character(" ")], "next option", group: "edit", hint: false),

            Binding(.screeningList, .moveUp, [.up], "previous question", group: "move", hint: false),
            Binding(.screeningList, .moveDown, [.down], "next question", group: "move", hint: false),
            // The keys that act on the screening list keep their hints at 80 columns (help lists them too).
            Binding(.screeningList, .answerYes, [.character("y"), .character("Y")], "yes, then the next question", group: "answer",
                    hintKeys: "y/n", hintLabel: "answer", keepsHint: true),
            Binding(.screeningList, .answerNo, [.character("n")], "no, then the next question", group: "answer", hint: false),
            Binding(.screeningList, .answerNoToRest, [.character("N")], "no to the rest of the group", group: "answer",
                    hintLabel: "no to rest", keepsHint: true),
            Binding(.screeningList, .clearAnswer, [.character(" ")], "not asked", group: "answer", hint: false),
            Binding(.screeningList, .addRegion, [.enter], "say where (a question about a region)", group: "answer", hint: false),
            Binding(.screeningList, .removeRegion, [.delete, .backspace, .function(4)], "remove the last region of the answer",
                    group: "answer", hint: false),
        ]
        return b
    }
}
