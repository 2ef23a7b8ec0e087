import Foundation
import Training

/// A participant's signing page: the session's half-days with what is signed, and the one open
/// now with its consent sentence and the two ways to sign.
struct SigningPage: Sendable {
    struct Line: Sendable {
        var date: String
        var times: String
        /// « Signée à 9 h 12 », « Pas encore ouverte »…
        var state: String
        var signed: Bool
    }

    struct Open: Sendable {
        var slot: Int
        var date: String
        var times: String
        var consent: String
        /// What was wrong with the last attempt, next to the form.
        var error: String?
    }

    var title: String
    var organisation: String
    var sessionTitle: String
    var participant: String
    var halfDays: [Line]
    var open: Open?
    /// What the page says when no half-day takes a signature now.
    var nothingToSign: String
    var csrf: String
    var typedName: String
    var typedLabel = "Signer en tapant mon nom"
    /// On the trainer's phone, handed to the participant: whose signature the form carries.
    var registration: Int?
    /// In the room, on a device that does not know the participant: the personal code they typed,
    /// which the form carries again.
    var personalCode: String?
    /// « Un problème ? Dites-le nous » from the holder's own link: `../probleme/<token>`.
    var problemLink: String? = nil

    static let example = SigningPage(
        title: "t", organisation: "o", sessionTitle: "s", participant: "p",
        halfDays: [Line(date: "d", times: "h", state: "e", signed: true)],
        open: Open(slot: 1, date: "d", times: "h", consent: "c", error: "e"), nothingToSign: "n", csrf: "c",
        typedName: "n", registration: 1, personalCode: "K7PM3QXA", problemLink: "p")

    static func state(of halfDay: Signatures.HalfDay, in zone: TimeZone) -> String {
        if let signedAt = halfDay.signedAt {
            return "Signée à \(French.time(signedAt, in: zone))" + (halfDay.signedLate ? " (tardive)" : "")
        }
        if halfDay.closed { return "Close par le formateur" }
        switch halfDay.state {
        case .upcoming: return "Pas encore ouverte"
        case .open: return "À signer maintenant"
        case .late: return "À signer (en retard)"
        case .over: return "Non signée"
        }
    }
}

extension SigningPage {
    // In an extension, so that the struct keeps the memberwise initialiser `example` uses.
    /// The page of `link` at the time its `halfDays` were read; `error` goes next to the form.
    init(
        link: Signatures.Link, halfDays: [Signatures.HalfDay], zone: TimeZone, csrf: String, error: String? = nil,
        typedName: String = "", personalCode: String? = nil
    ) {
        registration = link.channel == .trainerPhone ? link.registration : nil
        self.personalCode = personalCode
        title = "Émargement — \(link.sessionTitle)"
        organisation = link.organisation
        sessionTitle = link.sessionTitle
        participant = link.participant
        self.halfDays = halfDays.map { halfDay in
            Line(
                date: halfDay.date, times: halfDay.times, state: Self.state(of: halfDay, in: zone),
                signed: halfDay.signedAt != nil)
        }
        // The half-day under way first: someone arriving for the afternoon signs the afternoon,
        // not a morning still in its grace.
        let unsigned = halfDays.filter { $0.signedAt == nil && !$0.closed }
        open = (unsigned.first { $0.state == .open } ?? unsigned.first { $0.state == .late }).map {
            Open(slot: $0.slot, date: $0.date, times: $0.times, consent: $0.consent, error: error)
        }
        nothingToSign =
            halfDays.contains { $0.state == .upcoming }
            ? "Aucune demi-journée n’est à signer maintenant : revenez sur cette page au début de la prochaine."
            : "Aucune demi-journée n’est plus à signer. Merci de votre participation."
        self.csrf = csrf
        self.typedName = typedName
    }
}
