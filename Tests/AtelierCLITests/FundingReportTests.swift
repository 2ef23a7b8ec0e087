import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// The funding exports that `atelier worker` sends on the `reports.cron` schedule: mailed to the
/// accountant, or uploaded by HTTPS PUT to a receiver whose self-signed certificate is trusted by
/// configuration.
@Suite(.serialized) struct FundingReportTests {
    let year: TrainingYear
    let catcher: MailCatcher
    /// The previous calendar month, which a run on the 1st at midnight covers.
    let from: LocalDate, to: LocalDate

    init() throws {
        year = try TrainingYear()
        catcher = try MailCatcher()
        let paris = TimeZone(identifier: "Europe/Paris")!
        let today = LocalDate(Date(), in: paris)
        to = try LocalDate(year: today.year, month: today.month, day: 1).previous
        from = try LocalDate(year: to.year, month: to.month, day: 1)
        // A session on the 10th of last month, attended, with its funding: what the report covers.
        let store = try year.store()
        var plan = SessionPlan(
            module: "PMAE",
            slots: [try SlotSpec(parsing: String(format: "%04d-%02d-10T09:00-12:30", to.year, to.month))])
        plan.recordsPast = true
        let code = try Sessions(store).schedule(plan).code
        _ = try Funding(store).add(
            FundingAgreement(
                session: code, funder: "OPCO-CS", basis: .perParticipant, amount: Money(cents: 30_000),
                scheme: "plan de développement des compétences", agreementNumber: "PDC-9"))
        for name in ["Bruno", "Damien"] {
            _ = try Registrations(store).register(TrainingYear.email(name), in: code, funding: .existing("F1"))
        }
        _ = try Attendances(store).record(
            session: code, slot: SlotStart(parsing: String(format: "%04d-%02d-10T09:00", to.year, to.month)),
            marks: [:], everyoneElse: .present, by: "Claire Martin")
        _ = try Sessions(store).complete(code)
    }

    var reporting: [String: String] {
        [
            "ATELIER_SMTP_URL": catcher.url,
            "ATELIER_MAIL_FROM": "Maison des associations <formation@mda-caen.example>",
            "ATELIER_MAIL_RETRY_SECONDS": "1", "ATELIER_REPORTS_FUNDERS": "OPCO-CS, region",
            "ATELIER_REPORTS_CRON": "0 0 1 * *",
        ]
    }

    func count(_ sql: String) throws -> Int {
        try year.database.connect().execute(PostgresQuery(unsafeSQL: sql))[0].decode(Int.self, at: 0)
    }

    @Test func theAccountantReceivesEachFundersExportOncePerPeriod() throws {
        var environment = reporting
        environment["ATELIER_REPORTS_EMAIL"] = "Service comptable <comptabilite@mda-caen.example>"
        #expect(try year.atelier(["worker", "--until-idle"], environment: environment).status == 0)
        let reports = try ReadMail.read(catcher.messageFiles()).filter { $0.to == "comptabilite@mda-caen.example" }
        #expect(reports.count == 1, "the Région funded nothing that ended last month: nothing to send")
        let report = try #require(reports.first)
        let period = "du \(French.day(from)) au \(French.day(to))"
        #expect(report.subject == "Financements OPCO Cohésion sociale\u{00A0}: export \(period)")
        #expect(
            report.parts.first?.text?.contains(
                "pour les sessions terminées \(period)\u{00A0}: 2 lignes, 600,00\u{00A0}€ demandés pour 600,00\u{00A0}€ accordés."
            ) == true)
        let attachment = try #require(report.parts.first { $0.filename == "financements-OPCO-CS-\(from)-\(to).xlsx" })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-report-\(UUID()).xlsx")
        try Data(try #require(attachment.bytes)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let sheet = try ReadXLSX.read(file.path)
        #expect(sheet.rows.count == 4)
        #expect(sheet.rows[1][2].value == .text("Bénard") && sheet.rows[2][2].value == .text("Dupré"))
        #expect(sheet.cached[3][15] == .number(600))
        #expect(try count("SELECT count(*) FROM job WHERE kind = 'funding-report' AND state = 'completed'") == 2)
        #expect(
            try count(
                "SELECT count(*) FROM delivery WHERE kind = 'funding-report' AND channel = 'mail' AND state = 'accepted'"
            ) == 1)

        #expect(try year.atelier(["worker", "--until-idle"], environment: environment).status == 0)
        #expect(
            catcher.messageFiles().count == 1
                + (try ReadMail.read(catcher.messageFiles()).filter { $0.to != "comptabilite@mda-caen.example" }.count),
            "the period is reported once, whatever the workers that run")
        #expect(try count("SELECT count(*) FROM job WHERE kind = 'funding-report'") == 2)
    }

    @Test func anUploadArrivesIntactOverHTTPSAfterA500() throws {
        let certificate = try TestCertificate()
        let receiver = try WebhookReceiver(tls: certificate)
        try receiver.answer([500])
        var environment = reporting
        environment["ATELIER_REPORTS_FUNDERS"] = "OPCO-CS"
        environment["ATELIER_REPORTS_FORMAT"] = "csv"
        // With a login in the URL, as some funders' deposit servers ask: it must not be recorded.
        environment["ATELIER_REPORTS_UPLOAD_URL"] = receiver.url("/depot/{funder}/{file}").replacingOccurrences(
            of: "https://", with: "https://depot:s3cret@")
        environment["ATELIER_REPORTS_CA_FILE"] = certificate.certificate
        #expect(try year.atelier(["worker", "--until-idle"], environment: environment).status == 0)
        #expect(try count("SELECT count(*) FROM job WHERE kind = 'funding-report' AND state = 'retryable'") == 1)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(try year.atelier(["worker", "--until-idle"], environment: environment).status == 0)
        let requests = try receiver.requests()
        #expect(requests.map(\.status) == [500, 200])
        #expect(requests.last?.method == "PUT")
        #expect(requests.last?.path == "/depot/OPCO-CS/financements-OPCO-CS-\(from)-\(to).csv")
        #expect(requests.last?.contentType == "text/csv; charset=utf-8")
        // The same bytes as the export a coordinator writes by hand for the period.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-upload-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let byHand = folder.appendingPathComponent("byhand.csv").path
        #expect(
            try year.atelier([
                "export", "funding", "--funder", "OPCO-CS", "--from", from.description, "--to", to.description, "--out",
                byHand,
            ]).status == 0)
        #expect(try receiver.upload(2) == Data(contentsOf: URL(fileURLWithPath: byHand)))
        #expect(
            try count(
                "SELECT count(*) FROM delivery WHERE kind = 'funding-report' AND channel = 'upload' AND state = 'accepted'"
            ) == 1)
        #expect(
            try count("SELECT count(*) FROM delivery WHERE recipient LIKE 'https://127.0.0.1:%/depot/OPCO-CS/%'") == 1)
        #expect(
            try count("SELECT count(*) FROM delivery WHERE recipient LIKE '%s3cret%' OR reply LIKE '%s3cret%'") == 0)
        #expect(
            catcher.messageFiles().allSatisfy {
                !((try? String(contentsOf: $0, encoding: .utf8)) ?? "").contains("Financements")
            })
    }

    @Test(arguments: [
        (
            ["ATELIER_REPORTS_FUNDERS": "AFDAS", "ATELIER_REPORTS_EMAIL": "comptabilite@mda-caen.example"],
            "The setting reports.funders (from environment ATELIER_REPORTS_FUNDERS) names AFDAS, which no funder has."
        ),
        (
            ["ATELIER_REPORTS_FUNDERS": "OPCO-CS"],
            "The setting reports.funders (from environment ATELIER_REPORTS_FUNDERS) names funders, but neither reports.email nor reports.upload-url says where their exports go."
        ),
        (
            ["ATELIER_REPORTS_FUNDERS": "OPCO-CS", "ATELIER_REPORTS_UPLOAD_URL": "http://opco.example/depot"],
            "The setting reports.upload-url (from environment ATELIER_REPORTS_UPLOAD_URL) is not an https URL: an export names people, it never travels in clear text."
        ),
        (
            ["ATELIER_REPORTS_FUNDERS": "OPCO-CS", "ATELIER_REPORTS_EMAIL": "comptabilite"],
            "The setting reports.email (from environment ATELIER_REPORTS_EMAIL) is not an address like “comptabilite@asso.fr”."
        ),
    ])
    func aReportConfigurationThatCannotWorkStopsTheWorker(_ environment: [String: String], sentence: String) throws {
        let before = try year.database.fingerprint()
        let outcome = try year.atelier(["worker", "--until-idle"], environment: environment)
        #expect(outcome.status == 78)
        #expect(outcome.standardError == sentence + "\n")
        #expect(try year.database.fingerprint() == before)
    }
}
