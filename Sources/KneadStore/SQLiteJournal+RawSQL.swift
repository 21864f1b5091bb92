import GRDB

extension SQLiteJournal {
    /// Runs SQL directly, past the journal's own checks, so tests can prove the database guards itself.
    ///
    /// Internal: reachable only from `@testable import KneadStore`. Errors come back as ``StoreError``.
    func executeRawSQL(_ sql: String, arguments: [String] = []) throws {
        do {
            try dbPool.write { db in try db.execute(sql: sql, arguments: StatementArguments(arguments)) }
        } catch {
            throw StoreError(error, path: databasePath)
        }
    }

    /// Runs SQL outside any transaction (`VACUUM`); for tests.
    func executeRawSQLOutsideTransaction(_ sql: String) throws {
        do {
            try dbPool.writeWithoutTransaction { db in try db.execute(sql: sql) }
        } catch {
            throw StoreError(error, path: databasePath)
        }
    }

    /// The first column of every row a query returns, as text; for tests.
    func fetchRawStrings(_ sql: String, arguments: [String] = []) throws -> [String] {
        do {
            return try dbPool.read { db in
                try String.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
            }
        } catch {
            throw StoreError(error, path: databasePath)
        }
    }
}
