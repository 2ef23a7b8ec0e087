import Documents
import Foundation
import Postgres

/// The pack's folders, each file with the indicators it serves and the rows it came from: the
/// programme, the messages sent, the positioning, the signed attendance, the learning evaluation
/// and attestations, the certificates, the funding, the satisfaction, the trainers, the
/// complaints and improvements.
struct PackFolders {
    let context: PackContext
    var store: Store { context.store }
    var connection: Connection { context.connection }
    var session: Session { context.session }

    func files() throws -> [PackFile] {
        let evidence = try evidenceSources()
        return try [programme()] + PackMessages(context: context).files()
            + [positioning(), attendance(evidence), verification(evidence)] + evaluation() + certificates()
            + funding() + satisfaction() + [trainers()] + PackIncidents(context: context).files()
    }

    /// The programme as the session keeps it (indicators 1, 5 and 6).
    func programme() throws -> PackFile {
        let programme = context.programme
        return PackFile(
            path: "01-programme/programme-\(programme.module)-v\(programme.version).pdf",
            bytes: try ProgrammeDocument(
                programme: programme, organisation: context.organisation, timeZone: context.zone
            )
            .render(),
            indicators: [1, 5, 6], sources: ["module_programme:\(context.programmeId)"])
    }

    /// Where each participant stood on each objective before the session (indicator 8), and
    /// whether they asked for an adaptation (26).
    func positioning() throws -> PackFile {
        PackFile(
            path: "03-positionnement/positionnement.pdf",
            bytes: try ObjectivesDocument(context: context, stage: .positioning).render(),
            indicators: [8, 26], sources: try responseSources(.convocation))
    }

    /// The feuille d'émargement with its audit trail (indicator 12); without personal data, each
    /// signature says when it was made instead of showing its image, and addresses are left out.
    func attendance(_ evidence: [String]) throws -> PackFile {
        PackFile(
            path: "04-emargement/feuille-emargement.pdf",
            bytes: try Attendances(store).sheetDocument(
                session: session.code, blank: false, at: context.asOf, personalData: context.options.personalData),
            indicators: [12], sources: evidence)
    }

    /// What `attendance verify` answers: the chain of evidence recomputed.
    func verification(_ evidence: [String]) throws -> PackFile {
        let verification = context.verification
        let answer =
            verification.firstBroken.map {
                "La chaîne de preuves de \(session.code) est rompue à l’enregistrement \($0) sur \(verification.records) : il ne correspond plus à son empreinte, ou celui d’avant a été modifié ou supprimé."
            }
            ?? "La chaîne de preuves de \(session.code) est intacte : \(verification.records) enregistrement\(verification.records == 1 ? "" : "s")\(verification.lastHash.map { ", dernière empreinte \($0)" } ?? "")."
        return PackFile(
            path: "04-emargement/verification.txt",
            bytes: Array((French.typography(answer) + "\n").utf8), indicators: [12], sources: evidence)
    }

    /// Before, at the end and as the trainer evaluated, side by side (indicator 11), and each
    /// participant's attestation de fin de formation, dated as issued with their certificate.
    func evaluation() throws -> [PackFile] {
        var files = [
            PackFile(
                path: "05-evaluation/evaluation-des-acquis.pdf",
                bytes: try ObjectivesDocument(context: context, stage: .evaluation).render(),
                indicators: [11],
                sources: try responseSources(.lastHalfDay) + evaluationSources())
        ]
        let certificates = Certificates(store)
        for member in context.roll {
            guard
                let attestation = try certificates.attestation(
                    registration: member.registration, at: member.certificateIssuedAt ?? context.asOf,
                    progress: context.progress)
            else { continue }
            files.append(
                PackFile(
                    path: "05-evaluation/attestations/\(attestation.fileName)", bytes: attestation.pdf,
                    indicators: [11], sources: ["registration:\(member.registration)"]))
        }
        return files
    }

    /// Each certificate in force, as it was issued and stored: what the funder is sent.
    func certificates() throws -> [PackFile] {
        let inForce = try connection.execute(
            """
            SELECT DISTINCT ON (r.id) c.id, c.registration_id, c.version, c.withdrawn
            FROM certificate c JOIN registration r ON r.id = c.registration_id
            WHERE r.session_id = \(context.sessionId) AND r.status = 'confirmed'
            ORDER BY r.id, c.version DESC
            """
        ).filter { try !$0.decode(Bool.self, "withdrawn") }
        let stored = try inForce.map { row in
            (
                id: try row.decode(Int.self, "id"),
                certificate: try Certificates(store).stored(
                    registration: try row.decode(Int.self, "registration_id"),
                    version: try row.decode(Int.self, "version"), on: connection)
            )
        }
        let names = Certificate.fileNames(stored.map(\.certificate))
        return zip(stored, names).map { item, name in
            PackFile(
                path: "06-certificats/\(name)", bytes: item.certificate.pdf, indicators: [],
                sources: ["certificate:\(item.id)"])
        }
    }

    /// The responses to the participants' questionnaire sent at `moment`.
    private func responseSources(_ moment: Questionnaire.Moment) throws -> [String] {
        guard let questionnaire = try Questionnaires(store).sent(moment, to: .participant) else { return [] }
        return try connection.execute(
            """
            SELECT id FROM response WHERE session_id = \(context.sessionId) AND questionnaire = \(questionnaire.rawValue)
            ORDER BY id
            """
        ).map { "response:\(try $0.decode(Int.self, at: 0))" }
    }

    private func evaluationSources() throws -> [String] {
        try connection.execute(
            """
            SELECT oe.registration_id, oe.position FROM objective_evaluation oe
            JOIN registration r ON r.id = oe.registration_id
            WHERE r.session_id = \(context.sessionId) ORDER BY oe.registration_id, oe.position
            """
        ).map { "objective_evaluation:\(try $0.decode(Int.self, at: 0))/\(try $0.decode(Int.self, at: 1))" }
    }

    private func evidenceSources() throws -> [String] {
        let range = try connection.execute(
            """
            SELECT min(position)::bigint, max(position)::bigint FROM attendance_evidence
            WHERE session_id = \(context.sessionId)
            """)[0]
        guard let first = try range.decode(Int?.self, at: 0), let last = try range.decode(Int?.self, at: 1) else {
            return ["session:\(context.sessionId)"]
        }
        return ["session:\(context.sessionId)", "attendance_evidence:\(context.sessionId)/\(first)-\(last)"]
    }
}
