import Foundation
import KneadCore

/// What the screens know of one client's care plan: the referral and plan as last saved, every
/// session of the client replayed, and the status on a day.
struct ClientCarePlan {
    var client: ClientID
    var referral: Referral?
    var plan: PlanOfCare?
    /// Every session of the client, oldest first.
    var sessions: [SessionState]
    /// The status on the day asked for, from the visits up to that day.
    var status: CarePlanStatus

    /// Whether the client has a referral or a plan of care at all.
    var exists: Bool { referral != nil || plan != nil }

    /// The most recent PSFS rated for the client, before `session` or in it, as `(day, rating)`.
    func lastPSFS(zone: TimeZone) -> (day: CalendarDate, rating: PSFSRating)? {
        for state in sessions.reversed() {
            for outcome in state.outcomes.reversed() {
                if case .psfs(let rating) = outcome.value { return (CalendarDate(outcome.at, in: zone), rating) }
            }
        }
        return nil
    }

    /// Why a visit on the status day falls outside the referral, or nil when it is inside
    /// (or there is no referral). `session` is the visit in question, when it exists.
    func outsideReferral(session: SessionID?) -> String? {
        guard let referral else { return nil }
        let day = status.today
        if let session, status.visits.contains(where: { $0.session == session }) {
            guard status.visitsOutsideReferral.contains(where: { $0.session == session }) else { return nil }
        } else if !status.nextVisitOutsideReferral {
            return nil
        }
        if day < referral.date { return "before the referral was written (\(referral.date))" }
        if let expires = referral.expires, day > expires { return "after the referral expired (\(expires))" }
        return "all \(referral.visits) visits ordered are used"
    }

    /// The warnings for a visit on the status day, as sentences with their style, most urgent first.
    func warningLines(session: SessionID?) -> [(String, StyleRole)] {
        var lines: [(String, StyleRole)] = []
        let outside = outsideReferral(session: session)
        if let outside { lines.append(("This visit falls outside the referral: \(outside).", .danger)) }
        for warning in status.warnings {
            switch warning {
            case .visitsRunningOut(0) where outside != nil, .referralExpired where outside != nil: continue
            case .referralExpired, .visitsRunningOut(0): lines.append((warning.description, .danger))
            default: lines.append((warning.description, .warning))
            }
        }
        return lines
    }

    /// The warnings in a few words each, for one line per client on Today.
    func shortWarnings(session: SessionID?) -> [String] {
        var words: [String] = []
        let outside = outsideReferral(session: session) != nil
        if outside { words.append("outside the referral") }
        for warning in status.warnings {
            switch warning {
            case .visitsRunningOut(let remaining):
                if remaining > 0 { words.append("last visit of the referral") } else if !outside { words.append("referral visits all used") }
            case .referralExpiresSoon(let days): words.append(days == 0 ? "referral expires today" : "referral expires in \(days) d")
            case .referralExpired(let day): if !outside { words.append("referral expired \(day)") }
            case .reassessmentDue: words.append("re-assessment due")
            }
        }
        return words
    }
}

/// Care plans read for the screens, kept until what they were read from changes: the key holds
/// the client, the day and a fingerprint of the sessions the screen shows (their phases), and
/// saving a referral, a plan or an outcome empties it.
final class CarePlanCache {
    private var entries: [String: ClientCarePlan?] = [:]
    /// Moves on whenever entries are dropped: what was worked out from them is stale then.
    private(set) var generation = 0
    /// Today's care plan lines as last worked out (``KneadApp/todayCarePlanLines(_:)``).
    var keptTodayLines: (inputs: TodayCarePlanInputs, lines: [(String, StyleRole)])?

    func clear() {
        entries.removeAll()
        generation &+= 1
    }

    func value(_ key: String, _ load: () -> ClientCarePlan?) -> ClientCarePlan? {
        if let cached = entries[key] { return cached }
        if entries.count > 256 { clear() }
        let loaded = load()
        entries[key] = loaded
        return loaded
    }
}

/// What Today's care plan lines are worked out from: the day's sessions, the day, and the cache's
/// generation (the plans read).
struct TodayCarePlanInputs: Equatable {
    var rows: [SessionListing]
    var day: CalendarDate
    var generation: Int
}

extension KneadApp {
    /// The journal's referrals and plans, when it keeps them (the SQLite journal does).
    var carePlanRecords: CarePlanRecords? { journal as? CarePlanRecords }

    /// A client's care plan as of a day (visits after it not counted), or nil when the client
    /// has neither a referral nor a plan, or they cannot be read (the status line says so).
    /// `fingerprint` names what the caller shows that would change the answer (session phases).
    func carePlan(of client: ClientID, on day: CalendarDate, fingerprint: String = "") -> ClientCarePlan? {
        carePlans.value("\(client.rawValue)|\(day)|\(fingerprint)") { loadCarePlan(of: client, on: day, evenWithout: false) }
    }

    /// Reads a client's care plan now, without the cache; `evenWithout` reads the sessions
    /// also when there is no referral or plan (for a PSFS offered from earlier visits).
    func loadCarePlan(of client: ClientID, on day: CalendarDate, evenWithout: Bool) -> ClientCarePlan? {
        guard let store = carePlanRecords else { return nil }
        do {
            let referral = try store.referral(of: client)
            let plan = try store.plan(of: client)
            guard referral != nil || plan != nil || evenWithout else { return nil }
            let ids: [SessionID]
            if let records {
                ids = try records.visits(of: client).map(\.id)
            } else {
                ids = try journal.sessions(startedFrom: .distantPast, to: .distantFuture).filter { $0.client.id == client }.map(\.id)
            }
            let sessions = try ids.map { SessionState(id: $0, replaying: try journal.events(of: $0)) }
                .filter { $0.startedAt != nil }
                .sorted { ($0.startedAt ?? .distantPast, $0.id.rawValue) < ($1.startedAt ?? .distantPast, $1.id.rawValue) }
            let zone = settings.timeZone
            let visits = CareVisit.visits(in: sessions, zone: zone).filter { $0.day <= day }
            return ClientCarePlan(client: client, referral: referral, plan: plan, sessions: sessions,
                                  status: CarePlanStatus(referral: referral, plan: plan, visits: visits, today: day))
        } catch {
            status = StatusMessage(text: "Could not read this client's referral and plan of care: \(error)", kind: .warning)
            return nil
        }
    }

    /// Today's date by the app's clock, in the practice's time zone.
    var carePlanToday: CalendarDate { CalendarDate(clock.now(), in: settings.timeZone) }
}
