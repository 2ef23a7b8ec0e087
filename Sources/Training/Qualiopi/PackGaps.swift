import Foundation

/// What evidence the session lacks, named as an auditor would name it: « indicateur 8 : pas de
/// positionnement pour 3 participants sur 11 ». Only what is due by the pack's day counts: the
/// end-of-session evidence once the last half-day has begun, certificates and questionnaires
/// once the session is completed.
struct PackGaps {
    let context: PackContext

    func all() throws -> [String] {
        let roll = context.roll
        let attendees = roll.filter { $0.attendedMinutes > 0 }
        let ended = context.session.slots.last.map { $0.startsAt <= context.asOf } ?? false
        let completed = context.session.status == .completed
        var gaps: [String] = []
        if context.programme.objectives.isEmpty {
            gaps.append("indicateur 5 : le programme ne fixe aucun objectif évaluable")
        }
        let unconvoked = roll.count { !$0.convoked }
        if unconvoked > 0 {
            gaps.append(
                "indicateur 9 : pas de convocation envoyée pour \(Self.of(unconvoked, roll.count, "participant"))")
        }
        let questionnaires = Questionnaires(context.store)
        let progress = context.progress
        if try questionnaires.sent(.convocation, to: .participant) == nil {
            gaps.append("indicateur 8 : aucun questionnaire de positionnement n’est défini")
        } else if progress.positioned < roll.count {
            gaps.append(
                "indicateur 8 : pas de positionnement pour \(Self.of(roll.count - progress.positioned, roll.count, "participant"))"
            )
        }
        if ended && !progress.objectives.isEmpty {
            let present = Set(attendees.map(\.registration))
            let rows = progress.participants.filter { present.contains($0.registration) }
            let unassessed = rows.count { !$0.after.contains { $0 != nil } }
            if unassessed > 0 {
                gaps.append(
                    "indicateur 11 : pas d’autoévaluation en fin de formation pour \(Self.of(unassessed, rows.count, "participant présent", "participants présents"))"
                )
            }
            let unevaluated = rows.count { $0.evaluation.isEmpty || $0.evaluation.contains(nil) }
            if unevaluated > 0 {
                gaps.append(
                    "indicateur 11 : pas d’évaluation des acquis par le formateur pour \(Self.of(unevaluated, rows.count, "participant présent", "participants présents"))"
                )
            }
        }
        if completed {
            let uncertified = attendees.count { $0.certifiedMinutes == nil }
            if uncertified > 0 {
                gaps.append(
                    "certificats : pas de certificat de réalisation pour \(Self.of(uncertified, attendees.count, "participant présent", "participants présents"))"
                )
            }
            gaps += try unanswered()
        }
        if context.claims.isEmpty {
            gaps.append("financement : aucun accord de prise en charge enregistré")
        }
        return gaps.map(French.typography)
    }

    /// The questionnaires of opinion sent at completion that nobody asked has answered.
    private func unanswered() throws -> [String] {
        let codes = try context.connection.execute(
            """
            SELECT code FROM questionnaire WHERE sent = 'completion' AND retired_at IS NULL
            ORDER BY respondent <> 'participant', respondent, code
            """
        ).map { QuestionnaireCode(rawValue: try $0.decode(String.self, at: 0)) }
        return try codes.compactMap { code in
            let summary = try Assessments(context.store).summary(session: context.session.code, kind: code)
            guard summary.asked > 0 && summary.responses == 0 else { return nil }
            return
                "indicateur 30 : aucune réponse au questionnaire « \(summary.title) » (\(summary.asked) interrogé\(summary.asked == 1 ? "" : "s"))"
        }
    }

    /// « 3 participants sur 11 », « 1 participant sur 11 ».
    static func of(_ count: Int, _ total: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s") sur \(total)"
    }
}
