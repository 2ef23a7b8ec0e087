import Foundation
import Postgres

/// The figures of the bilan pédagogique et financier (cerfa 10443) that Atelier's data covers,
/// for one calendar year in the store's time zone (DOMAIN.md, "BPF"):
/// - F-1, trainees and hours-trainee by type, from **attended** time only: a registration counts
///   once per session when its participant was present at a slot of the year;
/// - E, trainers and the hours they gave, internal and external, from the slots of the year;
/// - C, revenue by source: once the year has an issued invoice, the invoices issued in it net of
///   the credit notes issued in it, by their buyer (a funder by its kind, a structure as an
///   employer, a person as an individual); before, what `Funding` claims for the sessions that
///   ended in the year, by the kind of funder.
public struct BPFReport: Sendable, Codable, Hashable {
    public struct TraineeLine: Sendable, Codable, Hashable {
        public var line: String
        public var label: String
        public var trainees: Int
        public var attendedMinutes: Int
    }

    public struct TrainerLine: Sendable, Codable, Hashable {
        public var line: String
        public var label: String
        public var trainers: Int
        public var minutes: Int
    }

    public struct RevenueLine: Sendable, Codable, Hashable {
        public var line: String
        public var label: String
        public var amount: Money

        enum CodingKeys: String, CodingKey {
            case line, label
            case amount = "amountCents"
        }
    }

    /// Where section C's figures come from.
    public enum RevenueBasis: String, Sendable, Codable, Hashable {
        case invoices, claims
    }

    public var year: Int
    public var trainees: [TraineeLine]
    public var trainers: [TrainerLine]
    public var revenue: [RevenueLine]
    public var revenueBasis: RevenueBasis
}

extension BPFReport {
    /// F-1's types: (d) when an individual pays (a funder of kind `particulier`), else by status.
    static let traineeLines: [(line: String, label: String)] = [
        ("F-1-a", "Salariés d’employeurs privés (associations comprises)"),
        ("F-1-c", "Personnes en recherche d’emploi"),
        ("F-1-d", "Particuliers à leurs propres frais"),
        ("F-1-e", "Autres stagiaires (bénévoles)"),
    ]

    static let revenueLines: [(line: String, label: String, kind: Funder.Kind)] = [
        ("C-1", "Entreprises pour la formation de leurs salariés", .employeur),
        ("C-2h", "OPCO : plan de développement des compétences et autres dispositifs", .opco),
        ("C-5", "État", .etat),
        ("C-6", "Conseils régionaux", .region),
        ("C-9", "Personnes à titre individuel et à leurs frais", .particulier),
        ("C-11", "Autres produits de la formation", .autre),
    ]

    /// The year's figures.
    public static func compute(year: Int, store: Store) throws -> BPFReport {
        let (from, to) = try LocalDate.wholeYear(year)
        let connection = store.connection
        let (start, end) = (from.start(in: store.timeZone), to.next.start(in: store.timeZone))
        var byType: [String: (Int, Int)] = [:]
        for row in try connection.execute(
            """
            SELECT CASE WHEN fu.kind = 'particulier' THEN 'F-1-d' WHEN p.status = 'salarie' THEN 'F-1-a'
                        WHEN p.status = 'demandeur_emploi' THEN 'F-1-c' ELSE 'F-1-e' END AS line,
                   count(*) AS trainees, sum(att.minutes)::bigint AS minutes
            FROM registration r JOIN participant p ON p.id = r.participant_id
            LEFT JOIN funding_agreement f ON f.id = r.funding_agreement_id LEFT JOIN funder fu ON fu.id = f.funder_id
            JOIN LATERAL (SELECT sum(sl.minutes) AS minutes FROM attendance a JOIN slot sl ON sl.id = a.slot_id
                          WHERE a.registration_id = r.id AND a.status = 'present'
                            AND sl.starts_at >= \(start) AND sl.starts_at < \(end)) AS att ON att.minutes > 0
            GROUP BY 1
            """)
        {
            let (line, trainees, minutes) = try row.decode((String, Int, Int).self)
            byType[line] = (trainees, minutes)
        }
        var byOrigin: [Bool: (Int, Int)] = [:]
        for row in try connection.execute(
            """
            SELECT t.internal, count(DISTINCT t.id) AS trainers, sum(sl.minutes)::bigint AS minutes
            FROM slot_trainer st JOIN trainer t ON t.id = st.trainer_id JOIN slot sl ON sl.id = st.slot_id
            JOIN session s ON s.id = sl.session_id
            WHERE NOT sl.cancelled AND s.status IN ('scheduled', 'completed') AND sl.starts_at >= \(start) AND sl.starts_at < \(end)
            GROUP BY t.internal
            """)
        {
            let (isInternal, trainers, minutes) = try row.decode((Bool, Int, Int).self)
            byOrigin[isInternal] = (trainers, minutes)
        }
        var byKind = try invoicedRevenue(from: from, to: to, on: store.connection)
        let basis: RevenueBasis = byKind == nil ? .claims : .invoices
        if byKind == nil {
            var claimed: [Funder.Kind: Money] = [:]
            try Funding(store).claims(.ending(from: from, to: to, funder: nil)) { claim in
                claimed[claim.funderKind] = claim.lines.reduce(claimed[claim.funderKind, default: .zero]) {
                    $0 + $1.claimed
                }
            }
            byKind = claimed
        }
        return BPFReport(
            year: year,
            trainees: traineeLines.map {
                TraineeLine(
                    line: $0.line, label: $0.label, trainees: byType[$0.line]?.0 ?? 0,
                    attendedMinutes: byType[$0.line]?.1 ?? 0)
            },
            trainers: [
                (true, "E-1", "Formateurs internes (salariés de l’organisme)"),
                (false, "E-2", "Formateurs externes (prestataires, indépendants)"),
            ].map {
                TrainerLine(line: $0.1, label: $0.2, trainers: byOrigin[$0.0]?.0 ?? 0, minutes: byOrigin[$0.0]?.1 ?? 0)
            },
            revenue: revenueLines.map {
                RevenueLine(line: $0.line, label: $0.label, amount: byKind?[$0.kind] ?? .zero)
            },
            revenueBasis: basis)
    }

    /// The invoices issued between the two days net of the credit notes issued between them, by
    /// the kind of their buyer; `nil` when none was issued.
    private static func invoicedRevenue(from: LocalDate, to: LocalDate, on connection: Connection) throws
        -> [Funder.Kind: Money]?
    {
        let rows = try connection.execute(
            """
            SELECT CASE i.buyer_kind WHEN 'funder' THEN fu.kind WHEN 'structure' THEN 'employeur' ELSE 'particulier' END,
                   sum(CASE i.kind WHEN 'invoice' THEN i.total_cents ELSE -i.total_cents END)::bigint
            FROM invoice i LEFT JOIN funder fu ON fu.id = i.funder_id
            WHERE i.number IS NOT NULL AND i.issued_on BETWEEN \(from) AND \(to)
            GROUP BY 1
            """)
        guard !rows.isEmpty else { return nil }
        return Dictionary(
            uniqueKeysWithValues: try rows.map { row in
                let (kind, cents) = try row.decode((Funder.Kind, Int).self)
                return (kind, Money(cents: cents))
            })
    }
}
