import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// The invoicing commands' bad inputs, through the real binary against one seeded Caen session:
/// one sentence on standard error, the exit status of its kind, nothing on standard output, and
/// every table as before.
@Suite struct InvoiceRefusalTests {
    /// The Caen session's invoices issued, but for two drafts: draft 2 to Association 1 (which
    /// has its billing address) and draft 3 to AKTO (whose address the seed takes off); the
    /// convention 1 with Association 2, signed. The
    /// year's March session (S-2026-001) was scheduled before the module had a price; its April
    /// one (S-2026-002) is not completed.
    static let seeded = Result {
        let caen = try InvoicingYear()
        let drafts = try caen.draft()
        try #require(drafts.map(\.id) == Array(1...12))
        try #require(drafts[1].buyer == "Association 1" && drafts[2].buyer == "AKTO")
        _ = try caen.issue([drafts[0]] + drafts.dropFirst(3), on: "2026-12-01")
        let store = try caen.year.store()
        _ = try Conventions(store).draw(session: caen.caen, with: .structure("Association 2"))
        _ = try Conventions(store).sign(
            1, by: "Jeanne Morel", role: "Présidente", on: try LocalDate(parsing: "2026-02-20"))
        _ = try Catalogue(store).editFunder("AKTO") {
            ($0.billing.street, $0.billing.postalCode, $0.billing.city) = ("", "", "")
        }
        return caen
    }

    static let cases: [RefusalTests.Case] = [
        .init(
            name: "draft a session not completed", arguments: ["invoice", "draft", "S-2026-002"], status: 67,
            sentence:
                "The session S-2026-002 is scheduled: invoices are drawn from its attendance once it is completed (`atelier session complete S-2026-002`)."
        ),
        .init(
            name: "draft a session without a price", arguments: ["invoice", "draft", "S-2026-001"], status: 67,
            sentence:
                "The programme of the session S-2026-001 has no price: set one with `atelier module edit … --price-per-participant` before a session, as conventions state it."
        ),
        .init(
            name: "draft an unknown session", arguments: ["invoice", "draft", "S-2099-001"], status: 66,
            sentence: "No session has the code S-2099-001."),
        .init(
            name: "issue an issued invoice", arguments: ["invoice", "issue", "1"], status: 67,
            sentence: "The invoice 1 is issued already, as FA-2026-00001."),
        .init(
            name: "issue to a funder without a billing address", arguments: ["invoice", "issue", "3"], status: 67,
            sentence:
                "AKTO has no billing address, which an invoice states: set it with `atelier funder edit … --billing-street … --billing-postal-code … --billing-city …`."
        ),
        .init(
            name: "issue before the series' last date", arguments: ["invoice", "issue", "2", "--date", "2026-11-30"],
            status: 67,
            sentence:
                "The issue date 2026-11-30 is before 2026-12-01, when the last number of FA-2026 was issued: numbers follow the dates, so issue it on 2026-12-01 or later."
        ),
        .init(
            name: "issue in the future", arguments: ["invoice", "issue", "2", "--date", "2099-01-05"], status: 65,
            sentence: "The issue date 2099-01-05 is after today: an invoice is issued today or on an earlier day."),
        .init(
            name: "issue on a day that is not one", arguments: ["invoice", "issue", "2", "--date", "demain"],
            status: 65, sentence: "The date “demain” is not a date: write it as YYYY-MM-DD, like 2027-04-05."),
        .init(
            name: "issue an unknown invoice", arguments: ["invoice", "issue", "999"], status: 66,
            sentence: "No invoice has the id 999: `atelier invoice list` lists them."),
        .init(
            name: "credit a draft", arguments: ["invoice", "credit", "2", "--all", "--reason", "Erreur"], status: 67,
            sentence:
                "The invoice 2 is a draft: change it or drop it (`atelier invoice drop 2`); credit notes are for issued invoices."
        ),
        .init(
            name: "credit a line that is not there",
            arguments: ["invoice", "credit", "FA-2026-00001", "--lines", "42", "--reason", "Erreur"], status: 65,
            sentence: "FA-2026-00001 has no line 42: it has lines 1 to 9."),
        .init(
            name: "credit lines that are not positions",
            arguments: ["invoice", "credit", "FA-2026-00001", "--lines", "deux", "--reason", "Erreur"], status: 65,
            sentence: "The lines “deux” are not line positions: write them like 2,3."),
        .init(
            name: "credit without a reason",
            arguments: ["invoice", "credit", "FA-2026-00001", "--all", "--reason", " "], status: 65,
            sentence: "The reason is empty."),
        .init(
            name: "credit an unknown invoice",
            arguments: ["invoice", "credit", "FA-2099-00001", "--all", "--reason", "Erreur"], status: 66,
            sentence: "No invoice has the number or id “FA-2099-00001”: `atelier invoice list` lists them."),
        .init(
            name: "drop an issued invoice", arguments: ["invoice", "drop", "1"], status: 67,
            sentence:
                "The invoice FA-2026-00001 is issued: it is never deleted; credit it with `atelier invoice credit 1 --all --reason …`."
        ),
        .init(
            name: "the PDF of a draft", arguments: ["invoice", "pdf", "2", "--out", "/tmp/atelier-refused.pdf"],
            status: 67, sentence: "The invoice 2 is a draft: it has a PDF once issued (`atelier invoice issue 2`)."),
        .init(
            name: "a PDF into a folder that does not exist",
            arguments: ["invoice", "pdf", "FA-2026-00001", "--out", "/nonexistent/facture.pdf"], status: 73,
            sentence: "Cannot write /nonexistent/facture.pdf: the folder /nonexistent does not exist."),
        .init(
            name: "a payment beyond what is left",
            arguments: ["payment", "record", "FA-2026-00002", "--amount", "99 999", "--date", "2026-12-01"],
            status: 67,
            sentence:
                "\(Money(cents: 9_999_900)) is more than the \(Money(cents: 42_000)) left to pay on FA-2026-00002: record what was received, at most what is due."
        ),
        .init(
            name: "a payment of nothing",
            arguments: ["payment", "record", "FA-2026-00002", "--amount", "0", "--date", "2026-12-01"], status: 65,
            sentence: "A payment is more than 0,00 €."),
        .init(
            name: "a payment not received yet",
            arguments: ["payment", "record", "FA-2026-00002", "--amount", "10", "--date", "2099-01-01"],
            status: 65, sentence: "The payment date 2099-01-01 is after today: record a payment once it is received."),
        .init(
            name: "a payment of a draft",
            arguments: ["payment", "record", "2", "--amount", "10", "--date", "2026-12-01"],
            status: 67,
            sentence: "The invoice 2 is a draft: a payment settles an issued invoice (`atelier invoice issue 2`)."),
        .init(
            name: "a payment that is not an amount",
            arguments: ["payment", "record", "FA-2026-00002", "--amount", "dix", "--date", "2026-12-01"], status: 65,
            sentence: "The amount “dix” is not an amount in euros: write it like 300 or 3 600,50."),
        .init(
            name: "an IBAN whose check digits are wrong",
            arguments: ["org", "edit", "--iban", "FR7630006000011234567890180"],
            status: 65, sentence: "The IBAN “FR7630006000011234567890180” is not valid: its check digits do not match."),
        .init(
            name: "a BIC too short", arguments: ["org", "edit", "--bic", "AGRI"], status: 65,
            sentence: "The BIC “AGRI” is not valid: it is 8 or 11 letters and digits."),
        .init(
            name: "a late-penalty rate that is not one", arguments: ["org", "edit", "--late-penalty-rate", "beaucoup"],
            status: 65,
            sentence: "The late-penalty rate “beaucoup” is not a percentage: write it like 12,15 for 12,15 %."),
        .init(
            name: "a payment delay beyond the law", arguments: ["org", "edit", "--payment-days", "90"], status: 65,
            sentence: "The payment delay of 90 days is not allowed: it is 0 to 60 days."),
        .init(
            name: "a dédit beyond the price", arguments: ["org", "edit", "--no-show-charge", "120"], status: 65,
            sentence: "The dédit of 120 % is not allowed: it is 0 to 100 % of the hours' price."),
        .init(
            name: "a billing postal code of four digits",
            arguments: ["structure", "edit", "Association 1", "--billing-postal-code", "1400"], status: 65,
            sentence: "The billing postal code “1400” is not valid: it is 5 digits."),
        .init(
            name: "half a billing address",
            arguments: ["structure", "edit", "44201234000018", "--billing-street", "2 rue de Bras"], status: 65,
            sentence: "A billing address is a street, a postal code and a city: give the three."),
        .init(
            name: "a VAT number that is not one",
            arguments: ["structure", "edit", "Association 1", "--vat-number", "12"], status: 65,
            sentence:
                "The VAT number “12” is not valid: a country code and up to 13 letters and digits, like FR40123456789."),
        .init(
            name: "a billing email that is not one",
            arguments: ["structure", "edit", "Association 1", "--billing-email", "compta"], status: 65,
            sentence: "The email “compta” is not an email address: it has no @."),
        .init(
            name: "invoicing of an unknown funder", arguments: ["funder", "edit", "NOPE", "--billing-city", "Caen"],
            status: 66, sentence: "No funder has the code NOPE."),
        .init(
            name: "an invoicing delay of no days", arguments: ["funder", "edit", "AKTO", "--invoice-within", "0"],
            status: 65, sentence: "The invoicing delay of 0 days is not allowed: it is 1 to 730 days."),
        .init(
            name: "a funder's SIRET that is not one", arguments: ["funder", "edit", "AKTO", "--siret", "123"],
            status: 65, sentence: "The SIRET “123” is not valid: it is 14 digits."),
        .init(
            name: "a journal of a period without invoices",
            arguments: [
                "export", "invoices", "--from", "2025-01-01", "--to", "2025-12-31", "--out", "/tmp/atelier-ventes.csv",
            ],
            status: 66, sentence: "No invoice was issued between 2025-01-01 and 2025-12-31: there is nothing to write."),
        .init(
            name: "a journal of a period that runs backwards",
            arguments: [
                "export", "invoices", "--from", "2026-12-31", "--to", "2026-01-01", "--out", "/tmp/atelier-ventes.csv",
            ],
            status: 65, sentence: "The period runs backwards: 2026-12-31 is after 2026-01-01."),
        .init(
            name: "edit an issued invoice", arguments: ["invoice", "edit", "1", "--line", "1", "--label", "Autre"],
            status: 67,
            sentence:
                "The invoice FA-2026-00001 is issued: it never changes; credit it with `atelier invoice credit 1 …`."),
        .init(
            name: "edit a line that is not there", arguments: ["invoice", "edit", "2", "--line", "7", "--remove"],
            status: 65, sentence: "The draft 2 has no line 7: it has lines 1 to 1."),
        .init(
            name: "remove a draft's only line", arguments: ["invoice", "edit", "2", "--line", "1", "--remove"],
            status: 67, sentence: "Line 1 is the draft's only one: drop the draft instead (`atelier invoice drop 2`)."),
        .init(
            name: "reword a line to nothing", arguments: ["invoice", "edit", "2", "--line", "1", "--label", " "],
            status: 65, sentence: "The line's label is empty."),
        .init(
            name: "a convention with a buyer of no kind",
            arguments: ["convention", "draw", "S-2026-003", "--buyer", "société:Graine"], status: 65,
            sentence:
                "The buyer “société:Graine” is not one: write structure:NAME (or its SIRET), funder:CODE or participant:EMAIL."
        ),
        .init(
            name: "a convention with a structure none of whose people come",
            arguments: ["convention", "draw", "S-2026-003", "--buyer", "structure:44201234000018"], status: 67,
            sentence: "No confirmed participant of the session comes from Association Familles Rurales du Calvados."),
        .init(
            name: "a contrat with someone whose structure buys",
            arguments: ["convention", "draw", "S-2026-003", "--buyer", "participant:stagiaire1@asso.fr"], status: 67,
            sentence:
                "Stagiaire1 Caennais comes from Association 1: the convention is with the structure (`--buyer structure:…`)."
        ),
        .init(
            name: "a contrat with nobody",
            arguments: ["convention", "draw", "S-2026-003", "--buyer", "participant:personne@asso.fr"], status: 66,
            sentence: "No participant has the email personne@asso.fr."),
        .init(
            name: "a signed convention drawn again",
            arguments: ["convention", "draw", "S-2026-003", "--buyer", "structure:Association 2"], status: 67,
            sentence: "The convention of Association 2 for S-2026-003 was signed on 2026-02-20: it stands as signed."),
        .init(
            name: "a convention signed twice",
            arguments: [
                "convention", "sign", "1", "--by", "Paul Durand", "--role", "Trésorier", "--date", "2026-02-21",
            ],
            status: 67, sentence: "The convention 1 was signed on 2026-02-20 by Jeanne Morel: it stands as signed."),
        .init(
            name: "a convention signed tomorrow",
            arguments: [
                "convention", "sign", "1", "--by", "Paul Durand", "--role", "Trésorier", "--date", "2099-02-21",
            ],
            status: 65, sentence: "The signature date 2099-02-21 is after today: record a signature once it is given."),
        .init(
            name: "a convention that does not exist",
            arguments: ["convention", "pdf", "99", "--out", "/tmp/atelier-c.pdf"],
            status: 66, sentence: "No convention has the id 99: `atelier convention list` lists them."),
        .init(
            name: "a funder edit that changes nothing", arguments: ["funder", "edit", "AKTO"], status: 65,
            sentence: "Nothing to change: give --siret, a billing option, --invoice-grouping or --invoice-within."),
    ]

    @Test(arguments: cases)
    func refusedWithOneSentenceAndNothingChanged(_ refusal: RefusalTests.Case) throws {
        try refusal.check(on: try Self.seeded.get().year.database)
    }

    @Test(arguments: [
        (
            ["funder", "edit", "AKTO", "--invoice-grouping", "monthly"],
            "Error: The value 'monthly' is invalid for '--invoice-grouping <invoice-grouping>'. Please provide one of 'agreement', 'participant' or 'session'."
        ),
        (
            ["org", "edit", "--vat-regime", "tva20"],
            "Error: The value 'tva20' is invalid for '--vat-regime <vat-regime>'. Please provide one of 'exempt-261-4-4a', 'franchise-293b' or 'not-taxable'."
        ),
        (["invoice", "credit", "1", "--reason", "Erreur"], "Error: Give --all or --lines, one of them."),
        (
            ["payment", "record", "1", "--amount", "1", "--date", "2026-12-01", "--method", "bitcoin"],
            "Error: The value 'bitcoin' is invalid for '--method <method>'. Please provide one of 'virement', 'cheque', 'prelevement', 'carte' or 'especes'."
        ),
    ])
    func misuseIsAUsageError(arguments: [String], firstLine: String) throws {
        try RefusalTests.checkUsageError(arguments, firstLine: firstLine, on: try Self.seeded.get().year.database)
    }
}
