import Foundation
import Logging
import Postgres

/// One thread's connection, opened on first use and opened again after the database went away
/// (a restart, a dropped connection), with a growing pause between tries and one log line per
/// outage rather than one per try.
struct DatabaseLink<Context: LaneContext> {
    let worker: Worker<Context>
    let role: String
    private var connection: Connection?
    private var outageStarted: ContinuousClock.Instant?
    private var pause: Duration = .milliseconds(100)

    init(worker: Worker<Context>, role: String) {
        self.worker = worker
        self.role = role
    }

    /// Runs `body` with the connection. A lost connection is closed, reported once, and retried
    /// after a pause; `onReconnect` runs when a new one is opened after an outage. Any other
    /// error is logged and the loop goes on; `false` says that one came.
    @discardableResult
    mutating func use(_ body: (Connection) throws -> Void, onReconnect: (Connection) throws -> Void = { _ in }) -> Bool
    {
        do {
            let connection = try self.connection ?? Connection(worker.options.database)
            if self.connection == nil {
                // A lane runs the same few statements for every job: each planned once per
                // session rather than at every execution.
                connection.preparesStatements = true
                self.connection = connection
                if let started = outageStarted {
                    worker.logger.notice(
                        "database reachable again",
                        metadata: ["thread": "\(role)", "after": "\(ContinuousClock.now - started)"])
                    outageStarted = nil
                    pause = .milliseconds(100)
                    try onReconnect(connection)
                }
            }
            try body(connection)
            return true
        } catch let error as PostgresError where error.isConnectionProblem {
            connection = nil
            if outageStarted == nil {
                outageStarted = .now
                worker.logger.error(
                    "database unreachable: retrying", metadata: ["thread": "\(role)", "error": "\(error)"])
            }
            worker.sleep(pause)
            pause = min(pause * 2, .seconds(5))
            return true
        } catch {
            worker.logger.error(
                "unexpected error", metadata: ["thread": "\(role)", "error": "\(String(reflecting: error))"])
            worker.sleep(.seconds(1))
            return false
        }
    }
}
