import Postgres

/// A mission or function of the référentiel métier, with the competences it lists.
public struct ReferentialArea: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case mission, transversal, specific

        public var label: String {
            switch self {
            case .mission: "mission"
            case .transversal: "fonction transversale"
            case .specific: "fonction spécifique"
            }
        }
    }

    public struct Competence: Sendable, Hashable, Codable {
        public let code: String
        public let title: String
    }

    public let code: String
    public let kind: Kind
    public let title: String
    public let competences: [Competence]
}

extension Catalogue {
    /// The référentiel, in its own order.
    public func referential() throws -> [ReferentialArea] {
        try connection.execute(
            """
            SELECT a.code, a.kind, a.title,
                   coalesce(array_agg(c.code ORDER BY c.position) FILTER (WHERE c.id IS NOT NULL), '{}') AS codes,
                   coalesce(array_agg(c.title ORDER BY c.position) FILTER (WHERE c.id IS NOT NULL), '{}') AS titles
            FROM referential_area a LEFT JOIN competence c ON c.area_id = a.id
            GROUP BY a.id ORDER BY a.position
            """
        ).map { row in
            let (code, kind, title, codes, titles) = try row.decode(
                (String, ReferentialArea.Kind, String, [String], [String]).self)
            return ReferentialArea(
                code: code, kind: kind, title: title,
                competences: zip(codes, titles).map { .init(code: $0, title: $1) })
        }
    }
}
