import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// `/c/<token>`: a structure signs its convention from a personal link, through the real server
/// — the document shown as drawn, a refusal with a French page and nothing recorded, a typed
/// signature with its evidence chained, then the page closed — and in a real browser, drawn
/// with a finger.
@Suite struct ConventionPageTests {
    let caen: InvoicingYear
    let server: PageServerProcess
    let path: String

    init() throws {
        caen = try InvoicingYear()
        let store = try caen.year.store()
        _ = try Conventions(store).draw(session: caen.caen, with: .structure("Association 8"))
        server = try caen.year.pageServer()
        let link = try caen.atelier(["convention", "link", "1"])
        try #require(link.status == 0, "\(link.standardError)")
        path = String(try #require(link.standardOutput.firstMatch(of: /\/c\/[0-9a-f]{32}/)).0)
    }

    func post(_ fields: [(String, String)]) throws -> HTTPExchange.Response {
        try server.request(
            "POST", path,
            headers: [
                ("Content-Type", "application/x-www-form-urlencoded"), ("User-Agent", "Mozilla/5.0 (Android 14)"),
            ],
            body: Array(fields.map { "\($0.0)=\(QuestionnairePageTests.encoded($0.1))" }.joined(separator: "&").utf8))
    }

    @Test func aStructureSignsItsConventionFromItsLink() throws {
        let page = try server.request("GET", path)
        #expect(page.status == 200)
        #expect(page.text.contains("<h1>Convention de formation n° 1</h1>"))
        #expect(
            page.text.contains(
                "Je signe la convention de formation n° 1 pour la formation «\u{202F}Accompagner la fonction employeur\u{202F}» au nom de Association 8, après l’avoir lu et ayant qualité pour le faire."
            ))
        let document = try server.request("GET", path + "/document.pdf")
        #expect(document.status == 200 && document.headers["content-type"] == "application/pdf")
        #expect(document.body == (try Conventions(try caen.year.store()).pdf(1).pdf), "the PDF as drawn")
        let csrf = String(try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)

        // Refused, with a French page and nothing recorded.
        let before = try caen.year.database.fingerprint()
        let forged = try post([
            ("signer", "Jeanne Morel"), ("role", "Présidente"), ("name", "Jeanne Morel"), ("certify", "oui"),
        ])
        #expect(forged.status == 403 && forged.text.contains("<html lang=\"fr\">"))
        let unnamed = try post([
            ("csrf", csrf), ("signer", " "), ("role", "Présidente"), ("name", "Jeanne Morel"), ("certify", "oui"),
        ])
        #expect(unnamed.status == 422 && unnamed.text.contains("Indiquez le nom de la personne qui signe."))
        let unticked = try post([
            ("csrf", csrf), ("signer", "Jeanne Morel"), ("role", "Présidente"), ("name", "Jeanne Morel"),
        ])
        #expect(
            unticked.status == 422 && unticked.text.contains("value=\"Jeanne Morel\""), "the form keeps what was typed")
        #expect(try caen.year.database.fingerprint() == before)

        let signed = try post([
            ("csrf", csrf), ("signer", "Jeanne Morel"), ("role", "Présidente"), ("name", "Jeanne Morel"),
            ("certify", "oui"),
        ])
        #expect(signed.status == 200 && signed.text.contains("Merci, votre signature est enregistrée"))
        let listed = try caen.json([Convention].self, ["convention", "list", caen.caen])
        #expect(
            listed[0].signedVia == .link && listed[0].signedBy == "Jeanne Morel" && listed[0].signerRole == "Présidente"
        )
        let evidence = try caen.year.database.connect().execute(
            """
            SELECT e.typed_name, e.pdf_sha256 = c.pdf_sha256 AS same_pdf, host(e.client_address) AS address, e.user_agent,
                   e.hash = convention_evidence_digest(e) AS chained, e.position
            FROM convention_evidence e JOIN convention c ON c.id = e.convention_id
            """)
        try #require(evidence.count == 1)
        #expect(try evidence[0].decode(String?.self, "typed_name") == "Jeanne Morel")
        #expect(try evidence[0].decode(Bool.self, "same_pdf") && evidence[0].decode(Bool.self, "chained"))
        #expect(try evidence[0].decode(String?.self, "user_agent") == "Mozilla/5.0 (Android 14)")
        #expect(
            InvoiceTests.violated(
                "UPDATE convention_evidence SET signer_role = 'Trésorière'", on: try caen.year.database.connect())
                == "convention_evidence_frozen")

        // Signed once: posting again is refused, the page is closed, an unknown link finds nothing.
        let again = try post([
            ("csrf", csrf), ("signer", "Paul"), ("role", "Trésorier"), ("name", "Paul"), ("certify", "oui"),
        ])
        #expect(again.status == 409 && again.text.contains("Ce document est déjà signé"))
        #expect(try server.request("GET", path).status == 410)
        let unknown = try server.request("GET", "/c/" + String(repeating: "0", count: 32))
        #expect(unknown.status == 404 && unknown.text.contains("Ce lien ne mène à aucune page"))
        #expect(try caen.atelier(["convention", "link", "1"]).status == 67, "no link for a signed convention")
    }

    @Test func aConventionIsSignedWithAFingerInARealBrowser() throws {
        // The browser's form posts from the server's own address: the server is told it is its base.
        let port = try PageServerProcess.freePort()
        let base = "http://127.0.0.1:\(port)"
        let browsed = try PageServerProcess(
            environment: ["ATELIER_DATABASE_URL": caen.year.database.url, "ATELIER_WEB_BASE_URL": base], port: port)
        let screenshots = AtelierProcess.packageRoot.appendingPathComponent(".atelier/screenshots")
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let said = try BrowserTests.browse(
            "browser_signing.py", [base + path, screenshots.path, "Jeanne Morel", "Présidente"],
            as: BrowserTests.Signed.self)
        #expect(browsed.logText.contains("POST /c/"))
        #expect(said.heading == "Convention de formation n° 1")
        #expect(said.width <= said.viewport, "nothing wider than the screen")
        #expect(said.scrolled == 0, "nothing scrolls while drawing")
        #expect(said.confirmation == "Merci, votre signature est enregistrée")
        let row = try caen.year.database.connect().execute(
            "SELECT signature_png, signer_name, signer_role FROM convention_evidence")
        try #require(row.count == 1)
        let png = try row[0].decode(Data.self, "signature_png")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try row[0].decode(String.self, "signer_name") == "Jeanne Morel")
        try png.write(to: screenshots.appendingPathComponent("convention-drawn.png"))
    }
}
