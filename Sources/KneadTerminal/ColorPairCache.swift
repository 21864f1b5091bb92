/// Colour pairs allocated once per (foreground, background) and remembered.
///
/// ncurses has a limited number of pairs and `init_pair` is not free, so each combination
/// is initialised the first time it is needed only. The `init_pair` call is injected so
/// the cache is tested without a terminal. Pair 0 is the terminal's default colours.
public struct ColorPairCache {
    /// Initialises pair `number` to (foreground, background); returns false on failure.
    public typealias Initializer = (_ number: Int16, _ foreground: Int16, _ background: Int16) -> Bool

    private let initialize: Initializer
    private let capacity: Int
    private var pairs: [Key: Int16] = [:]
    private var nextNumber: Int16 = 1

    private struct Key: Hashable {
        let foreground: Int16
        let background: Int16
    }

    /// - Parameters:
    ///   - capacity: the terminal's `COLOR_PAIRS`; pairs beyond it fall back to pair 0.
    ///   - initialize: normally ncurses' `init_pair`.
    public init(capacity: Int, initialize: @escaping Initializer) {
        self.capacity = min(capacity, Int(Int16.max))
        self.initialize = initialize
    }

    /// How many pairs have been initialised.
    public var count: Int { Int(nextNumber) - 1 }

    /// The pair number for a combination; -1 means the terminal's own colour.
    public mutating func pair(foreground: Int, background: Int) -> Int16 {
        if foreground < 0, background < 0 { return 0 }
        let key = Key(foreground: Int16(clamping: foreground), background: Int16(clamping: background))
        if let known = pairs[key] { return known }
        var number: Int16 = 0
        if Int(nextNumber) < capacity, initialize(nextNumber, key.foreground, key.background) {
            number = nextNumber
            nextNumber += 1
        }
        pairs[key] = number  // a failure is remembered too, so it is not retried every frame
        return number
    }
}
