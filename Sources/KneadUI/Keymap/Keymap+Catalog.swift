import KneadCore

extension Keymap {
    /// The standard bindings with the technique menu following a technique catalogue: one
    /// binding per entry, picked by the entry's key.
    public static func standardBindings(catalog: TechniqueCatalog) -> [Binding] {
        let menu = catalog.entries.map { info in
            Binding(.techniqueMenu, .pickTechnique(info.key), [.character(info.key)], info.name, group: "technique", hint: false)
        }
        var bindings = standardBindings
        let first = bindings.firstIndex { $0.context == .techniqueMenu } ?? bindings.endIndex
        bindings.removeAll { binding in
            if binding.context == .techniqueMenu, case .pickTechnique = binding.action { return true }
            return false
        }
        bindings.insert(contentsOf: menu, at: min(first, bindings.endIndex))
        return bindings
    }

    /// The standard keymap with the technique menu of a catalogue. A catalogue whose keys clash
    /// (the config reader refuses those) gives the standard keymap.
    public static func standard(catalog: TechniqueCatalog) -> Keymap {
        (try? Keymap(standardBindings(catalog: catalog))) ?? standard()
    }
}
