import Foundation
import KneadCore

/// A clock standing still at a fixed moment (2026-11-18, about midday UTC), so that what the
/// store stamps is the same on every run, whatever the date of the machine.
func testClock() -> ManualClock {
    ManualClock(Date(timeIntervalSince1970: 1_795_000_000))
}
