import Postgres

/// Who pays for trainings: an OPCO, a Région, the State, an employer, the trainee, or another.
public struct Funder: Sendable, Hashable, Codable {
    /// The kinds the BPF's section C sorts revenue by.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case opco, region, etat, employeur, particulier, autre

        public var label: String {
            switch self {
            case .opco: "OPCO"
            case .region: "Région"
            case .etat: "État"
            case .employeur: "employeur"
            case .particulier: "particulier"
            case .autre: "autre"
            }
        }
    }

    public var code: String
    public var name: String
    public var kind: Kind

    public init(code: String, name: String, kind: Kind) {
        (self.code, self.name, self.kind) = (code, name, kind)
    }
}

extension Catalogue {
    public func addFunder(_ draft: Funder) throws -> Funder {
        var funder = draft
        funder.code = try Field.code(draft.code, of: "funder")
        funder.name = try Field.required(draft.name, "name", limit: 200)
        return try connection.write { connection in
            try ensureFree(funder.code, of: "funder", on: connection)
            try connection.execute(
                """
                INSERT INTO funder (code, name, kind) VALUES (\(funder.code), \(funder.name), \(funder.kind))
                """)
            try EventLog.append(
                CatalogueEvent(change: .funderAdded, code: funder.code), on: connection, jobs: store.jobs)
            return funder
        }
    }

    public func funder(_ code: String) throws -> Funder {
        try only(funders(code: code.typedCode), noun: "funder", code: code)
    }

    public func funders() throws -> [Funder] { try funders(code: nil) }

    private func funders(code: String?) throws -> [Funder] {
        try connection.execute(
            "SELECT code, name, kind FROM funder WHERE \(code) IS NULL OR code = \(code) ORDER BY code"
        ).map { row in
            let (code, name, kind) = try row.decode((String, String, Funder.Kind).self)
            return Funder(code: code, name: name, kind: kind)
        }
    }
}
