/// The sentences of an invoice's terms, the same on its PDF and in its Factur-X notes: when and
/// how to pay, the discount, the late penalties and the recovery indemnity (Code de commerce
/// L441-9 and L441-10).
struct InvoiceTerms {
    let invoice: Invoice
    let organisation: Organisation
    /// For a credit note, the number of the invoice it credits.
    let credits: String?

    static let discount = "Pas d’escompte pour paiement anticipé."

    /// When and how: the due date and the bank account; for a credit note, what becomes of it.
    var payment: String {
        guard invoice.kind == .invoice else {
            return
                "Montant à déduire de la facture n° \(credits ?? "") ; s’il a été payé, il est remboursé par virement."
        }
        let days = organisation.terms.paymentDays
        let due = invoice.dueOn.map(French.day) ?? ""
        let bank = organisation.terms.iban.map { iban in
            ", par virement : IBAN \(iban)\(organisation.terms.bic.map { ", BIC \($0)" } ?? ""), en rappelant le numéro de la facture"
        }
        return (days == 0 ? "Paiement à réception, le \(due)" : "Paiement à \(days) jours, au plus tard le \(due)")
            + (bank ?? "") + "."
    }

    var penalties: String {
        "En cas de retard de paiement, pénalités au taux annuel de \(French.hundredths(organisation.terms.latePenaltyBasisPoints ?? 0)) %."
    }

    /// The 40 € indemnity, which a business buyer owes on late payment; a person does not.
    var recovery: String {
        invoice.buyerKind == .participant
            ? "Client non professionnel : pas d’indemnité forfaitaire pour frais de recouvrement."
            : "Indemnité forfaitaire pour frais de recouvrement : 40 € (art. L441-10 et D441-5 du Code de commerce)."
    }

    /// Everything, as the PDF prints it under the totals.
    var text: String {
        invoice.kind == .invoice ? [payment, Self.discount, penalties, recovery].joined(separator: " ") : payment
    }
}
