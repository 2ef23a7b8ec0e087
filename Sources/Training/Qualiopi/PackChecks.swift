import Foundation
import Postgres

/// The checks a court and an OPCO run on a session's evidence (DOMAIN.md « Attendance as
/// evidence »), each passed or failed with its rows, in French: the same title everywhere, the
/// same hours on the sheet, the certificate and the claim, no more participants than seats, no
/// signature outside its half-day nor one image twice, no half-day on a Sunday or a public
/// holiday, every ended half-day closed and signed by its trainer, the evidence chain intact.
struct PackChecks {
    let context: PackContext

    func all() throws -> [PackCheck] {
        let warnings = try Attendances(context.store).warnings(
            session: context.session.code, window: context.options.window, at: context.asOf)
        let french = { (kinds: [AttendanceWarning.Kind]) in warnings.filter { kinds.contains($0.kind) }.map(\.french) }
        let verification = context.verification
        return [
            PackCheck(
                title: "Le même intitulé sur le programme, les convocations, la feuille, les certificats et l’export",
                failures: try titles()),
            PackCheck(
                title: "Pour chaque participant, heures émargées = heures du certificat = heures demandées",
                failures: try hours()),
            PackCheck(
                title: "Pas plus de participants que de places",
                failures: seats() + french([.moreSignaturesThanSeats])),
            PackCheck(title: "Aucune signature hors de sa demi-journée", failures: french([.outsideHalfDay])),
            PackCheck(title: "Aucune image de signature utilisée deux fois", failures: french([.sameImage])),
            PackCheck(
                title: "Aucune demi-journée un dimanche ou un jour férié", failures: french([.sunday, .publicHoliday])),
            PackCheck(
                title: "Chaque demi-journée passée clôturée et signée par son formateur",
                failures: french([.neverClosed]) + (try unsignedByTrainers())),
            PackCheck(
                title: "La chaîne de preuves de l’émargement est intacte",
                failures: verification.firstBroken.map {
                    ["La chaîne est rompue à l’enregistrement \($0) sur \(verification.records)."]
                } ?? []),
        ]
    }

    /// The title the session keeps (its programme's) against what the convocations said and what
    /// the funders' claims print.
    private func titles() throws -> [String] {
        let title = context.session.moduleTitle
        var failures: [String] = []
        if context.programme.title != title {
            failures.append("Le programme s’intitule « \(context.programme.title) », la session « \(title) ».")
        }
        failures += try context.connection.execute(
            """
            SELECT p.first_name || ' ' || p.last_name AS participant, d.sent_at FROM delivery d
            JOIN registration r ON r.id = d.registration_id JOIN participant p ON p.id = r.participant_id
            WHERE r.session_id = \(context.sessionId) AND d.kind = 'convocation' AND d.state = 'accepted'
              AND d.body IS NOT NULL AND strpos(d.subject || ' ' || d.body, \(title)) = 0
            ORDER BY d.sent_at, d.id
            """
        ).map { row in
            let sent = try row.decode(Date.self, "sent_at")
            return
                "La convocation de \(try row.decode(String.self, "participant")) du \(French.day(LocalDate(sent, in: context.zone))) ne porte pas l’intitulé « \(title) »."
        }
        failures += context.claims.filter { $0.moduleTitle != title }.map { claim in
            "L’export de l’accord \(claim.agreement.reference) (\(claim.agreement.funder)) porte l’intitulé « \(claim.moduleTitle) »."
        }
        return failures
    }

    /// Per participant: the hours of the half-days marked present, of those they signed (when
    /// the session was signed at all), of their certificate, and of each claim.
    private func hours() throws -> [String] {
        let signedAtAll = context.roll.contains { $0.signedMinutes > 0 }
        var claimed: [String: [Int]] = [:]
        for line in context.claims.flatMap(\.lines) {
            claimed[line.participant.email.text, default: []].append(line.attendedMinutes)
        }
        return context.roll.compactMap { member in
            let attended = member.attendedMinutes
            let mismatched =
                (signedAtAll && member.signedMinutes != attended)
                || (member.certifiedMinutes.map { $0 != attended } ?? false)
                || (claimed[member.email] ?? []).contains { $0 != attended }
            guard mismatched else { return nil }
            var parts = ["présent \(French.duration(minutes: attended))"]
            if signedAtAll { parts.append("signé \(French.duration(minutes: member.signedMinutes))") }
            if let certified = member.certifiedMinutes {
                parts.append("certificat \(French.duration(minutes: certified))")
            }
            parts += (claimed[member.email] ?? []).map { "demandé \(French.duration(minutes: $0))" }
            return "\(member.name) : \(parts.joined(separator: ", "))."
        }
    }

    private func seats() -> [String] {
        let (confirmed, capacity) = (context.roll.count, context.session.capacity)
        return confirmed > capacity ? ["\(confirmed) participants inscrits pour \(capacity) places."] : []
    }

    /// The ended half-days a trainer of theirs has not signed.
    private func unsignedByTrainers() throws -> [String] {
        try context.connection.execute(
            """
            SELECT sl.starts_at, t.name FROM slot sl JOIN slot_trainer st ON st.slot_id = sl.id
            JOIN trainer t ON t.id = st.trainer_id
            WHERE sl.session_id = \(context.sessionId) AND NOT sl.cancelled AND sl.ends_at < \(context.asOf)
              AND NOT EXISTS (SELECT 1 FROM attendance_evidence e WHERE e.slot_id = sl.id
                              AND e.trainer_id = t.id AND e.action = 'signature')
            ORDER BY sl.starts_at, t.name
            """
        ).map { row in
            let start = try row.decode(Date.self, "starts_at")
            return
                "\(try row.decode(String.self, "name")) n’a pas signé la demi-journée du \(French.date(start, in: context.zone)) (\(French.time(start, in: context.zone)))."
        }
    }
}
