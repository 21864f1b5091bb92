import KneadUI
import Testing

@testable import KneadTerminal

@Suite("Colour degrading")
struct ColorDegraderTests {
    @Test("depth follows COLORS, has_colors and NO_COLOR")
    func depth() {
        #expect(ColorDepth.detect(hasColors: true, colors: 256, noColor: nil) == .full)
        #expect(ColorDepth.detect(hasColors: true, colors: 16_777_216, noColor: nil) == .full)
        #expect(ColorDepth.detect(hasColors: true, colors: 88, noColor: nil) == .sixteen)
        #expect(ColorDepth.detect(hasColors: true, colors: 16, noColor: nil) == .sixteen)
        #expect(ColorDepth.detect(hasColors: true, colors: 8, noColor: nil) == .eight)
        #expect(ColorDepth.detect(hasColors: true, colors: 2, noColor: nil) == .none)
        #expect(ColorDepth.detect(hasColors: false, colors: 256, noColor: nil) == .none)
        #expect(ColorDepth.detect(hasColors: true, colors: 256, noColor: "1") == .none)
        #expect(ColorDepth.detect(hasColors: true, colors: 256, noColor: "") == .full, "an empty NO_COLOR is ignored")
    }

    @Test("xterm palette RGB")
    func palette() {
        #expect(ColorDegrader.rgb(1) == (205, 0, 0))
        #expect(ColorDegrader.rgb(16) == (0, 0, 0))
        #expect(ColorDegrader.rgb(196) == (255, 0, 0))
        #expect(ColorDegrader.rgb(214) == (255, 175, 0))
        #expect(ColorDegrader.rgb(231) == (255, 255, 255))
        #expect(ColorDegrader.rgb(232) == (8, 8, 8))
        #expect(ColorDegrader.rgb(255) == (238, 238, 238))
    }

    @Test("nearest of 16")
    func nearest16() {
        #expect(ColorDegrader.nearest16(3) == 3)
        #expect(ColorDegrader.nearest16(196) == 9)   // pure red -> bright red
        #expect(ColorDegrader.nearest16(214) == 3)   // orange (255,175,0) -> yellow (205,205,0)
        #expect(ColorDegrader.nearest16(226) == 11)  // (255,255,0) -> bright yellow
        #expect(ColorDegrader.nearest16(21) == 4)    // (0,0,255) -> blue (0,0,238), not (92,92,255)
        #expect(ColorDegrader.nearest16(244) == 8)   // mid grey -> bright black
        #expect(ColorDegrader.nearest16(236) == 0)   // dark grey -> black
        #expect(ColorDegrader.nearest16(250) == 7)   // light grey -> white
        #expect(ColorDegrader.nearest16(231) == 15)
    }

    @Test("256 colours are used as they are")
    func full() {
        let style = Style(foreground: .indexed(214), background: .indexed(236), attributes: [.underline])
        #expect(ColorDegrader.degrade(style, to: .full) == TerminalStyle(foreground: 214, background: 236, attributes: [.underline]))
        #expect(ColorDegrader.degrade(Style(), to: .full) == TerminalStyle())
    }

    @Test("16 colours: the palette folds to the nearest basic colour")
    func sixteen() {
        let style = Style(foreground: .indexed(214), background: .indexed(236))
        #expect(ColorDegrader.degrade(style, to: .sixteen) == TerminalStyle(foreground: 3, background: 0))
        let basic = Style(foreground: .indexed(9), background: .default)
        #expect(ColorDegrader.degrade(basic, to: .sixteen) == TerminalStyle(foreground: 9, background: -1))
    }

    @Test("8 colours: a bright foreground becomes bold, a bright background plain")
    func eight() {
        let brightRed = Style(foreground: .indexed(9))
        #expect(ColorDegrader.degrade(brightRed, to: .eight) == TerminalStyle(foreground: 1, attributes: [.bold]))
        let yellow = Style(foreground: .indexed(226), attributes: [.underline])
        #expect(ColorDegrader.degrade(yellow, to: .eight) == TerminalStyle(foreground: 3, attributes: [.bold, .underline]))
        let onBrightBlue = Style(foreground: .indexed(0), background: .indexed(12))
        #expect(ColorDegrader.degrade(onBrightBlue, to: .eight) == TerminalStyle(foreground: 0, background: 4))
        let plain = Style(foreground: .indexed(2))
        #expect(ColorDegrader.degrade(plain, to: .eight) == TerminalStyle(foreground: 2))
    }

    @Test("8 colours: greys and tans never become bold black, which vanishes on a dark background")
    func eightGreys() {
        // The dim-room theme's tan text, the default theme's muted grey, and a dark grey for a light theme.
        #expect(ColorDegrader.degrade(Style(foreground: .indexed(180)), to: .eight) == TerminalStyle(foreground: 7))
        #expect(ColorDegrader.degrade(Style(foreground: .indexed(245)), to: .eight) == TerminalStyle(foreground: 7))
        #expect(ColorDegrader.degrade(Style(foreground: .indexed(8)), to: .eight) == TerminalStyle(foreground: 7))
        #expect(ColorDegrader.degrade(Style(foreground: .indexed(238)), to: .eight) == TerminalStyle(foreground: 0))
    }

    @Test("no colour: attributes only, a coloured background becomes reverse")
    func none() {
        let selected = Style(foreground: .indexed(0), background: .indexed(6), attributes: [.bold])
        #expect(ColorDegrader.degrade(selected, to: .none) == TerminalStyle(attributes: [.bold, .reverse]))
        let warning = Style(foreground: .indexed(3), attributes: [.bold])
        #expect(ColorDegrader.degrade(warning, to: .none) == TerminalStyle(attributes: [.bold]))
        #expect(ColorDegrader.degrade(Style(), to: .none) == TerminalStyle())
    }

    @Test("colours that collapse into one another never hide the text")
    func collision() {
        // 244 and 243 are different greys that both become bright black with 16 colours.
        let greyOnGrey = Style(foreground: .indexed(244), background: .indexed(243))
        let degraded = ColorDegrader.degrade(greyOnGrey, to: .sixteen)
        #expect(degraded.foreground == 8)
        #expect(degraded.background == -1)
        // A theme that asks for the same colour twice gets what it asked for.
        let same = Style(foreground: .indexed(4), background: .indexed(4))
        #expect(ColorDegrader.degrade(same, to: .sixteen) == TerminalStyle(foreground: 4, background: 4))
    }
}
