import TOMLKit

extension ConfigReader {
    /// Reads `[keys.<context>] <action> = ["key", ...]`. Each override must name an action of
    /// its context and keys that reach the keymap there; a context whose overrides bind one key
    /// twice keeps all its default keys.
    mutating func readKeys(_ keys: TOMLTable, keymap: Keymap) -> [KeyOverride] {
        var accepted: [KeyOverride] = []
        let contextNames = KeyContext.allCases.map(\.configName)
        for contextName in keys.keys {
            let path = ["keys", contextName]
            guard let context = KeyContext(configName: contextName) else {
                let hint = Self.suggestion(for: contextName, among: contextNames).map { "did you mean \($0)? " } ?? ""
                report(path, "unknown screen [keys.\(contextName)] (\(hint)expected one of: \(contextNames.joined(separator: ", "))).")
                continue
            }
            guard let table = table(keys, contextName, at: ["keys"]) else { continue }
            var overrides: [KeyOverride] = []
            for actionName in table.keys {
                if let override = readOverride(table[actionName], action: actionName, context: context, keymap: keymap) {
                    overrides.append(override)
                }
            }
            if let conflict = Self.conflict(in: context, defaults: keymap.bindings(in: context), overrides: overrides) {
                report(["keys", contextName, conflict.line], "in [keys.\(contextName)], \(conflict.key.configName) is bound to both \(conflict.first.name) and \(conflict.second.name) (expected each key once in \(context.title)); \(context.title) keeps its default keys.")
                continue
            }
            accepted += overrides
        }
        return accepted
    }

    private mutating func readOverride(_ value: TOMLValueConvertible?, action actionName: String, context: KeyContext,
                                       keymap: Keymap) -> KeyOverride? {
        let path = ["keys", context.configName, actionName]
        let name = Self.name(path)
        let bindings = keymap.bindings(in: context)
        guard let binding = bindings.first(where: { $0.action.name == actionName }) else {
            let hint = Self.suggestion(for: actionName, among: bindings.map(\.action.name)).map { "did you mean \($0)? " } ?? ""
            report(path, "\"\(actionName)\" is not an action of \(context.title) (\(hint)expected an action name listed under \(context.title) in KEYBINDINGS.md).")
            return nil
        }
        if let reason = Self.notRebindable(binding) {
            report(path, "\(name) cannot be rebound: \(reason) (expected another action of \(context.title)).")
            return nil
        }
        guard let value else { return nil }
        let names: [String]
        if let single = value.string {
            names = [single]
        } else if let list = value.array, list.allSatisfy({ $0.string != nil }) {
            names = list.compactMap(\.string)
        } else {
            report(path, "\(name) is \(Self.found(value)) (expected a key name or a list of them, such as [\"w\", \"enter\"]).")
            return nil
        }
        guard !names.isEmpty else {
            report(path, "\(name) has no keys (expected at least one key, such as [\"w\"]); it keeps its default keys.")
            return nil
        }
        var keys: [Key] = []
        for keyName in names {
            guard let key = Key(configName: keyName) else {
                report(path, "\(name): \"\(keyName)\" is not a key name (expected \(Key.configNameSummary)); it keeps its default keys.")
                return nil
            }
            if let reason = Self.readByTheScreen(key, in: context, defaults: bindings) {
                report(path, "\(name): \(key.configName) \(reason); it keeps its default keys.")
                return nil
            }
            if !keys.contains(key) { keys.append(key) }
        }
        return KeyOverride(context: context, action: binding.action, keys: keys, line: lines.line(of: path))
    }

    /// Why an action's keys cannot be changed, for the actions a screen reads keys for itself.
    static func notRebindable(_ binding: Binding) -> String? {
        // Every action of every context can be rebound now that the form's fields take their keys from the keymap.
        nil
    }

    /// Why a key would never reach the keymap in a context: its text fields or the screen take it first.
    static func readByTheScreen(_ key: Key, in context: KeyContext, defaults: [Binding]) -> String? {
        if defaults.contains(where: { $0.keys.contains(key) }) { return nil }
        guard context.takesText else { return nil }
        let editing: [Key] = [.enter, .backspace, .delete, .left, .right, .up, .down, .home, .end, .function(4)]
            + "hdbfaekuw".map { Key.control($0) }
        if key.typesText || editing.contains(key) {
            return "is read by the text fields of \(context.title) (expected a key they do not use: f1–f12 other than f4, esc, tab, shift-tab, pgup, pgdn, insert, or ctrl- and a letter other than a, b, d, e, f, h, k, u, w)"
        }
        return nil
    }

    /// The first key the overrides would bind to two actions of one context, and the line to blame.
    static func conflict(in context: KeyContext, defaults: [Binding], overrides: [KeyOverride])
        -> (key: Key, first: Action, second: Action, line: String)? {
        let rebound = Keymap.rebound(defaults, overrides)
        var owner: [Key: Action] = [:]
        for binding in rebound {
            for key in binding.keys {
                if let first = owner[key], first != binding.action {
                    let blamed = overrides.first { $0.action == binding.action && $0.keys.contains(key) }
                        ?? overrides.first { $0.action == first && $0.keys.contains(key) }
                    return (key, first, binding.action, blamed?.action.name ?? binding.action.name)
                }
                owner[key] = binding.action
            }
        }
        return nil
    }
}
