import Documents
import Foundation

/// The complaints, incidents and difficulties about the session and what was answered
/// (indicator 31), and the improvements decided from them or from the session (32).
struct PackIncidents {
    let context: PackContext

    func files() throws -> [PackFile] {
        let zone = context.zone
        let when = { (date: Date?) -> Cell in
            date.map { .text("\(French.day(LocalDate($0, in: zone))) à \(French.time($0, in: zone))") } ?? .empty
        }
        let incidents = try Incidents(context.store).list(session: context.session.code).sorted { $0.id < $1.id }
        // An improvement names its origin as `--from` does: the session, or one of its incidents.
        let origins = Set(
            [Improvement.Origin.session(context.session.code).text]
                + incidents.map { Improvement.Origin.incident($0.id).text })
        let decided = try Improvements(context.store).list().filter { $0.from.map(origins.contains) ?? false }
        return [
            PackFile(
                path: "10-reclamations/reclamations-et-incidents.csv",
                bytes: CSVWriter.bytes(
                    columns: [
                        Column("N°", width: 6), Column("Nature", width: 14), Column("De", width: 30),
                        Column("Reçue le", width: 22), Column("Texte", width: 60), Column("Réponse", width: 60),
                        Column("Répondue le", width: 22),
                    ],
                    rows: incidents.map { incident in
                        [
                            .number(incident.id, places: 0), .text(incident.kind.label), .text(incident.from),
                            when(incident.reportedAt), .text(incident.text), .text(incident.answer ?? ""),
                            when(incident.answeredAt),
                        ]
                    }),
                indicators: [31], sources: ["session:\(context.sessionId)"] + incidents.map { "incident:\($0.id)" }),
            PackFile(
                path: "10-reclamations/ameliorations.csv",
                bytes: CSVWriter.bytes(
                    columns: [
                        Column("N°", width: 6), Column("Origine", width: 20), Column("Décidée le", width: 22),
                        Column("Échéance", width: 14), Column("Amélioration", width: 60), Column("Réalisé", width: 60),
                        Column("Réalisée le", width: 22),
                    ],
                    rows: decided.map { improvement in
                        [
                            .number(improvement.id, places: 0), .text(improvement.from ?? ""),
                            when(improvement.createdAt), improvement.dueOn.map { .text(French.day($0)) } ?? .empty,
                            .text(improvement.text), .text(improvement.outcome ?? ""), when(improvement.doneAt),
                        ]
                    }),
                indicators: [32], sources: ["session:\(context.sessionId)"] + decided.map { "improvement:\($0.id)" }),
        ]
    }
}
