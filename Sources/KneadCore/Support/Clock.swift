import Foundation

/// Where the session machine reads the time, so that tests can set it exactly.
public protocol Clock: Sendable {
    /// The current moment.
    func now() -> Date
}

/// The wall clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that tells the time it is given; tests and the demo move it by hand.
public final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) { current = start }

    public func now() -> Date { lock.withLock { current } }

    /// Moves the clock forward by the given number of seconds.
    public func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }

    /// Sets the clock to a moment.
    public func set(_ date: Date) { lock.withLock { current = date } }
}
