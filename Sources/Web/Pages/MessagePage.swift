import Foundation
import Training

/// A page that says one thing: thanks, an answer already received, a link expired or unknown,
/// a refused form.
struct MessagePage: Sendable {
    var title: String
    var heading: String
    var message: String
    /// Who sends the page, and where to write to them: filled by `MessagePages`.
    var organisation: String? = nil
    var contact: String? = nil

    static let example = MessagePage(title: "t", heading: "h", message: "m", organisation: "o", contact: "c")

    static let notFound = MessagePage(
        title: "Lien introuvable", heading: "Ce lien ne mène à aucune page",
        message:
            "Vérifiez qu’il est recopié en entier depuis le message reçu, ou écrivez à l’organisme qui vous l’a envoyé."
    )

    static let expired = MessagePage(
        title: "Lien expiré", heading: "Ce questionnaire n’est plus ouvert",
        message: "Le délai pour y répondre est passé. Merci de l’attention que vous lui portez.")

    static let withdrawn = MessagePage(
        title: "Questionnaire fermé", heading: "Ce questionnaire n’est plus ouvert",
        message: "Votre inscription à cette formation a été annulée : il n’y a pas d’avis à donner.")

    static let problemReceived = MessagePage(
        title: "Message reçu", heading: "Merci, votre message est transmis",
        message: "Il est enregistré dans le registre des réclamations ; une réponse vous sera envoyée par message.")

    static let received = MessagePage(
        title: "Merci", heading: "Merci, vos réponses ont été reçues",
        message: "Elles nous aident à améliorer nos formations.")

    static let alreadyReceived = MessagePage(
        title: "Réponses déjà reçues", heading: "Vos réponses ont déjà été reçues",
        message: "Elles ne peuvent plus être modifiées. Merci de votre participation.")

    static let forged = MessagePage(
        title: "Envoi refusé", heading: "Cet envoi n’a pas pu être accepté",
        message:
            "Il ne vient pas de la page du questionnaire. Ouvrez à nouveau le lien reçu par message, puis répondez.")

    static let malformed = MessagePage(
        title: "Envoi illisible", heading: "Cet envoi n’a pas pu être lu",
        message: "Ouvrez à nouveau le lien reçu par message, puis répondez depuis la page.")

    static let signingWithdrawn = MessagePage(
        title: "Émargement fermé", heading: "Il n’y a rien à signer",
        message: "Votre inscription à cette formation a été annulée, ou la formation elle-même.")

    static let alreadySigned = MessagePage(
        title: "Déjà signée", heading: "Vous avez déjà signé cette demi-journée",
        message: "Votre signature est enregistrée ; elle ne peut plus être modifiée.")

    static let halfDayNotOpen = MessagePage(
        title: "Pas encore ouverte", heading: "Cette demi-journée ne se signe pas encore",
        message: "Revenez sur la page au début de la demi-journée, depuis le lien reçu par message.")

    static let halfDayOver = MessagePage(
        title: "Signature close", heading: "Cette demi-journée ne se signe plus",
        message: "Le délai pour la signer est passé. Parlez-en au formateur ou à l’organisme.")

    static let halfDayClosed = MessagePage(
        title: "Demi-journée close", heading: "Cette demi-journée est close",
        message: "Le formateur l’a certifiée : elle ne se signe plus. Parlez-lui-en, ou parlez-en à l’organisme.")

    static let roomUnknown = MessagePage(
        title: "Code de salle inconnu", heading: "Ce code de salle ne mène à aucune demi-journée",
        message:
            "Vérifiez l’adresse affichée dans la salle, ou signez depuis le lien personnel reçu par message.")

    /// The room's code, before its half-day opens to signatures.
    static func roomNotOpen(opens: String) -> MessagePage {
        MessagePage(
            title: "Pas encore ouverte", heading: "Cette demi-journée ne se signe pas encore",
            message: "Son émargement ouvre à \(opens)\u{00A0}: revenez sur cette page à ce moment-là.")
    }

    static let trainerWithdrawn = MessagePage(
        title: "Émargement fermé", heading: "Il n’y a rien à certifier",
        message: "La formation a été annulée, ou vous n’en animez plus aucune demi-journée.")

    static let alreadyClosed = MessagePage(
        title: "Déjà close", heading: "Cette demi-journée est déjà close",
        message: "Ses présences sont certifiées ; l’organisme seul peut encore les corriger.")

    static let frozen = MessagePage(
        title: "Formation terminée", heading: "Cette formation est terminée",
        message: "Ses présences sont arrêtées ; l’organisme seul peut encore les corriger.")

    static let conventionAlreadySigned = MessagePage(
        title: "Déjà signé", heading: "Ce document est déjà signé",
        message:
            "Sa signature est enregistrée ; elle ne peut plus être modifiée. L’organisme de formation en garde la trace."
    )

    static let quoteExpired = MessagePage(
        title: "Devis expiré", heading: "Ce devis n’est plus valable",
        message: "Sa date de validité est passée : demandez un nouveau devis à l’organisme de formation.")

    /// The confirmation of a convention's signature.
    static func conventionSigned(_ convention: Convention) -> MessagePage {
        MessagePage(
            title: "Signature enregistrée", heading: "Merci, votre signature est enregistrée",
            message:
                "\(convention.signedBy ?? ""), \(convention.signerRole ?? "")\u{00A0}: signé le \(convention.signedOn.map(French.day) ?? ""). L’organisme de formation vous en remercie."
        )
    }

    /// The confirmation of a signature: the half-day, and when it was signed.
    static func signed(_ halfDay: Signatures.HalfDay, zone: TimeZone) -> MessagePage {
        let when = halfDay.signedAt.map { " à \(French.time($0, in: zone))" } ?? ""
        return MessagePage(
            title: "Signature enregistrée", heading: "Merci, votre signature est enregistrée",
            message:
                "\(halfDay.date), \(halfDay.times)\u{00A0}: signée\(when)\(halfDay.signedLate ? ", après la fin (tardive)" : "")."
        )
    }
}
