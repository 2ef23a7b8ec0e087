import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// `atelier invoice` on the seeds' Caen session: one invoice per payer, amounts from the claims
/// and the price, numbers without gaps, issued invoices frozen, corrections by credit note.
@Suite struct InvoiceTests {
    let caen: InvoicingYear

    init() throws { caen = try InvoicingYear() }

    /// The price of the hours done: 420 € for 21 h, 350 € for the trainee who did 17,5 h.
    static func delivered(_ line: InvoiceLine) -> Int { 42_000 * (line.attendedMinutes ?? 0) / 1260 }

    @Test func theCaenSessionIsInvoicedAsItsClaimsSay() throws {
        let drafts = try caen.draft()
        #expect(drafts.allSatisfy { $0.isDraft && $0.kind == .invoice })
        let store = try caen.year.store()
        // Uniformation: one invoice of exactly 3 600,00 €, a line per trainee as its claim says.
        let uniformation = drafts.filter { $0.buyer == "Uniformation (OPCO Cohésion sociale)" }
        try #require(uniformation.count == 1)
        #expect(uniformation[0].total == Money(cents: 360_000))
        let claim = try Funding(store).claim(session: caen.caen, reference: "F1")
        #expect(uniformation[0].lines.map(\.amount) == claim.lines.map(\.claimed))
        #expect(uniformation[0].lines.allSatisfy { $0.label.contains("dossier AC-2026-0118") })
        // AKTO: one invoice per agreement (its dossier), 840,00 € in all.
        let akto = drafts.filter { $0.buyer == "AKTO" }
        #expect(akto.map(\.total) == [Money(cents: 42_000), Money(cents: 42_000)])
        #expect(akto.map { $0.lines[0].label.contains("AKTO-2026-553") } == [true, true])
        // The structures: what their trainees did, less what Uniformation pays; AKTO pays the
        // whole price of its two, whose structures owe nothing.
        let structures = drafts.filter { $0.buyerKind == .structure }
        #expect(structures.count == 9)
        let funded = Dictionary(
            uniqueKeysWithValues: uniformation[0].lines.map { ($0.registrationId ?? 0, $0.amount.cents) })
        for invoice in structures {
            let line = try #require(invoice.lines.first)
            #expect(invoice.lines.count == 1)
            #expect(line.amount.cents == Self.delivered(line) - (funded[line.registrationId ?? 0] ?? 0))
        }
        // The absent trainee is billed only the hours done.
        let absent = try Registrations(store).id(of: caen.absent, in: caen.caen)
        let absentLines = drafts.flatMap(\.lines).filter { $0.registrationId == absent }
        #expect(absentLines.count == 2)
        #expect(
            absentLines.allSatisfy {
                $0.label.contains("17,5\u{00A0}h réalisées sur 21\u{00A0}h (5, 6, 19 et 20 mars 2026)")
            }, "\(absentLines.map(\.label))")
        #expect(absentLines.reduce(0) { $0 + $1.amount.cents } == 35_000)
        // Everything adds up to the price of the hours done: 11 × 420 € less 3,5 h at 20 €.
        #expect(drafts.reduce(0) { $0 + $1.total.cents } == 11 * 42_000 - 7_000)
        #expect(drafts.flatMap(\.lines).allSatisfy { $0.kind == .training })

        // Issued in order: consecutive numbers, the PDF stored with its SHA-256 and every mention.
        let issued = try caen.issue(drafts)
        #expect(issued.map(\.number) == (1...12).map { InvoicingYear.number("FA", $0) })
        let number = try #require(issued[0].number)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(number)-\(UUID()).pdf").path
        let written = try caen.atelier(["invoice", "pdf", number, "--out", path])
        #expect(written.status == 0)
        let pdf = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let digest = try ExternalTool.run("/usr/bin/sha256sum", [path]).output.prefix(64)
        try? FileManager.default.removeItem(atPath: path)
        #expect(String(digest) == issued[0].pdfSHA256)
        let reading = try PDFReading(pdf)
        defer { reading.remove() }
        let text = try reading.pages().joined(separator: " ")
        for mention in [
            "Facture n° \(number)", "Uniformation (OPCO Cohésion sociale) 43 boulevard Diderot, 75012 Paris",
            "Subrogation de paiement (dossier AC-2026-0118)", "Total HT 3 600,00 €", "TVA 0,00 €",
            "Exonération de TVA, art. 261-4-4° a du CGI.", "Pas d’escompte pour paiement anticipé",
            "pénalités au taux annuel de 12,15 %", "Indemnité forfaitaire pour frais de recouvrement : 40 €",
            "IBAN FR7630006000011234567890189", "du 5 mars 2026 au 20 mars 2026", "SIRET 77935012000019",
        ] {
            #expect(
                text.replacing("\u{202F}", with: " ").replacing("\u{00A0}", with: " ").contains(mention), "\(mention)")
        }

        // A payment: Uniformation's invoice leaves the unpaid list; the list carries its fields.
        let paid = try caen.atelier(["payment", "record", number, "--amount", "3 600", "--date", "2026-12-01"])
        #expect(
            paid.standardOutput
                == "Recorded \(Money(cents: 360_000)) received on 2026-12-01 by virement for \(number); \(Money.zero) left to pay.\n"
        )
        let unpaid = try caen.json([Invoice].self, ["invoice", "list", "--unpaid"])
        #expect(unpaid.count == 11 && !unpaid.contains { $0.number == number })
        let listed = try caen.atelier(["invoice", "list", "--json"]).standardOutput
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
        #expect(rows.count == 12)
        for key in ["id", "number", "series", "buyer", "issued_on", "total_cents", "paid_cents"] {
            #expect(rows.allSatisfy { $0[key] != nil }, "\(key)")
        }
        #expect(rows.first { $0["number"] as? String == number }?["paid_cents"] as? Int == 360_000)
    }

    /// A draft's line can be reworded or removed, its total following; then it is issued as edited.
    @Test func aDraftIsEditedBeforeItIsIssued() throws {
        let uniformation = try #require(try caen.draft().first)
        let id = String(uniformation.id)
        #expect(
            try caen.atelier(["invoice", "edit", id, "--line", "1", "--label", "Stagiaire1 CAENNAIS — 21 h"]).status
                == 0)
        let removed = try caen.atelier(["invoice", "edit", id, "--line", "2", "--remove"])
        let expected = Money(cents: uniformation.total.cents - uniformation.lines[1].amount.cents)
        #expect(
            removed.standardOutput
                == "Edited the draft \(id) to Uniformation (OPCO Cohésion sociale): 8 lines, \(expected).\n")
        let issued = try caen.issue([uniformation])[0]
        #expect(issued.total == expected && issued.lines.map(\.position) == Array(1...8))
        #expect(issued.lines[0].label == "Stagiaire1 CAENNAIS — 21 h")
    }

    @Test func aDeditIsChargedToTheStructureNeverToAFunder() throws {
        let withDedit = try InvoicingYear(noShowChargePercent: 50)
        let drafts = try withDedit.draft()
        let structures = drafts.filter { $0.lines.contains { $0.kind == .dedit } }
        try #require(structures.count == 1)
        #expect(structures[0].buyerKind == .structure)
        let dedit = try #require(structures[0].lines.first { $0.kind == .dedit })
        #expect(dedit.amount == Money(cents: 3_500))
        #expect(dedit.label.hasPrefix("Dédit — Stagiaire8 CAENNAIS, 3,5\u{00A0}h non suivies"))
        // The database refuses one on a funder's invoice, whoever writes it.
        let funderDraft = try #require(drafts.first { $0.buyerKind == .funder })
        let connection = try withDedit.year.database.connect()
        #expect(
            Self.violated(
                """
                INSERT INTO invoice_line (invoice_id, buyer_kind, position, kind, label, amount_cents)
                VALUES (\(funderDraft.id), 'funder', 99, 'dedit', 'Dédit', 100)
                """, on: connection) == "invoice_line_dedit_not_to_funder")
    }

    /// The constraint `statement` violates, or `nil` when it runs.
    static func violated(_ statement: String, on connection: Connection) -> String? {
        do {
            try connection.execute(PostgresQuery(unsafeSQL: statement))
            return nil
        } catch {
            return error.constraint
        }
    }

    @Test func anAttendanceCorrectionProposesACreditNoteAndANewInvoice() throws {
        let issued = try caen.issue(try caen.draft())
        let store = try caen.year.store()
        _ = try Attendances(store).record(
            session: caen.caen, slot: try SlotStart(parsing: "2026-03-19T14:00"), marks: [caen.absent: .present],
            by: "Claire Martin", correcting: "Feuille retrouvée : présent l’après-midi du 19 mars")
        let proposed = try caen.draft()
        // Uniformation's 3 600 € are shared again by the minutes attended: each of its lines
        // changes, and with them what each of its trainees' structures owes. AKTO's two stand.
        let touched = issued.filter { $0.buyer != "AKTO" }
        #expect(touched.count == 10)
        let notes = proposed.filter { $0.kind == .creditNote }
        #expect(notes.compactMap(\.credits) == touched.compactMap(\.number))
        #expect(notes.map(\.total) == touched.map(\.total))
        #expect(notes.allSatisfy { $0.reason == "Correction des présences après facturation" })
        let replacements = proposed.filter { $0.kind == .invoice }
        #expect(replacements.map(\.buyer) == touched.map(\.buyer))
        #expect(replacements.first { $0.buyerKind == .funder }?.total == Money(cents: 360_000))
        #expect(replacements.filter { $0.buyerKind == .structure }.allSatisfy { $0.total == Money(cents: 2_000) })
        // Nothing issued changed by itself.
        #expect(try caen.json([Invoice].self, ["invoice", "list"]) == issued)
        let again = try caen.issue(proposed)
        #expect(
            again.filter { $0.kind == .creditNote }.map(\.number) == (1...10).map { InvoicingYear.number("AV", $0) }
        )
        #expect(
            again.filter { $0.kind == .invoice }.map(\.number) == (13...22).map { InvoicingYear.number("FA", $0) })
        // Billed now: the full price for the trainee, as for the others.
        let all = try caen.json([Invoice].self, ["invoice", "list"])
        let billed = all.reduce(0) { $0 + ($1.kind == .invoice ? 1 : -1) * $1.total.cents }
        #expect(billed == 11 * 42_000)
        #expect(try caen.draft().isEmpty)

        // The sales journal: every invoice and credit note, credit notes negative, in both
        // formats, the totals adding up to what is billed.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ventes-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = try caen.atelier([
            "export", "invoices", "--from", "\(InvoicingYear.thisYear)-01-01", "--to",
            "\(InvoicingYear.thisYear)-12-31",
            "--out", folder + "/ventes.csv",
        ])
        #expect(
            written.standardOutput
                == "Wrote \(folder)/ventes.csv: 32 invoices and credit notes, \(Money(cents: 462_000)) net, \(Money(cents: 462_000)) left to pay.\n"
        )
        let csv = try ReadCSV.read(folder + "/ventes.csv")
        #expect(
            csv.rows[0] == [
                "Numéro", "Date", "Type", "Avoir sur", "Session", "Client", "Montant HT (€)", "TVA (€)",
                "Montant TTC (€)", "Payé (€)", "Reste à payer (€)",
            ])
        #expect(csv.rows.count == 34)
        let note = try #require(csv.rows.first { $0[0] == InvoicingYear.number("AV", 1) })
        #expect(note[2] == "Avoir" && note[3] == InvoicingYear.number("FA", 1) && note[6] == "-3600,00")
        #expect(csv.rows.last == ["Total", "", "", "", "", "", "4620,00", "0,00", "4620,00", "0,00", "4620,00"])
        #expect(
            try caen.atelier([
                "export", "invoices", "--from", "\(InvoicingYear.thisYear)-01-01", "--to",
                "\(InvoicingYear.thisYear)-12-31",
                "--out", folder + "/ventes.xlsx",
            ]).status == 0)
        let sheet = try ReadXLSX.read(folder + "/ventes.xlsx")
        #expect(sheet.rows.count == 34)
        #expect(sheet.cached.last?[6] == .number(4620))
    }

    @Test func creditNotesCiteTheirInvoiceAndNeverCreditTwice() throws {
        let issued = try caen.issue(try caen.draft())
        let number = try #require(issued[0].number)
        let credit = try caen.atelier(["invoice", "credit", number, "--lines", "9", "--reason", "Erreur de tarif"])
        #expect(
            credit.standardOutput
                == "Issued \(InvoicingYear.number("AV", 1)) to Uniformation (OPCO Cohésion sociale), crediting \(number): \(issued[0].lines[8].amount).\n"
        )
        let note = try caen.json(Invoice.self, ["invoice", "show", InvoicingYear.number("AV", 1)])
        #expect(note.credits == number && note.reason == "Erreur de tarif" && note.lines.count == 1)
        let text = try PDFReading(try Invoices(try caen.year.store()).pdf(note.id).pdf)
        defer { text.remove() }
        #expect(try text.pages()[0].contains("Avoir sur la facture n° \(number) du "))
        let twice = try caen.atelier(["invoice", "credit", number, "--lines", "9", "--reason", "Encore"])
        #expect(twice.standardError == "Line 9 of \(number) is credited already.\n")
        #expect(twice.status == 65)
        let rest = try caen.atelier(["invoice", "credit", number, "--all", "--reason", "Annulation"])
        #expect(rest.status == 0)
        let shown = try caen.json(Invoice.self, ["invoice", "show", number])
        #expect(shown.credited == shown.total && shown.leftToPay == .zero)
    }

    /// Every invoice and credit note is Factur-X: `factur-x.xml` attached to a PDF/A-3, which the
    /// factur-x library reads, valid against the EN 16931 XSD, and passing the EN 16931 and French
    /// CTC Schematron rules without one failed assertion. The same XML with a wrong total fails
    /// them: the rules ran.
    @Test func everyInvoiceAndCreditNoteIsFacturX() throws {
        let issued = try caen.issue(try caen.draft())
        let credited = try #require(issued[0].number)
        #expect(try caen.atelier(["invoice", "credit", credited, "--lines", "1,2", "--reason", "Erreur"]).status == 0)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("factur-x-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for number in issued.compactMap(\.number) + [InvoicingYear.number("AV", 1)] {
            let path = folder.appendingPathComponent("\(number).pdf").path
            #expect(try caen.atelier(["invoice", "pdf", number, "--out", path]).status == 0)
            paths.append(path)
        }
        for path in paths {
            #expect(try ExternalTool.run("/usr/bin/pdfdetach", ["-list", path]).output.contains("1: factur-x.xml"))
            let xmp = try ExternalTool.run("/usr/bin/pdfinfo", ["-meta", path]).output
            #expect(
                xmp.contains("<pdfaid:part>3</pdfaid:part>")
                    && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
            #expect(xmp.contains("<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>"))
        }
        let checks = try FacturXCheck.run(paths)
        #expect(checks.count == 13)
        for check in checks {
            #expect(check.attachment == "factur-x.xml")
            #expect(check.xsd == "valid", "\(check.pdf)")
            for name in ["en16931", "fr-ctc"] {
                let rules = try #require(check.rules[name])
                #expect(rules.firedRules > 20, "\(name) ran on \(check.pdf)")
                #expect(rules.failed.isEmpty, "\(name) on \(check.pdf): \(rules.failed)")
            }
        }
        let tampered = try FacturXCheck.run([paths[0]], tampered: true)
        #expect(tampered[0].rules["en16931"]?.failed.map(\.id).contains("BR-CO-15") == true)
        // The PDF people read is still the invoice they read, with its text.
        let reading = try PDFReading(try [UInt8](Data(contentsOf: URL(fileURLWithPath: paths[0]))))
        defer { reading.remove() }
        #expect(try reading.pages()[0].contains("Facture n° \(credited)"))
    }

    /// The worker mails each issued invoice to its buyer's billing email, once: a funder's with
    /// the certificats de réalisation of the trainees it pays for, the PDF as issued.
    @Test func issuedInvoicesAreMailedOnceWithTheirEvidence() throws {
        let drafts = try caen.draft()
        let issued = try caen.issue([drafts[0], drafts[1]])
        let catcher = try MailCatcher()
        let environment = [
            "ATELIER_SMTP_URL": catcher.url, "ATELIER_MAIL_FROM": "Atelier Caen <formation@mda-caen.example>",
        ]
        for _ in 0..<2 {
            let worker = try caen.year.atelier(["worker", "--until-idle"], environment: environment)
            #expect(worker.status == 0, "\(worker.standardError)")
        }
        let mails = try ReadMail.read(catcher.messageFiles())
        let opco = try #require(mails.first { $0.to == "factures@uniformation.example" })
        #expect(mails.filter { $0.to == "factures@uniformation.example" }.count == 1, "sent once")
        #expect(opco.subject == "Facture \(InvoicingYear.number("FA", 1)) — Accompagner la fonction employeur")
        let files = opco.parts.compactMap(\.filename)
        #expect(files.first == "\(InvoicingYear.number("FA", 1)).pdf")
        #expect(
            files.dropFirst().count == 9 && files.dropFirst().allSatisfy { $0.hasPrefix("certificat-\(caen.caen)-") })
        let text = try #require(opco.parts.first?.text)
        #expect(text.contains("dossier AC-2026-0118"))
        #expect(text.contains("Les certificats de réalisation des stagiaires qu’elle concerne sont joints (9)."))
        let stored = try Invoices(try caen.year.store()).pdf(issued[0].id).pdf
        #expect(opco.parts.first { $0.filename == files.first }?.bytes == stored, "the PDF as issued")
        let structure = try #require(mails.first { $0.to == "compta@asso1.example" })
        #expect(structure.parts.compactMap(\.filename) == ["\(InvoicingYear.number("FA", 2)).pdf"])
        let recorded = try caen.year.database.connect().execute(
            "SELECT count(*) FROM delivery WHERE kind = 'invoice' AND state = 'accepted'")[0].decode(Int.self, at: 0)
        #expect(recorded == 2)
    }

    /// An invoice unpaid 15 days after its due date is recalled to its buyer, then 15 days later
    /// to the coordinator; a paid one is not. A funder's invoicing deadline near, its invoice not
    /// issued, is told to the coordinator; one issued is not.
    @Test func unpaidInvoicesAndInvoicingDeadlinesAreRecalled() throws {
        let drafts = try caen.draft()
        let issued = try caen.issue([drafts[0], drafts[1]], on: "2026-03-25")
        #expect(issued.map(\.dueOn?.description) == ["2026-04-24", "2026-04-24"])
        let uniformation = try #require(issued[0].number)
        #expect(
            try caen.atelier(["payment", "record", uniformation, "--amount", "3 600", "--date", "2026-04-20"]).status
                == 0)
        let catcher = try MailCatcher()
        let environment = [
            "ATELIER_SMTP_URL": catcher.url, "ATELIER_MAIL_FROM": "Atelier Caen <formation@mda-caen.example>",
        ]
        #expect(try caen.year.atelier(["worker", "--until-idle"], environment: environment).status == 0)
        var mails = try ReadMail.read(catcher.messageFiles())
        let reminders = mails.filter { $0.subject.hasPrefix("Relance") }
        #expect(reminders.map(\.subject) == ["Relance\u{00A0}: facture FA-2026-00002 du 25 mars 2026"])
        #expect(reminders.first?.to == "compta@asso1.example")
        #expect(reminders.first?.parts.compactMap(\.filename) == ["FA-2026-00002.pdf"])
        #expect(reminders.first?.parts.first?.text?.contains("il en reste \(issued[1].total) à régler") == true)
        // AKTO's two dossiers are not invoiced yet: the coordinator hears of each; Uniformation's is.
        let deadlines = mails.filter { $0.to == "formation@mda-caen.example" }.map(\.subject).sorted()
        #expect(
            deadlines
                == Array(repeating: "À facturer avant le 18 juin 2026\u{00A0}: AKTO, session \(caen.caen)", count: 2))
        // The coordinator hears of the unpaid invoice 15 days after its reminder.
        let connection = try caen.year.database.connect()
        let due = try connection.execute(
            "SELECT count(*) FROM job WHERE kind = 'billing-notice' AND run_at > now() + interval '14 days'")[0].decode(
                Int.self, at: 0)
        #expect(due == 1)
        try connection.execute("UPDATE job SET run_at = now() WHERE kind = 'billing-notice' AND state = 'scheduled'")
        #expect(try caen.year.atelier(["worker", "--until-idle"], environment: environment).status == 0)
        mails = try ReadMail.read(catcher.messageFiles())
        let notice = try #require(mails.first { $0.subject.hasPrefix("Facture impayée") })
        #expect(notice.subject == "Facture impayée\u{00A0}: FA-2026-00002 (Association 1)")
        #expect(notice.to == "formation@mda-caen.example")
        let discarded = try connection.execute(
            "SELECT count(*) FROM job WHERE kind = 'invoice-reminder' AND state = 'discarded' AND errors::text LIKE '%paid or credited%'"
        )[0].decode(Int.self, at: 0)
        #expect(discarded == 1, "the paid invoice is not recalled")
    }

    /// The BPF's revenue comes from the year's invoices net of its credit notes once it has
    /// any: the OPCOs' under C-2h, the structures' under C-1.
    @Test func theBPFRevenueComesFromIssuedInvoicesOnceThereAreAny() throws {
        struct Revenue: Decodable {
            struct Line: Decodable {
                let line: String
                let amountCents: Int
            }
            let revenue: [Line]
            let revenueBasis: String
        }
        let year = String(InvoicingYear.thisYear)
        let before = try caen.json(Revenue.self, ["report", "bpf", "--year", year])
        #expect(before.revenueBasis == "claims")
        let issued = try caen.issue(try caen.draft())
        let number = try #require(issued[0].number)
        #expect(try caen.atelier(["invoice", "credit", number, "--lines", "1", "--reason", "Erreur"]).status == 0)
        let report = try caen.json(Revenue.self, ["report", "bpf", "--year", year])
        #expect(report.revenueBasis == "invoices")
        let revenue = Dictionary(uniqueKeysWithValues: report.revenue.map { ($0.line, $0.amountCents) })
        #expect(revenue["C-2h"] == 360_000 + 84_000 - issued[0].lines[0].amount.cents)
        #expect(revenue["C-1"] == issued.filter { $0.buyerKind == .structure }.reduce(0) { $0 + $1.total.cents })
        #expect(revenue["C-6"] == 0 && revenue["C-9"] == 0)
    }

    /// Twenty coordinators issue at once: the counter row queues them, and the numbers follow
    /// each other without a gap or a duplicate.
    @Test func twentyIssuersAtOnceTakeConsecutiveNumbers() throws {
        _ = try Catalogue(try caen.year.store()).editFunder("UNIFORMATION") { $0.invoiceGrouping = .participant }
        let drafts = try caen.draft()
        try #require(drafts.count == 20)
        let running = try drafts.map { draft in
            try AtelierProcess.start(
                ["invoice", "issue", String(draft.id)], environment: ["ATELIER_DATABASE_URL": caen.year.database.url])
        }
        let outcomes = running.map { $0.finish() }
        #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map(\.standardError))")
        let numbers = try caen.json([Invoice].self, ["invoice", "list"]).compactMap(\.number)
        #expect(numbers.sorted() == (1...20).map { InvoicingYear.number("FA", $0) })
        let counter = try caen.year.database.connect().execute(
            "SELECT last_number FROM invoice_counter WHERE series = \("FA-\(InvoicingYear.thisYear)")")[0].decode(
                Int.self, at: 0)
        #expect(counter == 20)
    }

    /// An issuer killed after it took its number and before its commit: the transaction rolls
    /// back with the number, and the next invoice takes it.
    @Test func anIssuerKilledBeforeItsCommitLeavesNoGap() throws {
        let drafts = try caen.draft()
        #expect(try caen.atelier(["invoice", "issue", String(drafts[0].id)]).status == 0)
        // The issuer takes its number, then waits on the event table this connection holds.
        let holder = try caen.year.database.connect()
        try holder.execute("BEGIN")
        try holder.execute("LOCK TABLE event IN EXCLUSIVE MODE")
        let issuer = try AtelierProcess.start(
            ["invoice", "issue", String(drafts[1].id)], environment: ["ATELIER_DATABASE_URL": caen.year.database.url])
        let watcher = try caen.year.database.connect()
        var backend: Int?
        for _ in 0..<200 where backend == nil {
            backend = try watcher.execute(
                """
                SELECT a.pid FROM pg_stat_activity a
                WHERE a.wait_event_type = 'Lock' AND a.query LIKE 'INSERT INTO event%'
                  AND EXISTS (SELECT FROM pg_locks l WHERE l.pid = a.pid AND l.relation = 'invoice_counter'::regclass
                              AND l.mode = 'RowExclusiveLock')
                """
            ).first?.decode(Int.self, at: 0)
            if backend == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        let pid = try #require(backend, "the issuer never reached the event table with its number taken")
        issuer.send(SIGKILL)
        #expect(issuer.finish().status != 0)
        try holder.execute("ROLLBACK")
        var gone = false
        for _ in 0..<200 where !gone {
            gone = try watcher.execute("SELECT FROM pg_stat_activity WHERE pid = \(pid)").isEmpty
            if !gone { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(gone, "the killed issuer's backend ended")
        let counter = try watcher.execute(
            "SELECT last_number FROM invoice_counter WHERE series = \("FA-\(InvoicingYear.thisYear)")")[0]
            .decode(Int.self, at: 0)
        #expect(counter == 1)
        let retried = try caen.atelier(["invoice", "issue", String(drafts[1].id)])
        #expect(retried.standardOutput.hasPrefix("Issued \(InvoicingYear.number("FA", 2)) to "))
    }

    /// PostgreSQL itself refuses to change or delete an issued invoice, its lines, or to move its
    /// series' counter other than one step forward.
    @Test func anIssuedInvoiceIsFrozenByTheDatabase() throws {
        let issued = try caen.issue(Array(try caen.draft().prefix(1)))
        let id = issued[0].id
        let connection = try caen.year.database.connect()
        for (statement, constraint) in [
            ("UPDATE invoice SET total_cents = 1 WHERE id = \(id)", "invoice_issued_frozen"),
            ("UPDATE invoice SET buyer = '{\"name\": \"Autre\"}' WHERE id = \(id)", "invoice_issued_frozen"),
            ("DELETE FROM invoice WHERE id = \(id)", "invoice_issued_frozen"),
            ("UPDATE invoice_line SET amount_cents = 1 WHERE invoice_id = \(id)", "invoice_issued_frozen"),
            ("DELETE FROM invoice_line WHERE invoice_id = \(id)", "invoice_issued_frozen"),
            (
                "INSERT INTO invoice_line (invoice_id, buyer_kind, position, kind, label, amount_cents) VALUES (\(id), 'funder', 50, 'training', 'X', 1)",
                "invoice_issued_frozen"
            ),
            ("UPDATE invoice_counter SET last_number = 0", "invoice_counter_forward"),
            ("UPDATE invoice_counter SET last_number = 3", "invoice_counter_forward"),
            ("DELETE FROM invoice_counter", "invoice_counter_forward"),
        ] {
            #expect(Self.violated(statement, on: connection) == constraint, "\(statement)")
        }
        #expect(try caen.json(Invoice.self, ["invoice", "show", String(id)]) == issued[0])
    }
}
