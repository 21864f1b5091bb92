import CNcurses
import KneadUI
import Testing

@testable import KneadTerminal

/// Records `init_pair` calls instead of making them.
private final class PairLog {
    var calls: [(Int16, Int16, Int16)] = []
    var fails = false
    func initialize(_ number: Int16, _ foreground: Int16, _ background: Int16) -> Bool {
        calls.append((number, foreground, background))
        return !fails
    }
}

@Suite("Colour pairs")
struct ColorPairCacheTests {
    @Test("a pair is initialised once per (foreground, background)")
    func once() {
        let log = PairLog()
        var cache = ColorPairCache(capacity: 256, initialize: log.initialize)
        let a = cache.pair(foreground: 214, background: -1)
        let b = cache.pair(foreground: 0, background: 6)
        #expect(cache.pair(foreground: 214, background: -1) == a)
        #expect(cache.pair(foreground: 0, background: 6) == b)
        #expect(a == 1)
        #expect(b == 2)
        #expect(log.calls.count == 2)
        #expect(log.calls.first.map { [$0.0, $0.1, $0.2] } == [1, 214, -1])
        #expect(cache.count == 2)
    }

    @Test("default on default is pair 0 and needs no call")
    func defaultPair() {
        let log = PairLog()
        var cache = ColorPairCache(capacity: 256, initialize: log.initialize)
        #expect(cache.pair(foreground: -1, background: -1) == 0)
        #expect(log.calls.isEmpty)
    }

    @Test("beyond the terminal's pairs, and on failure, pair 0 is used and not retried")
    func exhaustion() {
        let log = PairLog()
        var cache = ColorPairCache(capacity: 2, initialize: log.initialize)
        #expect(cache.pair(foreground: 1, background: -1) == 1)
        #expect(cache.pair(foreground: 2, background: -1) == 0)
        log.fails = true
        var failing = ColorPairCache(capacity: 256, initialize: log.initialize)
        let before = log.calls.count
        #expect(failing.pair(foreground: 3, background: -1) == 0)
        #expect(failing.pair(foreground: 3, background: -1) == 0)
        #expect(log.calls.count == before + 1)
    }

    @Test("a theme allocates one pair per distinct colour combination, once")
    func styleTable() {
        let log = PairLog()
        var cache = ColorPairCache(capacity: 256, initialize: log.initialize)
        let theme = Theme(name: "t", styles: [
            .normal: Style(),
            .title: Style(foreground: .indexed(15), attributes: [.bold]),
            .timer: Style(foreground: .indexed(15), attributes: [.bold]),
            .selected: Style(foreground: .indexed(0), background: .indexed(6), attributes: [.bold]),
            .danger: Style(foreground: .indexed(15), background: .indexed(1)),
        ])
        let table = StyleTable(theme: theme, depth: .full, pairs: &cache)
        #expect(log.calls.count == 3)
        #expect(table.entry(.title).pair == table.entry(.timer).pair)
        #expect(table.entry(.normal).pair == 0)
        #expect(table.entry(.muted).pair == 0, "a role the theme lacks looks like normal")
        #expect(table.entry(.title).attributes == knead_a_bold())
        _ = StyleTable(theme: theme, depth: .full, pairs: &cache)
        #expect(log.calls.count == 3, "rebuilding the table reuses the pairs")
        _ = StyleTable(theme: theme, depth: .none, pairs: &cache)
        #expect(log.calls.count == 3, "no colour needs no pairs")
    }
}
