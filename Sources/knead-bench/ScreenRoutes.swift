import KneadUI

/// How the benchmark reaches each screen from a freshly started app on the sample practice
/// (which opens with the offer to resume the unfinished session), and the keystroke it then
/// times there: one that changes what is drawn without leaving the screen.
struct ScreenRoute {
    var name: String
    var keys: [Key]
    /// The screen the route must reach; overlays are checked by `marker` instead.
    var screen: ScreenID
    /// Text the frame must show when the route worked.
    var marker: String?
    /// Keys pressed in turn, one per timed frame.
    var strokes: [Key]

    static let upDown: [Key] = [.down, .up]
    static let fields: [Key] = [.tab, .backTab]

    static let all: [ScreenRoute] = [
        ScreenRoute(name: "today", keys: [.character("n")], screen: .today, strokes: upDown),
        ScreenRoute(name: "client picker", keys: [.character("n"), .character("n")], screen: .clientPicker, strokes: upDown),
        ScreenRoute(name: "clients", keys: [.character("n"), .character("c")], screen: .clients, strokes: upDown),
        ScreenRoute(name: "client record", keys: [.character("n"), .character("c"), .enter], screen: .clientRecord, strokes: fields),
        ScreenRoute(name: "history review", keys: [.character("n"), .character("n"), .enter], screen: .historyReview,
                    strokes: upDown),
        ScreenRoute(name: "assessment", keys: [.character("n"), .character("n"), .enter, .character("y")], screen: .assessment,
                    strokes: fields),
        ScreenRoute(name: "treatment (body map hjkl)", keys: [.character("y")], screen: .treatment,
                    strokes: [.character("l"), .character("j"), .character("h"), .character("k")]),
        ScreenRoute(name: "aftercare", keys: [.character("y"), .character("a"), .character("y")], screen: .aftercare, strokes: fields),
        ScreenRoute(name: "note", keys: [.character("n"), .enter], screen: .note, strokes: upDown),
        ScreenRoute(name: "day review", keys: [.character("n"), .character("r")], screen: .dayReview, strokes: upDown),
        ScreenRoute(name: "client history", keys: [.character("n"), .character("h")], screen: .clientHistory, strokes: upDown),
        ScreenRoute(name: "search overlay", keys: [.character("n"), .character("/")] + "neck".map { .character($0) },
                    screen: .today, marker: "neck", strokes: upDown),
        ScreenRoute(name: "help overlay", keys: [.character("n"), .character("?")], screen: .today, marker: "show the keys",
                    strokes: upDown),
    ]

    init(name: String, keys: [Key], screen: ScreenID, marker: String? = nil, strokes: [Key]) {
        self.name = name
        self.keys = keys
        self.screen = screen
        self.marker = marker
        self.strokes = strokes
    }
}
