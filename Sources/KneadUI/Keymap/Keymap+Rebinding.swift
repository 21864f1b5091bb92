extension Keymap {
    /// This keymap with each override's keys replacing its action's keys in its context.
    ///
    /// The config reader has already refused overrides that conflict; should any still clash,
    /// the keymap is returned unchanged rather than half-applied.
    public func rebinding(_ overrides: [KeyOverride]) -> Keymap {
        guard !overrides.isEmpty else { return self }
        return (try? Keymap(Self.rebound(bindings, overrides))) ?? self
    }

    /// The bindings with the overrides applied; the hint bar follows the new keys.
    static func rebound(_ bindings: [Binding], _ overrides: [KeyOverride]) -> [Binding] {
        var result = bindings
        for override in overrides {
            for index in result.indices where result[index].context == override.context && result[index].action == override.action {
                let old = result[index]
                result[index].keys = override.keys
                result[index].hintKeys = Self.hintKeys(old, newKeys: override.keys)
            }
        }
        // A shared hint ("↑↓", "hjkl", "0-9x") stops being true once any action of its group moves.
        let moved = Set(overrides.map { GroupID(context: $0.context, group: group(of: $0, in: bindings)) })
        for index in result.indices where result[index].isHinted {
            let binding = result[index]
            guard moved.contains(GroupID(context: binding.context, group: binding.group)),
                  binding.hintKeys != binding.keys.first?.label else { continue }
            let original = bindings[index]
            if original.hintKeys != original.keys.first?.label {
                result[index].hintKeys = groupHint(result.filter { $0.context == binding.context && $0.group == binding.group && ($0.action == binding.action || !$0.isHinted) })
            }
        }
        return result
    }

    private struct GroupID: Hashable {
        var context: KeyContext
        var group: String
    }

    private static func group(of override: KeyOverride, in bindings: [Binding]) -> String {
        bindings.first { $0.context == override.context && $0.action == override.action }?.group ?? ""
    }

    private static func hintKeys(_ old: Binding, newKeys: [Key]) -> String {
        old.hintKeys == old.keys.first?.label ? (newKeys.first?.label ?? "") : old.hintKeys
    }

    /// The first keys of a group's bindings, run together when short enough for the hint bar.
    private static func groupHint(_ group: [Binding]) -> String {
        let labels = group.compactMap { $0.keys.first?.label }
        let joined = labels.allSatisfy { $0.count == 1 } ? labels.joined() : labels.joined(separator: "/")
        return joined.count <= 6 ? joined : (labels.first ?? "") + "…"
    }
}
