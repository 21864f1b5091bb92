/// Which side of the body a region is on; midline regions have no left or right.
public enum Side: String, CaseIterable, Codable, Sendable {
    case left, right, midline
}

/// A part of the body a therapist charts, before the side is chosen.
public enum BodyArea: String, CaseIterable, Codable, Sendable {
    case head, jaw, neck
    case cervicalSpine, thoracicSpine, lumbarSpine, sacrum
    case shoulder, upperBack, midBack, lowBack, chest, abdomen
    case upperArm, forearm, handWrist
    case hip, gluteal, thighFront, thighBack, knee, calf, shin, footAnkle

    /// Whether the area has a left and a right; the spine, head and abdomen do not.
    public var isPaired: Bool {
        switch self {
        case .head, .cervicalSpine, .thoracicSpine, .lumbarSpine, .sacrum, .abdomen: false
        default: true
        }
    }

    /// The name a therapist would write.
    public var name: String {
        switch self {
        case .head: "head"
        case .jaw: "jaw (TMJ)"
        case .neck: "neck"
        case .cervicalSpine: "cervical spine"
        case .thoracicSpine: "thoracic spine"
        case .lumbarSpine: "lumbar spine"
        case .sacrum: "sacrum"
        case .shoulder: "shoulder"
        case .upperBack: "upper back"
        case .midBack: "mid back"
        case .lowBack: "low back"
        case .chest: "chest"
        case .abdomen: "abdomen"
        case .upperArm: "upper arm"
        case .forearm: "forearm"
        case .handWrist: "hand/wrist"
        case .hip: "hip"
        case .gluteal: "gluteals"
        case .thighFront: "front thigh"
        case .thighBack: "back thigh"
        case .knee: "knee"
        case .calf: "calf"
        case .shin: "shin"
        case .footAnkle: "foot/ankle"
        }
    }
}

/// A body region: an area and, for paired areas, the side. Left and right are distinct regions.
public struct Region: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let area: BodyArea
    public let side: Side

    /// A region, or nil when the side does not fit the area (a left sacrum, a midline shoulder).
    public init?(_ area: BodyArea, _ side: Side) {
        guard area.isPaired == (side != .midline) else { return nil }
        self.area = area
        self.side = side
    }

    /// A midline region such as a spinal segment.
    public init?(_ area: BodyArea) { self.init(area, .midline) }

    /// Every region, in head-to-foot order, left before right.
    public static let all: [Region] = BodyArea.allCases.flatMap { area -> [Region] in
        area.isPaired
            ? [Region(area, .left), Region(area, .right)].compactMap { $0 }
            : [Region(area, .midline)].compactMap { $0 }
    }

    /// A stable identifier used in storage, e.g. `shoulder.left` or `lumbarSpine`.
    public var id: String { side == .midline ? area.rawValue : "\(area.rawValue).\(side.rawValue)" }

    /// Parses an identifier made by ``id``.
    public init?(id: String) {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard let area = BodyArea(rawValue: String(parts[0])) else { return nil }
        if parts.count == 1 {
            self.init(area, .midline)
        } else if parts.count == 2, let side = Side(rawValue: String(parts[1])), side != .midline {
            self.init(area, side)
        } else {
            return nil
        }
    }

    /// The name a therapist would write: "left shoulder", "lumbar spine".
    public var name: String { side == .midline ? area.name : "\(side.rawValue) \(area.name)" }

    /// A short form for narrow columns: "L shoulder".
    public var shortName: String {
        switch side {
        case .midline: area.name
        case .left: "L \(area.name)"
        case .right: "R \(area.name)"
        }
    }

    public var description: String { name }

    public static func < (lhs: Region, rhs: Region) -> Bool {
        let order = Region.all
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }

    public init(from decoder: any Decoder) throws {
        let id = try decoder.singleValueContainer().decode(String.self)
        guard let region = Region(id: id) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Unknown body region '\(id)'"))
        }
        self = region
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }
}
