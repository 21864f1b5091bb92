import Foundation

/// A client's progress across visits: what the history screen and `knead history` show.
public struct ClientProgress: Hashable, Sendable {
    /// A region and how much it was worked across all visits.
    public struct RegionTotal: Hashable, Sendable {
        public var region: Region
        public var seconds: TimeInterval
        public var visits: Int
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
    }

    /// Visits, oldest first.
    public var visits: [SessionSummary]
    /// Regions by minutes worked, most first.
    public var regionsWorkedMost: [RegionTotal]
    /// Technique and pressure pairs by the pain drops they preceded, largest first.
    public var dropLeaders: [DropLeader]

    /// The progress across a client's visits, given in any order.
    public init(visits: [SessionSummary]) {
        self.visits = visits.sorted { ($0.startedAt, $0.id.rawValue) < ($1.startedAt, $1.id.rawValue) }
        var regions: [Region: RegionTotal] = [:]
        var leaders: [String: DropLeader] = [:]
        for visit in self.visits {
            for (region, seconds) in visit.secondsByRegion {
                regions[region, default: RegionTotal(region: region, seconds: 0, visits: 0)].seconds += seconds
                regions[region]?.visits += 1
            }
            for drop in visit.painDrops {
                let key = "\(drop.technique.id)|\(drop.pressure.rawValue)"
                leaders[key, default: DropLeader(technique: drop.technique, pressure: drop.pressure, drops: 0, points: 0)].drops += 1
                leaders[key]?.points += drop.points
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
