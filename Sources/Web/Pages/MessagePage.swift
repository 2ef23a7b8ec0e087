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
}
