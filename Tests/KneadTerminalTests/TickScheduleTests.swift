import Testing

@testable import KneadTerminal

@Suite("Tick schedule")
struct TickScheduleTests {
    @Test("the timeout reaches the next whole second")
    func timeout() {
        #expect(TickSchedule.timeout(now: 100.25) == 750)
        #expect(TickSchedule.timeout(now: 100.0) == 1000)
        #expect(TickSchedule.timeout(now: 100.9999) == 1)
    }

    @Test("a tick is due once per new second")
    func due() {
        var schedule = TickSchedule(now: 100.2)
        let answers = [100.9, 101.0, 101.5, 103.1, 50.0].map { schedule.isDue(now: $0) }
        #expect(answers == [false, true, false, true, true], "a clock set back still ticks")
    }
}
