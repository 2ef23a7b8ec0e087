import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// Signing in the room, through the real server and the real CLI: `attendance code` gives the
/// half-day's room page (printed, or a PDF whose QR code `zbarimg` reads back); the page asks
/// the personal code of the convocation, or knows the phone that opened its personal link.
@Suite struct RoomPageTests {
    let pages: SigningPageTests
    var year: TrainingYear { pages.year }
    var server: PageServerProcess { pages.server }
    var slots: [Int] { pages.slots }
    static let base = "https://formation.asso.example"

    init() throws { pages = try SigningPageTests() }

    /// `attendance code` for `slot`: its output.
    func code(_ slot: Int, _ more: [String] = []) throws -> AtelierProcess.Outcome {
        try year.atelier(
            ["attendance", "code", pages.session, "--slot", try year.start(of: slot)] + more,
            environment: ["ATELIER_WEB_BASE_URL": Self.base])
    }

    /// The room's path of `slot`: `/r/K7PM3Q`.
    func roomPath(_ slot: Int) throws -> String {
        let printed = try code(slot)
        #expect(printed.status == 0, "\(printed.standardError)")
        let match = try #require(printed.standardOutput.firstMatch(of: /formation\.asso\.example(\/r\/[A-Z2-9]{6})\n/))
        return String(match.1)
    }

    func chloe() throws -> Signatures.IssuedLink {
        try year.signingLink(try TrainingYear.email("Chloé"), in: pages.session)
    }

    func post(_ path: String, _ fields: [(String, String)], cookie: String? = nil) throws -> HTTPExchange.Response {
        let body = fields.map { "\($0.0)=\(QuestionnairePageTests.encoded($0.1))" }.joined(separator: "&")
        return try server.request(
            "POST", path,
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("User-Agent", "Mozilla/5.0 (iPhone)")]
                + (cookie.map { [("Cookie", "atelier_signer=\($0)")] } ?? []),
            body: Array(body.utf8))
    }

    func csrf(_ path: String) throws -> String { try SigningPageTests.csrf(signing: path) }

    func signatures() throws -> [(channel: String, link: Int, actor: String)] {
        try year.database.connect().execute(
            "SELECT channel, link_id, actor FROM attendance_evidence WHERE action = 'signature' ORDER BY position"
        ).map { try $0.decode((String, Int, String).self) }
    }

    func linkID(_ token: String) throws -> Int {
        try year.database.connect().execute(
            "SELECT id FROM signing_link WHERE token_sha256 = sha256(convert_to(\(token), 'UTF8'))")[0].decode(
                Int.self, at: 0)
    }

    @Test func theCommandGivesEachHalfDayItsOwnCodeTheSameOnEveryPrint() throws {
        let printed = try code(slots[1])
        #expect(printed.status == 0)
        let lines = printed.standardOutput.split(separator: "\n").map(String.init)
        let path = try roomPath(slots[1])
        #expect(lines.first == Self.base + path)
        #expect(
            lines.last?.hasPrefix("The room code \(path.dropFirst(3)) opens \(pages.session), ") == true,
            "\(printed.standardOutput)")
        #expect(try roomPath(slots[1]) == path, "a second print gives the same code")
        #expect(try roomPath(slots[2]) != path, "another half-day has another code")
        #expect(try pages.count("SELECT count(*) FROM room_code") == 2)
    }

    @Test func thePosterCarriesTheAddressAsAQRCodeThatReadsBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("room-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("salle.pdf").path
        let written = try code(slots[1], ["--out", file])
        #expect(written.status == 0, "\(written.standardError)")
        let path = try roomPath(slots[1])
        #expect(written.standardOutput.hasPrefix("Wrote \(file): The room code \(path.dropFirst(3)) opens "))
        let pdf = try PDFReading(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        defer { pdf.remove() }
        let text = try pdf.pages()
        #expect(text.count == 1)
        for expected in [
            // pdftotext gives the non-breaking spaces as spaces.
            "Émargement", "« Accompagner la fonction employeur »", Self.base + path,
            "Code de la salle : \(path.dropFirst(3))", "Tapez votre code personnel : les 8 caractères",
            "Ce code ne vaut que pour cette demi-journée, de ",
        ] {
            #expect(text[0].contains(expected), "the poster says \(expected)")
        }
        let image = try pdf.renderFirstPage(dpi: 100)
        let read = try ExternalTool.run("/usr/bin/zbarimg", ["--raw", "-q", image])
        #expect(read.status == 0, "zbarimg found no QR code in \(image)")
        #expect(read.output == Self.base + path + "\n")
    }

    @Test func aParticipantTypesTheirPersonalCodeAndSigns() throws {
        let link = try chloe()
        let path = try roomPath(slots[1])
        let before = try year.database.fingerprint()
        let asked = try server.request("GET", path)
        #expect(asked.status == 200)
        for expected in ["<h1>Émargement</h1>", "Votre code personnel", "name=\"code\"", "Continuer"] {
            #expect(asked.text.contains(expected), "the room page says \(expected)")
        }
        // Typed as people type: lowercase, with the space of the print.
        let typed = ShortCode.grouped(link.personalCode).lowercased()
        let page = try post(path, [("csrf", try csrf(path)), ("code", typed)])
        #expect(page.status == 200)
        #expect(page.text.contains("Bonjour Chloé Caron"))
        #expect(page.text.contains("name=\"code\" value=\"\(typed)\""))
        #expect(page.text.contains("name=\"slot\" value=\"\(slots[1])\""))
        #expect(!page.text.contains("Pas encore ouverte"), "the room page shows its own half-day only")
        #expect(try year.database.fingerprint() == before, "typing the code changes nothing")

        let signed = try post(
            path,
            [
                ("csrf", try csrf(path)), ("code", typed), ("slot", String(slots[1])),
                ("drawing", SigningPageTests.drawing(try SignatureImage.png())),
            ])
        #expect(signed.status == 200)
        #expect(signed.text.contains("Merci, votre signature est enregistrée"))
        let rows = try signatures()
        #expect(rows.count == 1)
        #expect(rows.first?.channel == "room-code" && rows.first?.actor == "Chloé Caron")
        #expect(rows.first?.link == (try linkID(link.token)))
        let verify = try year.atelier(["attendance", "verify", pages.session])
        #expect(verify.status == 0)
    }

    @Test func aPhoneThatOpenedItsPersonalLinkSignsAtOnce() throws {
        let link = try chloe()
        let opened = try server.request("GET", "/s/" + link.token)
        let cookie = try #require(opened.headers["set-cookie"])
        for attribute in ["atelier_signer=\(link.token)", "Path=/r/", "HttpOnly", "SameSite=Strict", "Secure"] {
            #expect(cookie.contains(attribute), "the cookie has \(attribute): \(cookie)")
        }
        let path = try roomPath(slots[1])
        let known = try server.request("GET", path, headers: [("Cookie", "atelier_signer=\(link.token)")])
        #expect(known.status == 200 && known.text.contains("Bonjour Chloé Caron"))
        #expect(!known.text.contains("name=\"code\""))
        let signed = try post(
            path,
            [("csrf", try csrf(path)), ("slot", String(slots[1])), ("name", "Chloé Caron"), ("certify", "oui")],
            cookie: link.token)
        #expect(signed.status == 200 && signed.text.contains("Merci, votre signature est enregistrée"))
        #expect(try signatures().map(\.channel) == ["room-code"])

        // A link of another session is not this room's: the phone is asked the code.
        let march = try year.signingLink(try TrainingYear.email("Chloé"), in: TrainingYear.march)
        let other = try server.request("GET", path, headers: [("Cookie", "atelier_signer=\(march.token)")])
        #expect(other.status == 200 && other.text.contains("Votre code personnel"))
    }

    @Test func whatTheRoomPageRefusesChangesNothing() throws {
        let link = try chloe()
        let march = try year.signingLink(try TrainingYear.email("Alice"), in: TrainingYear.march)
        let now = try roomPath(slots[1])
        let tomorrow = try roomPath(slots[2])
        let yesterday = try roomPath(slots[0])
        let token = try csrf(now)
        let before = try year.database.fingerprint()
        let cases: [(String, String, [(String, String)], Int, String)] = [
            ("GET", "/r/ZZZZZZ", [], 404, "Ce code de salle ne mène à aucune demi-journée"),
            ("GET", "/r/not-a-code", [], 404, "Ce code de salle ne mène à aucune demi-journée"),
            ("GET", tomorrow, [], 409, "Son émargement ouvre à "),
            ("GET", yesterday, [], 410, "Cette demi-journée ne se signe plus"),
            ("POST", now, [("csrf", token), ("code", "K7PM")], 422, "Un code personnel a 8 caractères"),
            ("POST", now, [("csrf", token), ("code", "KKKKKKKK")], 422, "Ce code ne correspond à aucun participant"),
            (
                "POST", now, [("csrf", token), ("code", march.personalCode)], 422,
                "Ce code ne correspond à aucun participant"
            ),
            ("POST", now, [("csrf", String(repeating: "0", count: 64)), ("code", link.personalCode)], 403, "refusé"),
            (
                "POST", now,
                [
                    ("csrf", token), ("code", link.personalCode), ("slot", String(slots[2])), ("name", "C"),
                    ("certify", "oui"),
                ],
                409, "Cette demi-journée ne se signe plus"
            ),
            (
                "POST", now, [("csrf", token), ("code", "KKKKKKKK"), ("slot", String(slots[1])), ("name", "C")], 404,
                "Ce lien ne mène à aucune page"
            ),
            ("POST", tomorrow, [("csrf", try csrf(tomorrow)), ("code", link.personalCode)], 409, "ouvre à "),
        ]
        for (method, path, fields, status, sentence) in cases {
            let response = method == "GET" ? try server.request("GET", path) : try post(path, fields)
            #expect(response.status == status, "\(method) \(path) \(fields.map(\.0)): \(response.status)")
            #expect(response.text.contains(sentence), "\(method) \(path) says \(sentence)")
            #expect(response.text.contains("<html lang=\"fr\">"))
        }
        #expect(try year.database.fingerprint() == before)
    }

    @Test func aHalfDayClosedByItsTrainerTakesNoMoreSignaturesInTheRoom() throws {
        let link = try chloe()
        let path = try roomPath(slots[1])
        let trainer = try year.trainerPath(in: pages.session)
        let closed = try post(
            trainer,
            [
                ("csrf", try csrf(trainer)), ("slot", String(slots[1])), ("name", "Sophie Formatrice"),
                ("certify", "oui"),
            ])
        #expect(closed.status == 303)
        let before = try year.database.fingerprint()
        let page = try server.request("GET", path)
        #expect(page.status == 410 && page.text.contains("Cette demi-journée est close"))
        let signed = try post(
            path,
            [
                ("csrf", try csrf(path)), ("code", link.personalCode), ("slot", String(slots[1])), ("name", "C"),
                ("certify", "oui"),
            ])
        #expect(signed.status == 409 && signed.text.contains("Cette demi-journée est close"))
        #expect(try year.database.fingerprint() == before)
    }
}
