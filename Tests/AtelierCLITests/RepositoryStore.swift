import Foundation
import Postgres
import TestSupport
import Training

@testable import App

extension Store {
    /// The domain as the binary under test sees it: the repository's own `Jobs/` catalogue, Paris time.
    static func repository(_ connection: Connection) throws -> Store {
        Store(connection, jobs: try JobCatalogueFiles.loadRepository(), timeZone: TimeZone(identifier: "Europe/Paris")!)
    }
}

extension JobCatalogueFiles {
    static func loadRepository() throws -> JobCatalogue {
        try load(AtelierProcess.packageRoot.appendingPathComponent("Jobs"), kinds: JobRegistry.kinds)
    }
}
