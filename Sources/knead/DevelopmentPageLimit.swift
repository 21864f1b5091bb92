/// A full disk for end-to-end tests, off unless `KNEAD_DEV_PAGE_LIMIT` is set.
///
/// `KNEAD_DEV_PAGE_LIMIT=N` caps the database at N pages beyond its size at start (SQLite's
/// `max_page_count`), so that saving soon fails as on a full disk and the app's handling of
/// it can be tried without filling a real disk. For tests only; never set it in practice.
enum DevelopmentPageLimit {
    /// The number of spare pages asked for; nil when unset; an error sentence when malformed.
    static func from(_ environment: [String: String]) -> Result<Int, DevelopmentClockError>? {
        guard let text = environment["KNEAD_DEV_PAGE_LIMIT"] else { return nil }
        guard let pages = Int(text), pages >= 0 else {
            return .failure(DevelopmentClockError("KNEAD_DEV_PAGE_LIMIT must be a whole number of pages; unset it to use the whole disk."))
        }
        return .success(pages)
    }
}

extension Launcher {
    /// The spare pages `KNEAD_DEV_PAGE_LIMIT` asks for, nil when unset; throws its error sentence.
    static func sparePages(_ environment: [String: String]) throws -> Int? {
        switch DevelopmentPageLimit.from(environment) {
        case .failure(let error)?: throw error
        case .success(let pages)?: return pages
        case nil: return nil
        }
    }
}
