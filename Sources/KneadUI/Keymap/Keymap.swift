/// One key binding: in a context, these keys do this action.
public struct Binding: Hashable, Sendable {
    public var context: KeyContext
    public var action: Action
    public var keys: [Key]
    /// What the action does, in a few words.
    public var label: String
    /// The group it belongs to in help.
    public var group: String
    /// Whether the bottom hint bar shows it.
    public var isHinted: Bool
    /// The keys and words the hint bar shows, shorter than in help: "↑↓" "region".
    public var hintKeys: String
    public var hintLabel: String
    /// Whether the hint bar keeps it when not every hint fits: the others give way, from the
    /// last, before it does (`a` end treatment at 80 columns).
    public var keepsHint: Bool
    /// Fewer words for the hint bar when not every hint fits with its own ("after" for "aftercare").
    public var shortHintLabel: String

    public init(_ context: KeyContext, _ action: Action, _ keys: [Key], _ label: String,
                group: String = "", hint: Bool = true, hintKeys: String? = nil, hintLabel: String? = nil,
                keepsHint: Bool = false, shortHintLabel: String? = nil) {
        self.keepsHint = keepsHint
        self.shortHintLabel = shortHintLabel ?? hintLabel ?? label
        self.context = context
        self.action = action
        self.keys = keys
        self.label = label
        self.group = group
        self.isHinted = hint
        self.hintKeys = hintKeys ?? keys.first?.label ?? ""
        self.hintLabel = hintLabel ?? label
    }

    /// The keys as shown to a person: "↑/k".
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}

/// Why a keymap cannot be used.
public struct KeymapConflict: Error, Hashable, Sendable, CustomStringConvertible {
    public let context: KeyContext
    public let key: Key
    public let first: Action
    public let second: Action
    public var description: String {
        "In \(context.title), \(key.label) is bound to both \(first.name) and \(second.name)."
    }
}

/// The table of every key binding. Help, the hint bar and KEYBINDINGS.md are generated from it.
public struct Keymap: Sendable {
    public let bindings: [Binding]
    private let lookup: [KeyContext: [Key: Action]]
    /// Each context's bindings in table order, found once: help and the hint bar ask on every frame.
    private let byContext: [KeyContext: [Binding]]

    /// A keymap, or a conflict when one key is bound twice in one context.
    public init(_ bindings: [Binding]) throws(KeymapConflict) {
        var lookup: [KeyContext: [Key: Action]] = [:]
        for binding in bindings {
            for key in binding.keys {
                if let existing = lookup[binding.context]?[key], existing != binding.action {
                    throw KeymapConflict(context: binding.context, key: key, first: existing, second: binding.action)
                }
                lookup[binding.context, default: [:]][key] = binding.action
            }
        }
        self.bindings = bindings
        self.lookup = lookup
        self.byContext = Dictionary(grouping: bindings, by: \.context)
    }

    init(bindings: [Binding], lookup: [KeyContext: [Key: Action]]) {
        self.bindings = bindings
        self.lookup = lookup
        self.byContext = Dictionary(grouping: bindings, by: \.context)
    }

    /// The action of a key in a context; global bindings apply where the context has none.
    public func action(for key: Key, in context: KeyContext, includingGlobal: Bool = true) -> Action? {
        if let action = lookup[context]?[key] { return action }
        return includingGlobal ? lookup[.global]?[key] : nil
    }

    /// The bindings of a context, in table order.
    public func bindings(in context: KeyContext) -> [Binding] {
        byContext[context] ?? []
    }

    /// The bindings the hint bar shows for a context, followed by the hinted global ones.
    public func hints(for context: KeyContext, includingGlobal: Bool = true) -> [Binding] {
        bindings(in: context).filter(\.isHinted)
            + (includingGlobal ? bindings(in: .global).filter(\.isHinted) : [])
    }

    /// The Markdown text of KEYBINDINGS.md.
    public var markdown: String {
        var out = "# Knead key bindings\n\nGenerated from the keymap table (`Sources/KneadUI/Keymap/DefaultKeymap.swift`); a test keeps this file in step.\n"
        for context in KeyContext.allCases {
            let list = bindings(in: context)
            guard !list.isEmpty else { continue }
            out += "\n## \(context.title)\n\nIn config.toml: `[keys.\(context.configName)]`\n\n| Keys | Action | Name |\n| --- | --- | --- |\n"
            for binding in list {
                let keys = binding.keys.map { "`\($0.label == "`" ? "\\`" : $0.label)`" }.joined(separator: " ")
                out += "| \(keys.replacingPipes) | \(binding.label) | `\(binding.action.name)` |\n"
            }
        }
        return out + Self.rebindingMarkdown
    }
}

private extension String {
    var replacingPipes: String { split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
}
