import Foundation
import Postgres

/// What every part of the domain works with: one database connection, the job catalogue that
/// says how the jobs its changes imply are queued, and the time zone coordinators type dates in.
public struct Store {
    public let connection: Connection
    public let jobs: JobCatalogue
    public let timeZone: TimeZone

    public init(_ connection: Connection, jobs: JobCatalogue, timeZone: TimeZone) {
        self.connection = connection
        self.jobs = jobs
        self.timeZone = timeZone
    }
}
