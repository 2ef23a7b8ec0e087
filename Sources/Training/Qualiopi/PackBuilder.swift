import Documents
import Foundation
import Postgres

/// Reads one session's evidence and draws its pack: the folders, then the checks, the gaps, the
/// manifest over every file, and the sommaire that carries the manifest's SHA-256.
struct PackBuilder {
    let store: Store
    let code: String
    let options: PackOptions

    func build() throws -> QualiopiPack {
        let context = try PackContext(store: store, code: code, options: options)
        var files = try PackFolders(context: context).files()
        let checks = try PackChecks(context: context).all()
        files.append(
            PackFile(
                path: PackFile.checksPath, bytes: try PackChecksDocument(context: context, checks: checks).render(),
                indicators: [], sources: ["session:\(context.sessionId)"]))
        let gaps = try PackGaps(context: context).all()
        let manifest = try PackManifest.encode(context: context, files: files)
        let summary = try PackSummaryDocument(
            context: context, files: files, gaps: gaps, checks: checks, manifestSHA256: PackFile.sha256(manifest)
        ).render()
        return QualiopiPack(
            session: context.session.code, files: files, gaps: gaps, checks: checks, manifest: manifest,
            summary: summary, asOf: context.asOf)
    }
}

/// What every part of a pack reads first: the session, its organisation, the moment the pack is
/// drawn as of, and its confirmed participants with the hours each record gives them.
struct PackContext {
    let store: Store
    let options: PackOptions
    let session: Session
    let sessionId: Int
    let programme: Programme
    let programmeId: Int
    let organisation: Organisation?
    /// The last second of the pack's day: « now » for its checks, the date of its documents.
    let asOf: Date
    let roll: [Member]
    /// Each funding agreement of the session with its claim, a line per registration it covers.
    let claims: [AgreementClaim]
    /// Each participant on each objective: before, at the end, as evaluated.
    let progress: ObjectiveProgress
    /// The attendance evidence's chain, recomputed.
    let verification: AttendanceEvidence.Verification

    var connection: Connection { store.connection }
    var zone: TimeZone { store.timeZone }

    /// A confirmed participant and the minutes each record gives them.
    struct Member {
        let registration: Int
        /// `Chloé CARON`.
        let name: String
        let email: String
        /// Half-days marked present.
        let attendedMinutes: Int
        /// Half-days they signed.
        let signedMinutes: Int
        /// Their certificate in force's, if one is.
        let certifiedMinutes: Int?
        let certificateIssuedAt: Date?
        /// Whether a convocation (or the promotion notice that stands for one) was accepted.
        let convoked: Bool
    }

    init(store: Store, code: String, options: PackOptions) throws {
        self.store = store
        self.options = options
        let row = try SessionRow(code, on: store.connection, locking: false)
        sessionId = row.id
        session = try Sessions(store).session(row.code)
        programme = try Catalogue(store).programme(ofSession: row.code)
        programmeId = try store.connection.execute("SELECT programme_id FROM session WHERE id = \(row.id)")[0].decode(
            Int.self, at: 0)
        organisation = try OrganisationRecord(store).current()
        asOf = options.day.next.start(in: store.timeZone) - 1
        var claims: [AgreementClaim] = []
        for agreement in try Funding(store).agreements(ofSession: row.code) {
            try Funding(store).claims(.agreement(session: row.code, reference: agreement.reference)) {
                claims.append($0)
            }
        }
        self.claims = claims
        progress = try Assessments(store).progress(session: row.code)
        verification = try AttendanceEvidence(store).verify(session: row.code)
        roll = try store.connection.execute(
            """
            SELECT r.id, p.first_name, p.last_name, p.email,
                   coalesce((SELECT sum(sl.minutes) FROM attendance a JOIN slot sl ON sl.id = a.slot_id
                             WHERE a.registration_id = r.id AND a.status = 'present'), 0)::bigint AS attended,
                   coalesce((SELECT sum(sl.minutes) FROM slot sl WHERE sl.session_id = r.session_id AND EXISTS (
                                 SELECT 1 FROM attendance_evidence e WHERE e.slot_id = sl.id
                                 AND e.registration_id = r.id AND e.action = 'signature')), 0)::bigint AS signed,
                   c.attended_minutes AS certified, c.issued_at AS certified_at,
                   EXISTS (SELECT 1 FROM delivery d WHERE d.registration_id = r.id AND d.state = 'accepted'
                           AND d.kind IN ('convocation', 'promotion-notice')) AS convoked
            FROM registration r JOIN participant p ON p.id = r.participant_id
            LEFT JOIN LATERAL (SELECT attended_minutes, issued_at, withdrawn FROM certificate
                               WHERE registration_id = r.id ORDER BY version DESC LIMIT 1) c ON NOT c.withdrawn
            WHERE r.session_id = \(row.id) AND r.status = 'confirmed'
            ORDER BY p.last_name, p.first_name, r.id
            """
        ).map { row in
            Member(
                registration: try row.decode(Int.self, "id"),
                name:
                    "\(try row.decode(String.self, "first_name")) \(try row.decode(String.self, "last_name").uppercased())",
                email: try row.decode(String.self, "email"), attendedMinutes: try row.decode(Int.self, "attended"),
                signedMinutes: try row.decode(Int.self, "signed"),
                certifiedMinutes: try row.decode(Int?.self, "certified"),
                certificateIssuedAt: try row.decode(Date?.self, "certified_at"),
                convoked: try row.decode(Bool.self, "convoked"))
        }
    }

    /// « PMAE-EMPLOI — Accompagner la fonction employeur (S-2026-001) ».
    var identity: String { "\(session.moduleTitle) (\(session.code))" }

    /// « du 4 avril 2026 au 19 avril 2026 », or « le … » for one day.
    var dates: String {
        guard let first = session.firstDay, let last = session.lastDay else { return "sans demi-journée" }
        return French.period(first, last, in: zone)
    }

    /// A PDF of the pack, dated as of its day, with its footer.
    func document(title: String, footer: String) -> PDFDocument {
        PDFDocument(title: title, created: PDFDocument.creationDate(asOf, in: zone)) { page, count in
            "\(footer) — page \(page) sur \(count)"
        }
    }
}
