import Postgres

/// The catalogue: modules and the référentiel they draw on, trainers, venues and funders.
public struct Catalogue {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }
}

extension Catalogue {
    /// Refuses a code that a row of the noun's table already has; the unique constraint backs it.
    func ensureFree(_ code: String, of noun: String, on connection: Connection) throws {
        guard try connection.execute("SELECT 1 FROM \(unescaped: noun) WHERE code = \(code)").isEmpty else {
            throw TrainingError.refused("A \(noun) already has the code \(code).")
        }
    }

    /// The one row a code lookup found, or the sentence saying that none did.
    func only<T>(_ rows: [T], noun: String, code: String) throws -> T {
        guard let row = rows.first else {
            throw TrainingError.notFound("No \(noun) has the code \(code.typedCode).")
        }
        return row
    }
}
