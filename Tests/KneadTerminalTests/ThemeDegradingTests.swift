import Foundation
import KneadUI
import Testing

@testable import KneadTerminal

/// Every theme file, degraded to every colour depth: the roles that carry meaning stay apart.
@Suite("Themes at every colour depth")
struct ThemeDegradingTests {
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes")

    static func themes() throws -> [Theme] {
        let files = try FileManager.default.contentsOfDirectory(at: themesFolder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "theme" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map { try Theme.parse(String(contentsOf: $0, encoding: .utf8), source: $0.lastPathComponent) }
    }

    /// Roles whose meaning must survive without colour: told apart from normal text and from each other.
    static let meaningful: [StyleRole] = [.selected, .warning, .danger, .painNone, .painMild, .painModerate, .painSevere]
    static let depths: [ColorDepth] = [.full, .sixteen, .eight, .none]

    @Test func theFiveThemesShip() throws {
        #expect(try Self.themes().map(\.name).sorted() == ["default", "dim-room", "high-contrast", "light", "monochrome"])
    }

    /// Compares the degraded (foreground, background, attributes) triples: two roles are told apart
    /// when the terminal is asked to draw them differently.
    @Test(arguments: depths)
    func meaningfulRolesStayDistinct(depth: ColorDepth) throws {
        for theme in try Self.themes() {
            let normal = ColorDegrader.degrade(theme.style(.normal), to: depth)
            var seen: [TerminalStyle: StyleRole] = [:]
            for role in Self.meaningful {
                let style = ColorDegrader.degrade(theme.style(role), to: depth)
                #expect(style != normal, "\(theme.name) at \(depth): \(role) looks like normal text")
                if let other = seen[style] {
                    Issue.record("\(theme.name) at \(depth): \(role) looks like \(other) (\(style))")
                }
                seen[style] = role
            }
            let banner = ColorDegrader.degrade(theme.style(.banner), to: depth)
            #expect(banner != normal, "\(theme.name) at \(depth): the banner looks like normal text")
        }
    }

    @Test func withoutColourTheRolesDifferByAttributesAlone() throws {
        for theme in try Self.themes() {
            let attributes = Self.meaningful.map { ColorDegrader.degrade(theme.style($0), to: .none).attributes }
            #expect(Set(attributes).count == attributes.count, "\(theme.name)")
            #expect(!attributes.contains(ColorDegrader.degrade(theme.style(.normal), to: .none).attributes), "\(theme.name)")
        }
    }

    @Test func monochromeHasNoColours() throws {
        let theme = try #require(try Self.themes().first { $0.name == "monochrome" })
        for role in StyleRole.allCases {
            #expect(theme.style(role).foreground == .default && theme.style(role).background == .default, "\(role)")
        }
    }

    /// Dim-room: nothing bright white and nothing blue, cyan or violet, checked on the RGB of
    /// every colour it names, and on what those become on a 16-colour terminal.
    @Test func dimRoomIsWarmAndLowGlare() throws {
        let theme = try #require(try Self.themes().first { $0.name == "dim-room" })
        #expect(theme.style(.normal).foreground != .default, "normal text must not be the terminal's own (often white)")
        for role in StyleRole.allCases {
            for color in [theme.style(role).foreground, theme.style(role).background] {
                guard case .indexed(let index) = color else { continue }
                let (r, g, b) = ColorDegrader.rgb(index)
                #expect(min(r, g, b) < 200, "\(role): colour \(index) is near white")
                #expect(!Self.isBluish(r, g, b), "\(role): colour \(index) (\(r),\(g),\(b)) is blue, cyan or violet")
                let basic = ColorDegrader.nearest16(index)
                #expect(![4, 5, 6, 12, 13, 14, 15].contains(basic), "\(role): colour \(index) becomes \(basic) on 16 colours")
            }
        }
    }

    /// The picker switches themes at run time; the painter keeps one pair cache for the whole run.
    /// Going through every theme, back and forth, must fit the 64 pairs of an 8- or 16-colour
    /// terminal (the Linux console has 64), and every pair is initialised once.
    @Test(arguments: [ColorDepth.eight, .sixteen, .full])
    func switchingThroughEveryThemeFitsTheColourPairs(depth: ColorDepth) throws {
        nonisolated(unsafe) var initialised = 0
        var cache = ColorPairCache(capacity: 64) { _, _, _ in
            initialised += 1
            return true
        }
        let themes = try Self.themes()
        for theme in themes + themes.reversed() {
            let table = StyleTable(theme: theme, depth: depth, pairs: &cache)
            for role in StyleRole.allCases {
                let style = ColorDegrader.degrade(theme.style(role), to: depth)
                let pair = table.entry(role).pair
                #expect(pair != 0 || (style.foreground < 0 && style.background < 0),
                        "\(theme.name) \(role) at \(depth) ran out of colour pairs")
            }
        }
        #expect(initialised == cache.count)
        #expect(cache.count < 64)
    }

    /// Hue from 150° (cyan-green) to 320° (violet-magenta), unless nearly grey.
    static func isBluish(_ r: Int, _ g: Int, _ b: Int) -> Bool {
        let high = max(r, g, b), low = min(r, g, b)
        guard high > 0, Double(high - low) / Double(high) > 0.15 else { return false }
        let d = Double(high - low)
        var hue: Double
        if high == r {
            hue = 60 * (Double(g - b) / d)
        } else if high == g {
            hue = 60 * (Double(b - r) / d + 2)
        } else {
            hue = 60 * (Double(r - g) / d + 4)
        }
        if hue < 0 { hue += 360 }
        return (150...320).contains(hue)
    }

    @Test func theBluishCheckWorks() {
        #expect(Self.isBluish(0, 0, 238))
        #expect(Self.isBluish(0, 205, 205))
        #expect(Self.isBluish(135, 95, 215))
        #expect(!Self.isBluish(215, 135, 0))
        #expect(!Self.isBluish(128, 128, 140))
    }
}
