import Foundation
import Postgres

extension Connection {
    /// How many times a write runs before a conflict with another change is said to the caller.
    static let writeAttempts = 4

    /// Runs `body` in one transaction, and turns the violation of a known constraint into the
    /// domain's sentence. Every write of `Training` goes through here: all or nothing.
    ///
    /// A deadlock or a serialization failure (another change to the same rows at the same time,
    /// which PostgreSQL resolved by rolling this one back) is not the request's fault: the whole
    /// transaction runs again after a short random pause, and after `writeAttempts` becomes
    /// `TrainingError.tryAgain`. Inside another write, it goes up to the outermost one, which
    /// alone can run the whole transaction again.
    func write<T>(_ body: (Connection) throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try transaction(body)
            } catch let error as PostgresError where error.isTransactionConflict && !isInTransaction {
                guard attempt < Self.writeAttempts else {
                    throw TrainingError.tryAgain(
                        "Another change to the same records ran at the same time, \(attempt) times in a row, and nothing was changed: try again in a moment."
                    )
                }
                Thread.sleep(forTimeInterval: Double.random(in: 0.01...0.05) * Double(attempt))
                attempt += 1
            } catch let error as PostgresError {
                throw ConstraintViolation.translate(error) ?? error
            }
        }
    }
}
