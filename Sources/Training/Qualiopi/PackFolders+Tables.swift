import Documents
import Foundation
import Postgres

extension PackFolders {
    /// Each agreement of the session and the funder's export rows for it, as the accountant
    /// sends them: what a doubting OPCO compares with the certificates.
    func funding() throws -> [PackFile] {
        guard !context.claims.isEmpty else { return [] }
        var rows: [[Cell]] = []
        for claim in context.claims {
            let funder = try Catalogue(store).funder(claim.agreement.funder)
            rows += claim.lines.map { line in
                [.text(funder.name), .text(claim.agreement.reference)]
                    + FundingExport.row(claim: claim, line: line, in: context.zone)
            }
        }
        let columns = [Column("Financeur", width: 24), Column("Accord", width: 8)] + FundingExport.columns
        return [
            PackFile(
                path: "07-financement/demandes-de-financement.csv",
                bytes: CSVWriter.bytes(columns: columns, rows: rows),
                indicators: [],
                sources: context.claims.map { "funding_agreement:\(session.code)/\($0.agreement.reference)" })
        ]
    }

    /// The bilan of each questionnaire of opinion the session's people were asked (indicator
    /// 30), a table of response rates, and the relances sent.
    func satisfaction() throws -> [PackFile] {
        let questionnaires = try connection.execute(
            """
            SELECT code FROM questionnaire WHERE sent IN ('completion', 'three-months-after')
            ORDER BY sent, respondent DESC, code
            """
        ).map { QuestionnaireCode(rawValue: try $0.decode(String.self, at: 0)) }
        let assessments = Assessments(store)
        var files: [PackFile] = []
        var rates: [[Cell]] = []
        for questionnaire in questionnaires {
            let summary = try assessments.summary(session: session.code, kind: questionnaire)
            guard summary.asked > 0 || summary.responses > 0 else { continue }
            rates.append([
                .text(summary.title), .number(summary.asked, places: 0), .number(summary.responses, places: 0),
                summary.responseRatePercent.map { .number($0, places: 0) } ?? .empty,
                summary.satisfactionPercent.map { .number($0, places: 0) } ?? .empty,
            ])
            files.append(
                PackFile(
                    path: "08-satisfaction/bilan-\(questionnaire.rawValue).pdf",
                    bytes: try assessments.reportDocument(session: session.code, kind: questionnaire, at: context.asOf),
                    indicators: [30],
                    sources: ["questionnaire:\(questionnaire.rawValue)", "session:\(context.sessionId)"]
                ))
        }
        files.append(
            PackFile(
                path: "08-satisfaction/taux-de-reponse.csv",
                bytes: CSVWriter.bytes(
                    columns: [
                        Column("Questionnaire", width: 40), Column("Interrogés", width: 10),
                        Column("Réponses", width: 10), Column("Taux de réponse (%)", width: 10),
                        Column("Satisfaction (%)", width: 10),
                    ], rows: rates),
                indicators: [30], sources: ["session:\(context.sessionId)"]))
        let relances = try connection.execute(
            """
            SELECT d.id, d.sent_at, p.first_name, p.last_name, coalesce(d.subject, '') AS subject
            FROM delivery d JOIN registration r ON r.id = d.registration_id JOIN participant p ON p.id = r.participant_id
            WHERE r.session_id = \(context.sessionId) AND d.kind = 'questionnaire-reminder' AND d.state = 'accepted'
            ORDER BY d.sent_at, d.id
            """)
        files.append(
            PackFile(
                path: "08-satisfaction/relances.csv",
                bytes: CSVWriter.bytes(
                    columns: [
                        Column("Envoyée le", width: 12), Column("Heure", width: 8), Column("Participant", width: 30),
                        Column("Objet", width: 60),
                    ],
                    rows: try relances.map { row in
                        let sent = try row.decode(Date.self, "sent_at")
                        return [
                            .text(French.day(LocalDate(sent, in: context.zone))),
                            .text(French.time(sent, in: context.zone)),
                            .text(
                                "\(try row.decode(String.self, "first_name")) \(try row.decode(String.self, "last_name"))"
                            ),
                            .text(try row.decode(String.self, "subject")),
                        ]
                    }),
                indicators: [30],
                sources: ["session:\(context.sessionId)"]
                    + (try relances.map { "delivery:\(try $0.decode(Int.self, "id"))" })))
        return files
    }

    /// Who gave the session's half-days, and whether they are the organisation's own or not.
    func trainers() throws -> PackFile {
        let rows = try connection.execute(
            """
            SELECT t.id, t.code, t.name, t.kind, t.internal, count(*) AS half_days, sum(sl.minutes)::bigint AS minutes
            FROM slot sl JOIN slot_trainer st ON st.slot_id = sl.id JOIN trainer t ON t.id = st.trainer_id
            WHERE sl.session_id = \(context.sessionId) AND NOT sl.cancelled
            GROUP BY t.id ORDER BY t.name, t.code
            """)
        return PackFile(
            path: "09-formateurs/formateurs.csv",
            bytes: CSVWriter.bytes(
                columns: [
                    Column("Code", width: 12), Column("Nom", width: 30), Column("Type", width: 14),
                    Column("Interne ou externe", width: 12), Column("Demi-journées", width: 10),
                    Column("Heures", width: 10),
                ],
                rows: try rows.map { row in
                    [
                        .text(try row.decode(String.self, "code")), .text(try row.decode(String.self, "name")),
                        .text(try row.decode(String.self, "kind") == "organisation" ? "organisme" : "personne"),
                        .text(try row.decode(Bool.self, "internal") ? "interne" : "externe"),
                        .number(try row.decode(Int.self, "half_days"), places: 0),
                        .number(FundingExport.hundredthsOfHours(try row.decode(Int.self, "minutes")), places: 2),
                    ]
                }),
            indicators: [17], sources: try rows.map { "trainer:\(try $0.decode(Int.self, "id"))" })
    }
}
