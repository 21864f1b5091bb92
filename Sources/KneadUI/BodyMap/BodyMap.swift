import KneadCore

/// A front and a back figure drawn in text, each region a patch of cells.
///
/// The figures are drawn at scale 1 in a 30×14 grid of cells (front at the left, back at the
/// right) and scaled up whole on larger terminals. Every region of ``Region/all`` has one patch.
/// The front is seen facing the client, so the client's right is on the viewer's left; the back
/// is seen from behind, so the client's left is on the viewer's left. Labels under each figure say so.
struct BodyMap: Sendable {
    /// One cell of the figure at scale 1.
    struct Spot: Hashable, Sendable {
        var x: Int
        var y: Int
    }

    /// Columns and rows of both figures at scale 1.
    static let width = 30
    static let height = 14
    /// Where the back figure starts, at scale 1.
    static let backOffset = 16

    /// The figures as masks: each letter names a region in ``legend``, `.` is outline only.
    static let front = [
        "     ....     ",
        "     jjJJ     ",
        "  ooooo OOOOO ",
        " rr eeeEEE RR ",
        " rr eeeEEE RR ",
        " ff  aaaa  FF ",
        " ff  aaaa  FF ",
        " ww pppPPP WW ",
        "    qqq QQQ   ",
        "    qqq QQQ   ",
        "    kkk KKK   ",
        "    iii III   ",
        "    iii III   ",
        "    ddd DDD   ",
    ]
    static let back = [
        "     hhhh     ",
        "    nnccNN    ",
        "  uuuuttUUUU  ",
        "  uuuuttUUUU  ",
        "   mmmttMMM   ",
        "   bbbllBBB   ",
        "   gggssGGG   ",
        "   ggg  GGG   ",
        "    yyy YYY   ",
        "    yyy YYY   ",
        "    ... ...   ",
        "    vvv VVV   ",
        "    vvv VVV   ",
        "    ... ...   ",
    ]

    /// Mask letters of the front figure: lower case is the client's right (viewer's left).
    static let frontLegend: [Character: (BodyArea, Side)] = [
        "j": (.jaw, .right), "J": (.jaw, .left),
        "o": (.shoulder, .right), "O": (.shoulder, .left),
        "r": (.upperArm, .right), "R": (.upperArm, .left),
        "e": (.chest, .right), "E": (.chest, .left),
        "a": (.abdomen, .midline),
        "f": (.forearm, .right), "F": (.forearm, .left),
        "w": (.handWrist, .right), "W": (.handWrist, .left),
        "p": (.hip, .right), "P": (.hip, .left),
        "q": (.thighFront, .right), "Q": (.thighFront, .left),
        "k": (.knee, .right), "K": (.knee, .left),
        "i": (.shin, .right), "I": (.shin, .left),
        "d": (.footAnkle, .right), "D": (.footAnkle, .left),
    ]
    /// Mask letters of the back figure: lower case is the client's left (viewer's left).
    static let backLegend: [Character: (BodyArea, Side)] = [
        "h": (.head, .midline),
        "n": (.neck, .left), "N": (.neck, .right), "c": (.cervicalSpine, .midline),
        "u": (.upperBack, .left), "U": (.upperBack, .right), "t": (.thoracicSpine, .midline),
        "m": (.midBack, .left), "M": (.midBack, .right),
        "b": (.lowBack, .left), "B": (.lowBack, .right), "l": (.lumbarSpine, .midline),
        "g": (.gluteal, .left), "G": (.gluteal, .right), "s": (.sacrum, .midline),
        "y": (.thighBack, .left), "Y": (.thighBack, .right),
        "v": (.calf, .left), "V": (.calf, .right),
    ]

    /// The cells of each region at scale 1, in reading order.
    let spots: [Region: [Spot]]
    /// Outline cells that belong to no region.
    let outline: [Spot]
    /// For each region, the region reached by moving up, down, left or right.
    let neighbours: [Region: [Direction: Region]]

    /// The map Knead draws.
    static let standard = BodyMap()

    init() {
        var spots: [Region: [Spot]] = [:]
        var outline: [Spot] = []
        for (figure, legend, offset) in [(Self.front, Self.frontLegend, 0), (Self.back, Self.backLegend, Self.backOffset)] {
            for (y, row) in figure.enumerated() {
                for (x, letter) in row.enumerated() {
                    let spot = Spot(x: x + offset, y: y)
                    if letter == "." {
                        outline.append(spot)
                    } else if let (area, side) = legend[letter], let region = Region(area, side) {
                        spots[region, default: []].append(spot)
                    }
                }
            }
        }
        self.spots = spots
        self.outline = outline
        var neighbours: [Region: [Direction: Region]] = [:]
        for region in Region.all {
            for direction in Direction.allCases {
                if let next = Self.nearest(from: region, direction, spots) { neighbours[region, default: [:]][direction] = next }
            }
        }
        self.neighbours = neighbours
    }

    /// Ways to move the highlight on the map.
    enum Direction: CaseIterable, Hashable, Sendable {
        case up, down, left, right
    }

    /// The region reached from `region` by moving one way, or the same region at the edge.
    func move(_ region: Region, _ direction: Direction) -> Region {
        neighbours[region]?[direction] ?? region
    }

    /// The closest region that lies wholly beyond this one's edge that way: distance past the edge
    /// plus twice the sideways distance outside this region's span; ties go to the smaller sideways step.
    private static func nearest(from region: Region, _ direction: Direction, _ spots: [Region: [Spot]]) -> Region? {
        guard let mine = spots[region], !mine.isEmpty else { return nil }
        let xs = mine.map(\.x), ys = mine.map(\.y)
        let (minX, maxX, minY, maxY) = (xs.min() ?? 0, xs.max() ?? 0, ys.min() ?? 0, ys.max() ?? 0)
        func outside(_ v: Int, _ low: Int, _ high: Int) -> Int { v < low ? low - v : v > high ? v - high : 0 }
        var best: (cost: Int, across: Int, region: Region)?
        for candidate in Region.all where candidate != region {
            for theirs in spots[candidate] ?? [] {
                let along: Int, across: Int
                switch direction {
                case .left: (along, across) = (minX - theirs.x, outside(theirs.y, minY, maxY))
                case .right: (along, across) = (theirs.x - maxX, outside(theirs.y, minY, maxY))
                case .up: (along, across) = (minY - theirs.y, outside(theirs.x, minX, maxX))
                case .down: (along, across) = (theirs.y - maxY, outside(theirs.x, minX, maxX))
                }
                guard along > 0 else { continue }
                let cost = along + 2 * across
                if let b = best, (cost, across) >= (b.cost, b.across) { continue }
                best = (cost, across, candidate)
            }
        }
        return best?.region
    }

    /// The largest whole scale at which both figures, their labels and a caption fit a box's inside.
    static func scale(forWidth width: Int, height: Int) -> Int {
        let byWidth = (width - 2) / Self.width
        let byHeight = (height - 2) / Self.height
        return max(1, min(byWidth, byHeight, 4))
    }
}
