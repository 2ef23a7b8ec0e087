import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// `atelier convention`: the convention with a structure, with every mention of D6353-1, frozen
/// once signed; the contrat with an individual who pays, whose ten days to withdraw hold back
/// every invoice and payment, and whose 30 % holds until the training proceeds.
@Suite struct ConventionTests {
    let caen: InvoicingYear

    init() throws { caen = try InvoicingYear() }

    @Test func aConventionCarriesTheMentionsOfD6353AndStandsOnceSigned() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("convention-\(UUID()).pdf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let drawn = try caen.atelier([
            "convention", "draw", caen.caen, "--buyer", "structure:Association 8", "--out", path,
        ])
        #expect(drawn.status == 0, "\(drawn.standardError)")
        #expect(
            drawn.standardOutput.hasSuffix(
                "Drew the convention 1 with Association 8 for \(caen.caen): \(Money(cents: 42_000)), of which \(Money(cents: 40_000)) funded. Record its signature with `atelier convention sign 1`.\n"
            ))
        let reading = try PDFReading(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
        defer { reading.remove() }
        let text = try reading.pages().joined(separator: " ").replacing("\u{202F}", with: " ").replacing(
            "\u{00A0}", with: " ")
        for mention in [
            "Convention de formation professionnelle", "articles L6353-1 et D6353-1 du Code du travail",
            "déclaration d’activité enregistrée sous le numéro 28140123414", "« Accompagner la fonction employeur »",
            "(action de formation, programme version 2)", "Objectifs", "Contenu et déroulé", "Durée : 21 h",
            "jeudi 5 mars 2026 de 9 h à 12 h 30", "Maison des associations, 8 rue Daniel Huet, 14000 Caen",
            "Formation assurée par : Scop L’Atelier coopératif", "feuille d’émargement", "Stagiaire8 CAENNAIS",
            "Uniformation (OPCO Cohésion sociale), dossier AC-2026-0118 : 400,00 €", "Prix de l’action : 420,00 €",
            "Par subrogation de paiement", "Exonération de TVA, art. 261-4-4° a du CGI", "Dédit et abandon",
            "Association 8, 8 rue de Bras, 14000 Caen",
        ] {
            #expect(text.contains(mention), "\(mention)")
        }
        let signed = try caen.atelier([
            "convention", "sign", "1", "--by", "Jeanne Morel", "--role", "Présidente", "--date", "2026-02-20",
        ])
        #expect(
            signed.standardOutput
                == "Recorded the signature of the convention 1 by Jeanne Morel, Présidente, on 2026-02-20.\n")
        let again = try caen.atelier(["convention", "draw", caen.caen, "--buyer", "structure:Association 8"])
        #expect(again.status == 67)
        #expect(
            again.standardError
                == "The convention of Association 8 for \(caen.caen) was signed on 2026-02-20: it stands as signed.\n")
        let connection = try caen.year.database.connect()
        #expect(
            InvoiceTests.violated("UPDATE convention SET price_cents = 1 WHERE id = 1", on: connection)
                == "convention_signed_frozen")
        #expect(InvoiceTests.violated("DELETE FROM convention", on: connection) == "convention_signed_frozen")
        let listed = try caen.json([Convention].self, ["convention", "list", caen.caen])
        #expect(listed.map(\.signedBy) == ["Jeanne Morel"] && listed[0].withdrawalEnds == nil)
    }

    /// A quote to Uniformation prices its nine trainees and what it agreed; accepted, it stands in
    /// for the convention of this OPCO-funded action, and says so.
    @Test func anAcceptedQuoteStandsInForTheConventionOfAnOPCOFundedAction() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("devis-\(UUID()).pdf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let drawn = try caen.atelier(["quote", "add", caen.caen, "--buyer", "funder:UNIFORMATION", "--out", path])
        #expect(drawn.status == 0, "\(drawn.standardError)")
        let quote = try caen.json(Convention.self, ["quote", "show", "1"])
        #expect(quote.kind == .quote && quote.party == "Uniformation (OPCO Cohésion sociale)")
        #expect(quote.price == Money(cents: 9 * 42_000) && quote.funded == Money(cents: 360_000))
        let validUntil = try #require(quote.validUntil)
        let reading = try PDFReading(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
        defer { reading.remove() }
        let text = try reading.pages().joined(separator: " ").replacing("\u{202F}", with: " ").replacing(
            "\u{00A0}", with: " ")
        for mention in [
            "Devis n° 1", "valable jusqu’au \(French.day(validUntil))", "Stagiaire1 CAENNAIS",
            "tient lieu de convention de formation pour cette action financée par un OPCO",
            "Bon pour accord", "Objet, nature et caractéristiques de l’action",
        ] {
            #expect(text.contains(mention), "\(mention)")
        }
        #expect(
            try caen.atelier(["convention", "sign", "1", "--by", "X", "--role", "Y", "--date", "2026-02-01"])
                .standardError == "The quote 1 is accepted, not signed: `atelier quote accept 1`.\n")
        let accepted = try caen.atelier(["quote", "accept", "1", "--by", "Sophie Marie", "--role", "Conseillère"])
        #expect(accepted.status == 0)
        #expect(
            accepted.standardOutput.hasPrefix(
                "Recorded the acceptance of the quote 1 by Sophie Marie, Conseillère, on "))
        #expect(try caen.json([Convention].self, ["quote", "list"]).map(\.signedBy) == ["Sophie Marie"])
        #expect(try caen.json([Convention].self, ["convention", "list"]).isEmpty, "a quote is not a convention")
    }

    /// An individual without a structure, alone in a half-day of June 2026 at 420 €: nothing is
    /// invoiced without a signed contrat, nor before its ten days to withdraw are over; then at
    /// most 30 % until the half-day is held; everything once it is.
    @Test func aContratHoldsBackInvoicesAndPaymentsToAnIndividual() throws {
        let store = try caen.year.store()
        let email = try EmailAddress("lea.martin@exemple.fr")
        _ = try People(store).addParticipant(Participant(firstName: "Léa", lastName: "Martin", email: email))
        var plan = SessionPlan(module: "PMAE", slots: [try SlotSpec(parsing: "2026-06-01T09:00-12:30")])
        (plan.venue, plan.trainers, plan.recordsPast) = ("MDA", ["SCOP"], true)
        let june = try Sessions(store).schedule(plan).code
        _ = try Registrations(store).register(email, in: june)
        _ = try Attendances(store).record(
            session: june, slot: try SlotStart(parsing: "2026-06-01T09:00"), marks: [:], everyoneElse: .present,
            by: "Claire Martin")
        _ = try Sessions(store).complete(june)
        let draft = try #require(try caen.json([Invoice].self, ["invoice", "draft", june]).first)
        #expect(draft.buyerKind == .participant && draft.total == Money(cents: 42_000))
        let id = String(draft.id)
        let before = try caen.year.database.fingerprint()
        let unsigned = try caen.atelier(["invoice", "issue", id, "--date", "2026-05-20"])
        #expect(
            unsigned.standardError
                == "Léa Martin pays part of the training: a signed contrat de formation comes first (L6353-3), drawn with `atelier convention draw \(june) --buyer participant:lea.martin@exemple.fr` and signed with `atelier convention sign`.\n"
        )
        #expect(unsigned.status == 67)
        #expect(try caen.year.database.fingerprint() == before)
        #expect(
            try caen.atelier(["trainer", "edit", "SCOP", "--qualifications", "DESJEPS ; 12 ans d’accompagnement"])
                .status == 0)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("contrat-\(UUID()).pdf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let contrat = try caen.atelier([
            "convention", "draw", june, "--buyer", "participant:lea.martin@exemple.fr", "--out", path,
        ])
        #expect(contrat.status == 0, "\(contrat.standardError)")
        // The mentions of L6353-4: programme, prerequisites, trainers' qualifications, payment
        // terms, dropping out; and the ten days to withdraw.
        let reading = try PDFReading(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
        defer { reading.remove() }
        let text = try reading.pages().joined(separator: " ").replacing("\u{202F}", with: " ").replacing(
            "\u{00A0}", with: " ")
        for mention in [
            "Contrat de formation professionnelle n° 1", "articles L6353-3 à L6353-7", "Prérequis",
            "Scop L’Atelier coopératif (DESJEPS ; 12 ans d’accompagnement)", "Léa Martin",
            "délai de 10 jours pour se rétracter", "30 % au plus du prix à sa charge", "force majeure",
        ] {
            #expect(text.contains(mention), "\(mention)")
        }
        #expect(
            try caen.atelier([
                "convention", "sign", "1", "--by", "Léa Martin", "--role", "stagiaire", "--date", "2026-05-01",
            ]).standardOutput
                == "Recorded the signature of the contrat 1 by Léa Martin, stagiaire, on 2026-05-01; nothing may be invoiced or paid before 2026-05-11.\n"
        )
        for (day, sentence) in [
            (
                "2026-05-05",
                "Léa Martin's contrat was signed on 2026-05-01: nothing may be invoiced before 2026-05-11, when the ten days to withdraw are over (L6353-6)."
            ),
            (
                "2026-05-11",
                "On 2026-05-11, at most \(Money(cents: 12_600)) may be invoiced by or to Léa Martin (30 % of their share until the training proceeds, L6353-6): this would bring it to \(Money(cents: 42_000))."
            ),
        ] {
            let refused = try caen.atelier(["invoice", "issue", id, "--date", day])
            #expect(refused.standardError == sentence + "\n")
            #expect(refused.status == 67)
        }
        #expect(try caen.atelier(["invoice", "issue", id, "--date", "2026-06-02"]).status == 0)
        // Payments follow the same days: 30 % before the half-day, the rest once it is held.
        let early = try caen.atelier(["payment", "record", id, "--amount", "10", "--date", "2026-05-08"])
        #expect(early.status == 67 && early.standardError.contains("nothing may be paid before 2026-05-11"))
        #expect(try caen.atelier(["payment", "record", id, "--amount", "126", "--date", "2026-05-20"]).status == 0)
        let more = try caen.atelier(["payment", "record", id, "--amount", "1", "--date", "2026-05-21"])
        #expect(
            more.status == 67
                && more.standardError.hasPrefix("On 2026-05-21, at most \(Money(cents: 12_600)) may be paid"))
        #expect(try caen.atelier(["payment", "record", id, "--amount", "294", "--date", "2026-06-01"]).status == 0)
        // The database holds the line whoever writes: a payment within the ten days is refused.
        let connection = try caen.year.database.connect()
        try connection.execute("DELETE FROM payment WHERE invoice_id = \(draft.id)")
        #expect(
            InvoiceTests.violated(
                "INSERT INTO payment (invoice_id, amount_cents, paid_on) VALUES (\(draft.id), 100, '2026-05-02')",
                on: connection) == "payment_individual_withdrawal")
    }
}
