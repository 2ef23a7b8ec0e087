import Foundation
import Training

/// A trainer's page: per half-day, every confirmed participant with their signature or none,
/// and for the first half-day still to certify, the form that marks, signs and closes it.
struct TrainerPage: Sendable {
    struct Line: Sendable {
        var registration: Int
        var participant: String
        /// « Signée à 9 h 12 », « Signée à 9 h 20 sur votre téléphone », « Pas de signature ».
        var signature: String
        var signed: Bool
        /// Once closed: « Présence », « Retard : train supprimé »…
        var mark: String?
        /// Still open to signatures and not signed: the participant can sign on this phone.
        var handOver: Bool
    }

    struct HalfDay: Sendable {
        var slot: Int
        var date: String
        var times: String
        /// « À venir », « En cours », « Close à 12 h 40 par … ».
        var state: String
        var lines: [Line]
    }

    struct Option: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct MarkLine: Sendable {
        var registration: Int
        var participant: String
        var signature: String
        var options: [Option]
        var reason: String
    }

    /// The form of the half-day to certify now.
    struct Closing: Sendable {
        var slot: Int
        var date: String
        var times: String
        var consent: String
        var lines: [MarkLine]
        var error: String?
    }

    var title: String
    var organisation: String
    var sessionTitle: String
    var trainer: String
    var halfDays: [HalfDay]
    var closing: Closing?
    var csrf: String
    var typedName: String
    var typedLabel = "Signer en tapant mon nom et clore"
    /// « Un problème ? Dites-le nous » from the holder's own link: `../probleme/<token>`.
    var problemLink: String? = nil
    /// From the last half-day: where each participant stands on each objective.
    var evaluation: Evaluation? = nil
    /// Once the session is completed: the trainers' questionnaire, or thanks for answering it.
    var opinion: Opinion? = nil

    struct Opinion: Sendable {
        /// « Votre avis de formateur ».
        var title: String
        var answered: Bool
        /// « 2 réponses sont à compléter. », after a refused submission.
        var errorSummary: String?
        /// The questions' HTML, rendered from `questions.mustache`, every value escaped there.
        var questions: String
    }

    /// The grid of the trainer's evaluation: a line per participant, a choice per objective.
    struct Evaluation: Sendable {
        struct Objective: Sendable {
            var number: Int
            var text: String
        }

        struct Cell: Sendable {
            /// `level-<registration>-<position>`.
            var name: String
            /// « Objectif 2 », for the choice's label.
            var objective: String
            var options: [Option]
        }

        struct Row: Sendable {
            var participant: String
            var cells: [Cell]
        }

        var objectives: [Objective]
        var rows: [Row]

        init(_ grid: LearningEvaluations.Grid) {
            objectives = grid.objectives.enumerated().map { Objective(number: $0.offset + 1, text: $0.element) }
            rows = grid.participants.map { row in
                Row(
                    participant: row.participant,
                    cells: row.levels.enumerated().map { index, level in
                        Cell(
                            name: "level-\(row.registration)-\(index + 1)", objective: "Objectif \(index + 1)",
                            options: [Option(value: "", label: "—", selected: level == nil)]
                                + LearningLevel.allCases.map {
                                    Option(value: $0.rawValue, label: $0.label, selected: $0 == level)
                                })
                    })
            }
        }
    }

    static let example = TrainerPage(
        title: "t", organisation: "o", sessionTitle: "s", trainer: "f",
        halfDays: [
            HalfDay(
                slot: 1, date: "d", times: "h", state: "e",
                lines: [
                    Line(registration: 1, participant: "p", signature: "s", signed: true, mark: "m", handOver: true)
                ])
        ],
        closing: Closing(
            slot: 1, date: "d", times: "h", consent: "c",
            lines: [
                MarkLine(
                    registration: 1, participant: "p", signature: "s",
                    options: [Option(value: "present", label: "Présence", selected: true)], reason: "r")
            ], error: "e"), csrf: "c", typedName: "n", problemLink: "p",
        evaluation: Evaluation(
            LearningEvaluations.Grid(
                session: "s", objectives: ["o"], participants: [.init(registration: 1, participant: "p", levels: [nil])]
            )), opinion: Opinion(title: "t", answered: true, errorSummary: "e", questions: "q"))

    /// What each mark is called on the page, in the order the trainer picks from.
    static let presences: [(Presence, String)] = [
        (.present, "Présence"), (.absent, "Absence"), (.excused, "Absence excusée"), (.late, "Retard"),
        (.leftEarly, "Départ anticipé"),
    ]

    static func state(of halfDay: TrainerCertification.HalfDay, in zone: TimeZone) -> String {
        if let closedAt = halfDay.closedAt {
            let day =
                French.calendar(zone).isDate(closedAt, inSameDayAs: halfDay.startsAt)
                ? "" : "le \(French.date(closedAt, in: zone)) "
            return "Close \(day)à \(French.time(closedAt, in: zone))" + (halfDay.closedBy.map { " par \($0)" } ?? "")
        }
        switch halfDay.state {
        case .upcoming: return "À venir"
        case .open: return "En cours"
        case .late, .over: return "À clore"
        }
    }

    static func signature(of line: TrainerCertification.Line, in zone: TimeZone) -> String {
        guard let signedAt = line.signedAt else { return "Pas de signature" }
        let channel =
            switch line.channel {
            case .trainerPhone: " sur votre téléphone"
            case .roomCode: " avec le code de la salle"
            default: ""
            }
        return "Signée à \(French.time(signedAt, in: zone))\(channel)" + (line.signedLate ? " (tardive)" : "")
    }
}

extension TrainerPage {
    // In an extension, so that the struct keeps the memberwise initialiser `example` uses.
    /// The page of `link` at the time its `halfDays` were read. After a refused closing,
    /// `posted` holds the marks sent, to show them again, and `error` goes next to the form.
    init(
        link: TrainerCertification.Link, halfDays: [TrainerCertification.HalfDay], zone: TimeZone, csrf: String,
        posted: [Int: (Presence, String?)] = [:], error: String? = nil, typedName: String = ""
    ) {
        title = "Émargement formateur — \(link.sessionTitle)"
        organisation = link.organisation
        sessionTitle = link.sessionTitle
        trainer = link.trainer
        self.halfDays = halfDays.map { halfDay in
            HalfDay(
                slot: halfDay.slot, date: halfDay.date, times: halfDay.times, state: Self.state(of: halfDay, in: zone),
                lines: halfDay.lines.map { line in
                    Line(
                        registration: line.registration, participant: line.participant,
                        signature: Self.signature(of: line, in: zone), signed: line.signedAt != nil,
                        mark: line.presence.map { presence in
                            let name = Self.presences.first { $0.0 == presence }?.1 ?? presence.rawValue
                            return line.reason.map { "\(name)\u{00A0}: \($0)" } ?? name
                        },
                        handOver: halfDay.closedAt == nil && line.signedAt == nil
                            && (halfDay.state == .open || halfDay.state == .late))
                })
        }
        closing = halfDays.first(where: \.canClose).map { halfDay in
            Closing(
                slot: halfDay.slot, date: halfDay.date, times: halfDay.times, consent: halfDay.consent,
                lines: halfDay.lines.map { line in
                    let chosen = posted[line.registration]?.0 ?? (line.signedAt == nil ? .absent : .present)
                    return MarkLine(
                        registration: line.registration, participant: line.participant,
                        signature: Self.signature(of: line, in: zone),
                        options: Self.presences.map {
                            Option(value: $0.0.rawValue, label: $0.1, selected: $0.0 == chosen)
                        },
                        reason: posted[line.registration]?.1 ?? "")
                }, error: error)
        }
        self.csrf = csrf
        self.typedName = typedName
    }
}
