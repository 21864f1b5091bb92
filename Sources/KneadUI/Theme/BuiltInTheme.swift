/// The default theme compiled in, used when no theme folder can be found.
/// A test keeps it identical to `Themes/default.theme`.
public enum BuiltInTheme {
    /// The text of `Themes/default.theme`.
    public static let defaultText = #"""
# Knead default theme: for a dark terminal.
# Each role maps to fg, bg ("default" is the terminal's own colour) and attrs.
# Colours: default, black red green yellow blue magenta cyan white, bright-<name>, 0-255, or #rrggbb.
# Attributes: bold, dim, underline, reverse, italic. Meaning never rests on colour alone:
# without colour (NO_COLOR, a monochrome terminal) a coloured background becomes reverse, and
# the attributes keep selection (reverse bold), danger (reverse bold underline), warning (bold
# underline) and the pain bands (none dim, mild italic, moderate bold, severe reverse underline) apart.
name = "default"

[roles.normal]
fg = "default"
bg = "default"

[roles.title]
fg = "bright-white"
attrs = ["bold"]

[roles.border]
fg = "244"

[roles.muted]
fg = "245"

[roles.selected]
fg = "black"
bg = "cyan"
attrs = ["bold"]

[roles.warning]
fg = "yellow"
attrs = ["bold", "underline"]

[roles.danger]
fg = "bright-white"
bg = "red"
attrs = ["bold", "underline"]

[roles.success]
fg = "green"

[roles.accent]
fg = "cyan"
attrs = ["bold"]

[roles.hint]
fg = "250"
bg = "236"

[roles.hintKey]
fg = "bright-white"
bg = "236"
attrs = ["bold"]

[roles.statusBar]
fg = "bright-white"
bg = "238"

[roles.banner]
fg = "black"
bg = "yellow"
attrs = ["bold"]

[roles.input]
fg = "default"
attrs = ["underline"]

[roles.inputFocused]
fg = "bright-white"
bg = "237"
attrs = ["underline"]

[roles.painNone]
fg = "green"
attrs = ["dim"]

[roles.painMild]
fg = "bright-green"
attrs = ["italic"]

[roles.painModerate]
fg = "yellow"
attrs = ["bold"]

[roles.painSevere]
fg = "bright-red"
attrs = ["reverse", "underline"]

[roles.pressure0]
fg = "245"

[roles.pressure1]
fg = "152"

[roles.pressure2]
fg = "116"

[roles.pressure3]
fg = "cyan"
attrs = ["bold"]

[roles.pressure4]
fg = "214"
attrs = ["bold"]

[roles.pressure5]
fg = "bright-red"
attrs = ["bold", "underline"]

[roles.timer]
fg = "bright-white"
attrs = ["bold"]

[roles.timerOver]
fg = "yellow"
attrs = ["bold", "reverse"]

"""#

    /// The default theme as a value: what `Theme.parse(defaultText)` gives (a test keeps the two
    /// equal), without parsing TOML at every start, which was a seventh of the start's main thread.
    public static let `default` = Theme(name: "default", styles: [
            .normal: Style(),
            .title: Style(foreground: .indexed(15), attributes: [.bold]),
            .border: Style(foreground: .indexed(244)),
            .muted: Style(foreground: .indexed(245)),
            .selected: Style(foreground: .indexed(0), background: .indexed(6), attributes: [.bold]),
            .warning: Style(foreground: .indexed(3), attributes: [.bold, .underline]),
            .danger: Style(foreground: .indexed(15), background: .indexed(1), attributes: [.bold, .underline]),
            .success: Style(foreground: .indexed(2)),
            .accent: Style(foreground: .indexed(6), attributes: [.bold]),
            .hint: Style(foreground: .indexed(250), background: .indexed(236)),
            .hintKey: Style(foreground: .indexed(15), background: .indexed(236), attributes: [.bold]),
            .statusBar: Style(foreground: .indexed(15), background: .indexed(238)),
            .banner: Style(foreground: .indexed(0), background: .indexed(3), attributes: [.bold]),
            .input: Style(attributes: [.underline]),
            .inputFocused: Style(foreground: .indexed(15), background: .indexed(237), attributes: [.underline]),
            .painNone: Style(foreground: .indexed(2), attributes: [.dim]),
            .painMild: Style(foreground: .indexed(10), attributes: [.italic]),
            .painModerate: Style(foreground: .indexed(3), attributes: [.bold]),
            .painSevere: Style(foreground: .indexed(9), attributes: [.reverse, .underline]),
            .pressure0: Style(foreground: .indexed(245)),
            .pressure1: Style(foreground: .indexed(152)),
            .pressure2: Style(foreground: .indexed(116)),
            .pressure3: Style(foreground: .indexed(6), attributes: [.bold]),
            .pressure4: Style(foreground: .indexed(214), attributes: [.bold]),
            .pressure5: Style(foreground: .indexed(9), attributes: [.bold, .underline]),
            .timer: Style(foreground: .indexed(15), attributes: [.bold]),
            .timerOver: Style(foreground: .indexed(3), attributes: [.bold, .reverse]),
        ])
}
