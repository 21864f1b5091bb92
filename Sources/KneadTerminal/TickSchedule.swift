/// When the once-a-second `.tick` is due, aligned to wall-clock seconds so a timer on
/// screen turns over with the system clock.
struct TickSchedule {
    /// The whole second of the last tick.
    private(set) var lastSecond: Int

    init(now: Double) {
        lastSecond = Int(now.rounded(.down))
    }

    /// Milliseconds from `now` to the next whole second, at least 1 (poll's timeout).
    static func timeout(now: Double) -> Int32 {
        let fraction = now - now.rounded(.down)
        let milliseconds = Int32(((1 - fraction) * 1000).rounded(.up))
        return min(1000, max(1, milliseconds))
    }

    /// True, once per second, when the wall clock shows a new second (also when it jumped back).
    mutating func isDue(now: Double) -> Bool {
        let second = Int(now.rounded(.down))
        guard second != lastSecond else { return false }
        lastSecond = second
        return true
    }
}
