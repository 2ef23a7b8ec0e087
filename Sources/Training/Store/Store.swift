import Foundation
import Postgres

/// What every part of the domain works with: one database connection, the job catalogue that
/// says how the jobs its changes imply are queued, and the time zone coordinators type dates in.
public struct Store {
    public let connection: Connection
    public let timeZone: TimeZone
    private let catalogue: Catalogue

    public init(_ connection: Connection, jobs: JobCatalogue, timeZone: TimeZone) {
        self.init(connection, timeZone: timeZone) { jobs }
    }

    /// `jobs` reads the catalogue when a change first queues a job: a command that only reads
    /// never pays for reading and decoding `Jobs/`.
    public init(_ connection: Connection, timeZone: TimeZone, jobs: @escaping () throws -> JobCatalogue) {
        self.connection = connection
        self.timeZone = timeZone
        catalogue = Catalogue(jobs)
    }

    public var jobs: JobCatalogue {
        get throws { try catalogue.value() }
    }

    /// The catalogue, read once.
    private final class Catalogue {
        private var read: JobCatalogue?
        private let load: () throws -> JobCatalogue

        init(_ load: @escaping () throws -> JobCatalogue) { self.load = load }

        func value() throws -> JobCatalogue {
            if let read { return read }
            let loaded = try load()
            read = loaded
            return loaded
        }
    }
}
