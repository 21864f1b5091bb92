import Foundation

/// A client's progress across visits: what the history screen and `knead history` show.
public struct ClientProgress: Hashable, Sendable {
    /// A region and how much it was worked across all visits.
    public struct RegionTotal: Hashable, Sendable {
        public var region: Region
        public var seconds: TimeInterval
        public var visits: Int

        mutating func add(_ more: TimeInterval) {
            seconds += more
            visits += 1
        }
    }

    /// What drop leaders are counted by.
    private struct LeaderKey: Hashable {
        var technique: Technique
        var pressure: Pressure
    }

    /// A technique at a pressure and the pain drops it preceded.
    public struct DropLeader: Hashable, Sendable {
        public var technique: Technique
        public var pressure: Pressure
        /// Falls in pain it preceded.
        public var drops: Int
        /// Points fallen, added up.
        public var points: Int
        /// Points per drop.
        public var averagePoints: Double { drops == 0 ? 0 : Double(points) / Double(drops) }

        mutating func add(_ fallen: Int) {
            drops += 1
            points += fallen
        }
    }

    /// Visits, oldest first.
    public var visits: [SessionSummary]
    /// Regions by minutes worked, most first.
    public var regionsWorkedMost: [RegionTotal]
    /// Technique and pressure pairs by the pain drops they preceded, largest first.
    public var dropLeaders: [DropLeader]

    /// The progress across a client's visits, given in any order.
    public init(visits: [SessionSummary]) {
        // Oldest first; visits read from the journal already are, and a check is cheaper than a sort.
        let ordered = zip(visits, visits.dropFirst()).allSatisfy { ($0.startedAt, $0.id.rawValue) <= ($1.startedAt, $1.id.rawValue) }
        self.visits = ordered ? visits : visits.sorted { ($0.startedAt, $0.id.rawValue) < ($1.startedAt, $1.id.rawValue) }
        var regions: [Region: RegionTotal] = [:]
        var leaders: [LeaderKey: DropLeader] = [:]
        for visit in self.visits {
            for (region, seconds) in visit.secondsByRegion {
                regions[region, default: RegionTotal(region: region, seconds: 0, visits: 0)].add(seconds)
            }
            for drop in visit.painDrops {
                leaders[LeaderKey(technique: drop.technique, pressure: drop.pressure),
                        default: DropLeader(technique: drop.technique, pressure: drop.pressure, drops: 0, points: 0)].add(drop.points)
            }
        }
        regionsWorkedMost = regions.values.sorted {
            $0.seconds != $1.seconds ? $0.seconds > $1.seconds : $0.region < $1.region
        }
        dropLeaders = leaders.values.sorted {
            if $0.points != $1.points { return $0.points > $1.points }
            if $0.averagePoints != $1.averagePoints { return $0.averagePoints > $1.averagePoints }
            return ($0.technique.id, $0.pressure.rawValue) < ($1.technique.id, $1.pressure.rawValue)
        }
    }

    /// Visits with both a before and an after score.
    public var scoredVisits: [SessionSummary] { visits.filter { $0.painChange != nil } }

    /// Average change from before to after over scored visits (negative is better).
    public var averageChange: Double? {
        let changes = visits.compactMap(\.painChange)
        return changes.isEmpty ? nil : Double(changes.reduce(0, +)) / Double(changes.count)
    }
}
