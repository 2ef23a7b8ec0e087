import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// `atelier qualiopi pack`: the seeds' Caen session — three days in two parts fifteen days apart,
/// eleven participants of eleven seats, an action collective of 3 600 € — signed half-day by
/// half-day and certified by its trainer, with what the test leaves out named in the gaps; and a
/// session built to fail a court's checks.
@Suite struct QualiopiPackTests {
    let year: TrainingYear
    let caen: String
    static let window = Signatures.Window(opensMinutesBefore: 15, graceMinutesAfter: 120)
    static let client = Signatures.Client(address: "192.0.2.7", userAgent: "Mozilla/5.0 (Linux; Android 14)")
    static let slots = [
        "2026-10-01T09:00-12:30", "2026-10-01T14:00-17:30", "2026-10-02T09:00-12:30", "2026-10-15T09:00-12:30",
        "2026-10-15T14:00-17:30", "2026-10-16T09:00-12:30",
    ]
    static let day = "2026-12-07"

    init() throws {
        year = try TrainingYear()
        #expect(try year.atelier(["db", "migrate"]).status == 0, "the questionnaires of Questionnaires/")
        let store = try year.store()
        _ = try Catalogue(store).editModule("PMAE") {
            $0.objectives = ["Situer la fonction employeur.", "Recruter un salarié.", "Accueillir et intégrer."]
        }
        let people = try Self.addTrainees(11, store: store)
        var plan = SessionPlan(module: "PMAE", slots: try Self.slots.map(SlotSpec.init(parsing:)))
        plan.venue = "MDA"
        plan.trainers = ["SCOP"]
        plan.capacity = 11
        plan.partTitles = ["Partie 1 : le cadre", "Partie 2 : la pratique"]
        plan.recordsPast = true
        caen = try Sessions(store).schedule(plan).code
        _ = try Funding(store).add(
            FundingAgreement(
                session: caen, funder: "OPCO-CS", basis: .perGroup, amount: Money(cents: 360_000),
                scheme: "action collective", agreementNumber: "AC-2026-200"))
        for email in people { _ = try Registrations(store).register(email, in: caen, funding: .existing("F1")) }
        // Convocations as the worker records them, to all but the last.
        for (index, email) in people.dropLast().enumerated() {
            try Deliveries(store).record(
                job: 9000 + index, kind: .convocation, channel: .mail,
                registration: try Registrations(store).id(of: email, in: caen), recipient: email.text,
                messageID: "<convocation-\(index)@atelier.test>", .accepted, reply: "250 2.0.0 Ok: queued",
                content: Deliveries.Content(
                    subject: "Convocation : Accompagner la fonction employeur, jeudi 1er octobre 2026",
                    text:
                        "Votre inscription à la formation « Accompagner la fonction employeur » est confirmée.\nSignez depuis https://formation.asso.example/s/0123456789abcdef0123456789abcdef\nDans la salle, tapez votre code personnel\u{00A0}: K7P-42Q",
                    attachments: [
                        .init(name: "programme-PMAE-v2.pdf", bytes: 31_000, sha256: String(repeating: "a", count: 64))
                    ]))
        }
        // Positioning: 8 of 11; an adaptation asked for by the first.
        let positioning = QuestionnaireCode(rawValue: "positioning")
        let questions = try Questionnaires(store).questions(positioning)
        for (index, email) in people.prefix(8).enumerated() {
            try Assessments(store).record(
                session: caen, by: .participant(email), kind: positioning,
                answers: try ["1=2,3,1", index == 0 ? "3=oui: Je me déplace en fauteuil." : "3=non"].map {
                    try Answer.parse($0, questions: questions, objectives: 3)
                })
        }
        try attend(people, store: store)
        // The end: self-assessment by 7 of the 10 present, the trainer's evaluation of 8.
        let selfAssessment = QuestionnaireCode(rawValue: "self-assessment")
        let after = try Questionnaires(store).questions(selfAssessment)
        for email in people.prefix(7) {
            try Assessments(store).record(
                session: caen, by: .participant(email), kind: selfAssessment,
                answers: [try Answer.parse("1=4,4,5", questions: after, objectives: 3)])
        }
        let scop = try store.connection.execute("SELECT id FROM trainer WHERE code = 'SCOP'")[0].decode(Int.self, at: 0)
        try LearningEvaluations(store).record(
            Dictionary(
                uniqueKeysWithValues: try people.prefix(8).map {
                    (try Registrations(store).id(of: $0, in: caen), [1: LearningLevel.acquis, 2: .enCours, 3: .acquis])
                }), session: caen, trainer: scop)
        _ = try Sessions(store).complete(caen)
        // Certificates for 9 of the 10 present.
        for email in people.prefix(9) {
            _ = try Certificates(store).issue(
                registration: try Registrations(store).id(of: email, in: caen),
                at: try #require(ISO8601DateFormatter().date(from: "2026-10-17T10:00:00+02:00")))
        }
    }

    /// `Stagiaire1 Caennais` … with an employer each, as registered participants are.
    static func addTrainees(_ count: Int, from first: Int = 1, store: Store) throws -> [EmailAddress] {
        try (first..<first + count).map { index in
            var participant = Participant(
                firstName: "Stagiaire\(index)", lastName: "Caennais",
                email: try EmailAddress("stagiaire\(index)@asso.fr"))
            participant.employer = Employer(name: "Association \(index)", city: "Caen")
            return try People(store).addParticipant(participant).email
        }
    }

    /// Every half-day signed by those present — the first with a drawing of their own each time,
    /// the others by typing their name —, then certified and closed by the Scop; the tenth
    /// stops after the first part, the eleventh never comes. The database stamps each record
    /// with its own clock: the test moves them to ten minutes into their half-day, as they were
    /// in October, and chains them again.
    func attend(_ people: [EmailAddress], store: Store) throws {
        let signatures = Signatures(store)
        let links = try people.map { email in
            try #require(
                try signatures.link(
                    token: try signatures.issueLink(registration: try Registrations(store).id(of: email, in: caen))
                        .token))
        }
        let certification = TrainerCertification(store)
        let sessionId = try store.connection.execute("SELECT id FROM session WHERE code = \(caen)")[0].decode(
            Int.self, at: 0)
        let scop = try store.connection.execute("SELECT id FROM trainer WHERE code = 'SCOP'")[0].decode(Int.self, at: 0)
        let trainer = try #require(
            try certification.link(token: try certification.issueLink(session: sessionId, trainer: scop)))
        for (index, slot) in Self.slots.enumerated() {
            let start = try #require(
                ISO8601DateFormatter().date(from: "\(slot.prefix(16)):00+02:00"))
            let at = start + 600
            let halfDay = try signatures.halfDays(links[0], at: at, window: Self.window)[index].slot
            for (person, link) in links.enumerated() where person < 9 || (person == 9 && index < 3) {
                let mark: Signatures.Mark =
                    person == 0
                    ? .drawn(try SignatureImage.png(width: 300 + index)) : .typed("Stagiaire\(person + 1) Caennais")
                _ = try signatures.sign(
                    link, slot: halfDay, mark: mark, client: Self.client, at: at, window: Self.window)
            }
            try certification.close(
                trainer, slot: halfDay, marks: [:], signature: .typed("Scop L’Atelier coopératif"),
                client: Self.client, at: start + 3 * 3600, window: Self.window)
        }
        try store.connection.executeScript(
            """
            ALTER TABLE attendance_evidence DISABLE TRIGGER attendance_evidence_append_only;
            UPDATE attendance_evidence e SET acted_at = sl.starts_at + interval '10 minutes' + e.position * interval '1 second'
            FROM slot sl WHERE sl.id = e.slot_id AND e.session_id = \(sessionId);
            DO $$ DECLARE r attendance_evidence; previous bytea; BEGIN
              FOR r IN SELECT * FROM attendance_evidence WHERE session_id = \(sessionId) ORDER BY position LOOP
                r.previous_hash := previous;
                r.hash := attendance_evidence_digest(r);
                UPDATE attendance_evidence SET previous_hash = r.previous_hash, hash = r.hash WHERE id = r.id;
                previous := r.hash;
              END LOOP;
            END $$;
            ALTER TABLE attendance_evidence ENABLE TRIGGER attendance_evidence_append_only;
            """)
    }

    /// The archive as Python's `zipfile` opens it.
    struct Archive: Decodable {
        struct Entry: Decodable {
            let name: String
            let size: Int
            let sha256: String
            let base64: String
            var bytes: [UInt8] { [UInt8](Data(base64Encoded: base64) ?? Data()) }
        }
        let ok: Bool
        let entries: [Entry]

        func entry(_ name: String) throws -> Entry { try #require(entries.first { $0.name == name }, "\(name)") }
    }

    struct Manifest: Decodable {
        struct File: Decodable {
            let path: String
            let bytes: Int
            let sha256: String
            let indicators: [Int]
            let sources: [String]
        }
        let session: String
        let personalData: Bool
        let files: [File]
    }

    func pack(_ extra: [String] = []) throws -> (outcome: AtelierProcess.Outcome, archive: Archive, path: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID()).zip").path
        let outcome = try year.atelier(["qualiopi", "pack", caen, "--out", path, "--at", Self.day] + extra)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        return (outcome, try ExternalTool.python("read_zip.py", [path], as: Archive.self), path)
    }

    static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
    }

    @Test func theCaenPackHoldsEveryFileItsManifestNamesAndNamesWhatIsMissing() throws {
        let (outcome, archive, path) = try pack()
        // Kept for a person to look at, as the screenshots are.
        let kept = AtelierProcess.packageRoot.appendingPathComponent(".atelier/screenshots/qualiopi-caen.zip")
        try FileManager.default.createDirectory(
            at: kept.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: kept)
        try FileManager.default.moveItem(at: URL(fileURLWithPath: path), to: kept)
        #expect(archive.ok)
        #expect(archive.entries.prefix(2).map(\.name) == ["00-sommaire.pdf", "manifest.json"])
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(try archive.entry("manifest.json").bytes))
        #expect(manifest.session == caen && !manifest.personalData)
        #expect(manifest.files.map(\.path) == archive.entries.dropFirst(2).map(\.name))
        for file in manifest.files {
            let entry = try archive.entry(file.path)
            #expect(entry.sha256 == file.sha256 && entry.size == file.bytes, "\(file.path)")
            #expect(!file.sources.isEmpty, "\(file.path) names its rows")
        }
        let paths = Set(manifest.files.map(\.path))
        for expected in [
            "01-programme/programme-PMAE-v2.pdf", "02-convocations/envois.csv", "03-positionnement/positionnement.pdf",
            "04-emargement/feuille-emargement.pdf", "04-emargement/verification.txt",
            "05-evaluation/evaluation-des-acquis.pdf", "06-certificats/certificat-\(caen)-caennais-stagiaire1.pdf",
            "07-financement/demandes-de-financement.csv", "08-satisfaction/taux-de-reponse.csv",
            "08-satisfaction/relances.csv", "09-formateurs/formateurs.csv",
            "10-reclamations/reclamations-et-incidents.csv", "10-reclamations/ameliorations.csv", "99-controles.pdf",
        ] {
            #expect(paths.contains(expected), "\(expected) in \(paths.sorted())")
        }
        #expect(manifest.files.count { $0.path.hasPrefix("02-convocations/0") } == 10)
        #expect(manifest.files.count { $0.path.hasPrefix("05-evaluation/attestations/") } == 10)
        #expect(manifest.files.count { $0.path.hasPrefix("06-certificats/") } == 9)
        #expect(try #require(manifest.files.first { $0.path.hasPrefix("03-") }).indicators == [8, 26])

        // Every PDF reads back; the sommaire carries the manifest's SHA-256 and names each gap.
        var texts: [String: String] = [:]
        for entry in archive.entries where entry.name.hasSuffix(".pdf") {
            let pdf = try PDFReading(entry.bytes)
            defer { pdf.remove() }
            texts[entry.name] = Self.plain(try pdf.pages().joined(separator: " "))
            #expect(!(texts[entry.name] ?? "").isEmpty, "\(entry.name) has text")
        }
        let gaps = [
            "indicateur 9 : pas de convocation envoyée pour 1 participant sur 11",
            "indicateur 8 : pas de positionnement pour 3 participants sur 11",
            "indicateur 11 : pas d’autoévaluation en fin de formation pour 3 participants présents sur 10",
            "indicateur 11 : pas d’évaluation des acquis par le formateur pour 2 participants présents sur 10",
            "certificats : pas de certificat de réalisation pour 1 participant présent sur 10",
            "indicateur 30 : aucune réponse au questionnaire « Votre avis à chaud » (10 interrogés)",
            "indicateur 30 : aucune réponse au questionnaire « Votre avis de formateur » (1 interrogé)",
        ]
        let printed = Self.plain(outcome.standardOutput)
        #expect(
            printed.contains("Gaps:\n" + gaps.map { "  \($0)\n" }.joined() + "Checks: 8 of 8 passed."), "\(printed)")
        let summary = try #require(texts["00-sommaire.pdf"])
        let sha = try archive.entry("manifest.json").sha256
        #expect(summary.contains(sha) && printed.contains(sha))
        for gap in gaps { #expect(summary.contains(gap), "the sommaire says \(gap)") }
        #expect(summary.contains("8 — Positionnement à l’entrée 03-positionnement/positionnement.pdf"))
        #expect(try #require(texts["99-controles.pdf"]).components(separatedBy: ": conforme").count == 9)
        // pdftotext closes up the spaces around « / »: compared without spaces.
        let squeezed = { (name: String) in (texts[name] ?? "").filter { $0 != " " } }
        #expect(squeezed("05-evaluation/evaluation-des-acquis.pdf").contains("Stagiaire1Caennais2/54/5acquis"))
        #expect(squeezed("05-evaluation/evaluation-des-acquis.pdf").contains("Stagiaire8Caennais2/5—acquis"))
        #expect(squeezed("03-positionnement/positionnement.pdf").contains("Stagiaire1Caennais2/53/51/5oui"))
        #expect(!(texts["03-positionnement/positionnement.pdf"] ?? "").contains("fauteuil"))

        // The messages as sent, without the credentials they carried.
        let convocation = String(
            decoding: try #require(archive.entries.first { $0.name.hasPrefix("02-convocations/001-") }).bytes,
            as: UTF8.self)
        #expect(Self.plain(convocation).contains("Objet : Convocation : Accompagner la fonction employeur"))
        #expect(
            convocation.contains("/s/[jeton retiré]")
                && convocation.contains("code personnel\u{00A0}: [code personnel retiré]"))
        #expect(!convocation.contains("0123456789abcdef") && !convocation.contains("K7P-42Q"))
        let verification = String(decoding: try archive.entry("04-emargement/verification.txt").bytes, as: UTF8.self)
        #expect(verification.hasPrefix("La chaîne de preuves de \(caen) est intacte\u{00A0}:"))
    }

    /// Without personal data, a signature is its time and an adaptation « oui »; with them, the
    /// images and the words are there. The same database and day give the same bytes.
    @Test func personalDataOnlyWhenAskedAndTheSameBytesTwice() throws {
        let (_, first, firstPath) = try pack()
        let (_, again, againPath) = try pack()
        let (_, personal, personalPath) = try pack(["--with-personal-data"])
        defer {
            for path in [firstPath, againPath, personalPath] { try? FileManager.default.removeItem(atPath: path) }
        }
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: firstPath)) == Data(contentsOf: URL(fileURLWithPath: againPath)))
        #expect(first.entries.map(\.sha256) == again.entries.map(\.sha256))
        let sheet = try PDFReading(try first.entry("04-emargement/feuille-emargement.pdf").bytes)
        let signedSheet = try PDFReading(try personal.entry("04-emargement/feuille-emargement.pdf").bytes)
        defer {
            sheet.remove()
            signedSheet.remove()
        }
        #expect(try sheet.imageCount() == 0)
        #expect(try signedSheet.imageCount() == 6, "the first participant's six drawings")
        let text = Self.plain(try sheet.pages().joined(separator: " "))
        #expect(
            text.contains("signé le 01/10/2026 à 09 h 10") && text.contains("retirée") && !text.contains("192.0.2.7"))
        #expect(Self.plain(try signedSheet.pages().joined(separator: " ")).contains("192.0.2.7"))
        let positioning = try PDFReading(try personal.entry("03-positionnement/positionnement.pdf").bytes)
        defer { positioning.remove() }
        #expect(Self.plain(try positioning.pages().joined(separator: " ")).contains("oui : Je me déplace en fauteuil."))
    }

    /// A period's packs: one ZIP per session that ended in it, in a folder created if need be.
    @Test func aPeriodWritesAPackPerSessionThatEndedInIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("packs-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outcome = try year.atelier([
            "qualiopi", "pack", "--from", "2026-10-01", "--to", "2026-10-31", "--out", folder, "--at", Self.day,
        ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput == "Wrote \(folder)/\(caen).zip: 7 gaps, 8 of 8 checks passed.\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["\(caen).zip"])
        #expect(try ExternalTool.python("read_zip.py", [folder + "/\(caen).zip"], as: Archive.self).ok)
    }

    /// A session a court would reject: one drawing on two half-days, a half-day on 14 July, and
    /// twelve signatures for eleven seats (one signed, cancelled, and another took the seat).
    @Test func theChecksFlagASessionBuiltToFail() throws {
        let store = try year.store()
        var plan = SessionPlan(
            module: "PMAE",
            slots: try ["2026-07-14T09:00-12:30", "2026-07-15T09:00-12:30"].map(SlotSpec.init(parsing:)))
        plan.capacity = 11
        plan.recordsPast = true
        let code = try Sessions(store).schedule(plan).code
        let people = try Self.addTrainees(12, from: 20, store: store)
        for email in people.prefix(11) { _ = try Registrations(store).register(email, in: code) }
        let signatures = Signatures(store)
        let drawing = try SignatureImage.png()
        let starts = try ["2026-07-14T09:10:00+02:00", "2026-07-15T09:10:00+02:00"].map {
            try #require(ISO8601DateFormatter().date(from: $0))
        }
        func sign(_ email: EmailAddress, halfDay index: Int, _ mark: Signatures.Mark) throws {
            let link = try #require(
                try signatures.link(
                    token: try signatures.issueLink(registration: try Registrations(store).id(of: email, in: code))
                        .token))
            let slot = try signatures.halfDays(link, at: starts[index], window: Self.window)[index].slot
            _ = try signatures.sign(
                link, slot: slot, mark: mark, client: Self.client, at: starts[index], window: Self.window)
        }
        for email in people.prefix(11) {
            try sign(email, halfDay: 0, email == people[0] ? .drawn(drawing) : .typed(email.text))
        }
        try sign(people[0], halfDay: 1, .drawn(drawing))
        _ = try Registrations(store).cancel(people[10], in: code)
        _ = try Registrations(store).register(people[11], in: code)
        try sign(people[11], halfDay: 0, .typed("Stagiaire31 Caennais"))

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID()).zip").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try year.atelier(["qualiopi", "pack", code, "--out", path, "--at", Self.day])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let archive = try ExternalTool.python("read_zip.py", [path], as: Archive.self)
        let checks = try PDFReading(try archive.entry("99-controles.pdf").bytes)
        defer { checks.remove() }
        let text = Self.plain(try checks.pages().joined(separator: " "))
        for expected in [
            "Pas plus de participants que de places : à examiner",
            "porte 12 signatures de participants pour 11 places",
            "Aucune image de signature utilisée deux fois : à examiner",
            "La même image de signature figure sur 2 enregistrements",
            "Aucune demi-journée un dimanche ou un jour férié : à examiner",
            "La demi-journée du mardi 14 juillet 2026 tombe un jour férié (Fête nationale).",
            "Chaque demi-journée passée clôturée et signée par son formateur : à examiner",
            "La chaîne de preuves de l’émargement est intacte : conforme",
        ] {
            #expect(text.contains(expected), "99-controles says \(expected): \(text)")
        }
        #expect(Self.plain(outcome.standardOutput).contains("Checks: 2 of 8 passed."), "\(outcome.standardOutput)")
    }
}
