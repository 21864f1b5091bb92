import Foundation
import TOMLKit

/// A colour as a theme names it. The terminal layer degrades it to what the terminal can show.
public enum ThemeColor: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 256 indexed colours; 0–7 are the basic ANSI colours, 8–15 their bright forms.
    case indexed(Int)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses "default", a colour name ("red", "bright-blue"), an index ("214") or "#rrggbb".
    public init?(parsing text: String) {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if t == "default" || t == "none" { self = .default; return }
        if let i = ThemeColor.names.firstIndex(of: t) { self = .indexed(i); return }
        if t.hasPrefix("bright-"), let i = ThemeColor.names.firstIndex(of: String(t.dropFirst(7))) {
            self = .indexed(i + 8); return
        }
        if let n = Int(t), (0...255).contains(n) { self = .indexed(n); return }
        if t.hasPrefix("#"), t.count == 7, let rgb = Int(t.dropFirst(), radix: 16) {
            self = .indexed(ThemeColor.nearest256(r: (rgb >> 16) & 0xFF, g: (rgb >> 8) & 0xFF, b: rgb & 0xFF))
            return
        }
        return nil
    }

    public var description: String {
        switch self {
        case .default: "default"
        case .indexed(let n): "\(n)"
        }
    }

    /// The nearest colour of the xterm 6×6×6 cube or grey ramp.
    static func nearest256(r: Int, g: Int, b: Int) -> Int {
        let steps = [0, 95, 135, 175, 215, 255]
        func level(_ v: Int) -> Int { steps.indices.min { abs(steps[$0] - v) < abs(steps[$1] - v) } ?? 0 }
        let (cr, cg, cb) = (level(r), level(g), level(b))
        let cube = 16 + 36 * cr + 6 * cg + cb
        let cubeError = sq(steps[cr] - r) + sq(steps[cg] - g) + sq(steps[cb] - b)
        let grey = max(0, min(23, ((r + g + b) / 3 - 8) / 10))
        let gv = 8 + 10 * grey
        let greyError = sq(gv - r) + sq(gv - g) + sq(gv - b)
        return greyError < cubeError ? 232 + grey : cube
    }

    private static func sq(_ v: Int) -> Int { v * v }
}

/// Text attributes a theme can ask for.
public enum TextAttribute: String, CaseIterable, Hashable, Sendable {
    case bold, dim, underline, reverse, italic
}

/// How one style role looks.
public struct Style: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: Set<TextAttribute>
    public init(foreground: ThemeColor = .default, background: ThemeColor = .default, attributes: Set<TextAttribute> = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A theme: every style role mapped to a style. Loaded from a TOML file in `Themes/`.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var styles: [StyleRole: Style]

    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style of a role; a role the theme lacks looks like `normal`.
    public func style(_ role: StyleRole) -> Style { styles[role] ?? styles[.normal] ?? Style() }

    /// A theme with no colours, only attributes, for `NO_COLOR` and monochrome terminals.
    public var monochrome: Theme {
        Theme(name: name, styles: styles.mapValues { Style(attributes: $0.attributes) })
    }
}

/// Why a theme file could not be used.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension Theme {
    /// Parses a theme from TOML text. Every role must be present and every colour must parse;
    /// the error names the file, the line if known, and what is wrong.
    public static func parse(_ toml: String, source: String) throws -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: toml)
        } catch let error as TOMLParseError {
            throw ThemeError("\(source): line \(error.source.begin.line): \(error.description)")
        }
        let name = table["name"]?.string ?? source
        guard let roles = table["roles"]?.table else {
            throw ThemeError("\(source): there is no [roles] table.")
        }
        var styles: [StyleRole: Style] = [:]
        var missing: [String] = []
        for role in StyleRole.allCases {
            guard let entry = roles[role.rawValue]?.table else {
                missing.append(role.rawValue)
                continue
            }
            styles[role] = try parseStyle(entry, role: role.rawValue, source: source)
        }
        if !missing.isEmpty {
            throw ThemeError("\(source): missing role\(missing.count == 1 ? "" : "s"): \(missing.joined(separator: ", ")).")
        }
        let known = Set(StyleRole.allCases.map(\.rawValue))
        if let unknown = roles.keys.first(where: { !known.contains($0) }) {
            throw ThemeError("\(source): unknown role '\(unknown)'.")
        }
        return Theme(name: name, styles: styles)
    }

    private static func parseStyle(_ entry: TOMLTable, role: String, source: String) throws -> Style {
        func color(_ key: String) throws -> ThemeColor {
            guard let value = entry[key] else { return .default }
            let text = value.string ?? value.int.map(String.init) ?? ""
            guard let color = ThemeColor(parsing: text) else {
                throw ThemeError("\(source): role '\(role)': '\(text)' is not a colour (use default, a name such as red or bright-blue, 0–255, or #rrggbb).")
            }
            return color
        }
        var attributes: Set<TextAttribute> = []
        if let list = entry["attrs"]?.array {
            for item in list {
                guard let text = item.string, let attribute = TextAttribute(rawValue: text) else {
                    throw ThemeError("\(source): role '\(role)': unknown attribute '\(item.string ?? "?")' (use bold, dim, underline, reverse, italic).")
                }
                attributes.insert(attribute)
            }
        }
        return Style(foreground: try color("fg"), background: try color("bg"), attributes: attributes)
    }
}
