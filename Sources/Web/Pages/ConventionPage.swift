import Foundation
import Training

/// The page where a structure, a funder or a person signs a convention, a contrat or a quote:
/// what it is, a link to the PDF as drawn, the sentence certified, who signs in which role, and
/// the two ways to sign.
struct ConventionPage: Sendable {
    var title: String
    var organisation: String
    /// « Convention de formation n° 3 », « Devis n° 7 ».
    var document: String
    var sessionTitle: String
    var dates: String
    var party: String
    var price: String
    /// The PDF, relative to the page: `<token>/document.pdf`.
    var documentLink: String
    var consent: String
    var csrf: String
    var signer: String
    var role: String
    var typedName: String
    var typedLabel = "Signer en tapant mon nom"
    var error: String?

    init(
        _ view: Conventions.SigningView, token: String, csrf: String, form: [String: String] = [:], error: String? = nil
    ) {
        let kind =
            switch view.convention.kind {
            case .convention: "Convention de formation n° \(view.convention.id)"
            case .contrat: "Contrat de formation n° \(view.convention.id)"
            case .quote: "Devis n° \(view.convention.id)"
            }
        title = kind
        organisation = view.organisation
        document = kind
        sessionTitle = view.sessionTitle
        dates = view.dates
        party = view.convention.party
        price = view.convention.price.description
        documentLink = "\(token)/document.pdf"
        consent = view.consent
        self.csrf = csrf
        signer = form["signer"] ?? ""
        role = form["role"] ?? (view.convention.kind == .contrat ? "stagiaire" : "")
        typedName = form["name"] ?? ""
        self.error = error
    }

    private init() {
        (title, organisation, document, sessionTitle, dates, party, price) = ("t", "o", "d", "s", "d", "p", "p")
        (documentLink, consent, csrf, signer, role, typedName, error) = ("l", "c", "c", "s", "r", "n", "e")
    }

    static let example = ConventionPage()
}
