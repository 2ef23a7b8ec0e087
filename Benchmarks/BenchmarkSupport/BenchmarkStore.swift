import Foundation
import Postgres
import Training

/// What the benchmarks that seed through the domain share: a store on a database, and the
/// seeds' organisation.
public enum BenchmarkStore {
    public static let zone = TimeZone(identifier: "Europe/Paris") ?? .gmt

    /// A store on `url` whose catalogue queues every kind of job on `default`.
    public static func open(_ url: String) throws -> Store {
        Store(
            try Connection(try ConnectionConfiguration(url)),
            jobs: try JobCatalogue(
                Dictionary(
                    uniqueKeysWithValues: JobKind.allCases.map {
                        ($0.rawValue, JobCatalogue.Policy(queue: "default", priority: 5, maxAttempts: 5))
                    }), kinds: JobKind.allCases), timeZone: zone)
    }

    /// The organisation of the seeds: the Maison des associations de Caen.
    public static func describeCaen(_ organisation: inout Organisation) {
        organisation.name = "Maison des associations de Caen"
        organisation.siret = "77935012000019"
        organisation.activityNumber = "28140123414"
        organisation.street = "8 rue Daniel Huet"
        organisation.postalCode = "14000"
        organisation.city = "Caen"
        organisation.email = "formation@mda-caen.example"
        organisation.signatoryName = "Claire Martin"
        organisation.signatoryRole = "Directrice"
    }
}
