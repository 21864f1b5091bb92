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

    /// The parsed default theme.
    public static let `default`: Theme = {
        (try? Theme.parse(defaultText, source: "built-in default theme")) ?? Theme(name: "default", styles: [:])
    }()
}
