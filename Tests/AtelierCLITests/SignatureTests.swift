import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// Participants signing the half-days of 2 March 2026 from their personal link (9 h–12 h 30,
/// 14 h–17 h 30, given by Scop L’Atelier coopératif), each signature a record of the session's
/// attendance evidence, whose chain `atelier attendance verify` checks.
@Suite struct SignatureTests {
    let year: TrainingYear
    let window = Signatures.Window(opensMinutesBefore: 15, graceMinutesAfter: 120)
    let client = Signatures.Client(address: "192.0.2.7", userAgent: "Mozilla/5.0 (Linux; Android 14)")

    init() throws { year = try TrainingYear() }

    /// 2 March 2026 at `time`, in Paris.
    static func march(_ time: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: "2026-03-02T\(time):00+01:00"))
    }

    func link(_ name: String) throws -> (Signatures, Signatures.Link) {
        let store = try year.store()
        let signatures = Signatures(store)
        let registration = try store.connection.execute(
            """
            SELECT r.id FROM registration r JOIN participant p ON p.id = r.participant_id
            JOIN session s ON s.id = r.session_id WHERE p.email = \(try TrainingYear.email(name).text)
            AND s.code = \(TrainingYear.march)
            """)[0].decode(Int.self, at: 0)
        let token = try signatures.issueLink(registration: registration).token
        return (signatures, try #require(try signatures.link(token: token)))
    }

    func verify() throws -> AtelierProcess.Outcome {
        try year.atelier(["attendance", "verify", TrainingYear.march])
    }

    /// How many records the March session's chain holds: the year's marks come first.
    func records() throws -> Int {
        try year.database.connect().execute(
            """
            SELECT count(*) FROM attendance_evidence WHERE session_id = (SELECT id FROM session WHERE code = \(TrainingYear.march))
            """)[0].decode(Int.self, at: 0)
    }

    @Test func eachHalfDayOpensForItsWindowWithTheSessionsOwnWords() throws {
        let (signatures, link) = try link("Chloé")
        let states = { (time: String) in
            try signatures.halfDays(link, at: try Self.march(time), window: window).map(\.state)
        }
        #expect(try states("08:44") == [.upcoming, .upcoming])
        #expect(try states("08:45") == [.open, .upcoming])
        #expect(try states("13:00") == [.late, .upcoming])
        #expect(try states("14:30") == [.late, .open])
        #expect(try states("14:31") == [.over, .open])
        #expect(try states("17:45") == [.over, .late])
        #expect(try states("19:31") == [.over, .over])
        let morning = try signatures.halfDays(link, at: try Self.march("09:10"), window: window)[0]
        #expect(
            morning.consent
                == "Je certifie avoir assisté à «\u{202F}Accompagner la fonction employeur\u{202F}», le lundi 2 mars 2026, de 9\u{00A0}h à 12\u{00A0}h\u{00A0}30, formation animée par Scop L’Atelier coopératif."
        )
    }

    @Test func aSignatureIsRecordedOnceAndChained() throws {
        let (signatures, link) = try link("Chloé")
        let morning = try signatures.halfDays(link, at: try Self.march("09:10"), window: window)[0]
        let signed = try signatures.sign(
            link, slot: morning.slot, mark: .drawn(try SignatureImage.png()), client: client,
            at: try Self.march("09:10"), window: window)
        #expect(signed.signedAt != nil && !signed.signedLate)
        #expect(throws: Signatures.Refusal.alreadySigned) {
            try signatures.sign(
                link, slot: morning.slot, mark: .typed("Chloé Martin"), client: client,
                at: try Self.march("09:12"), window: window)
        }
        let (other, alice) = try self.link("Alice")
        let odd = Signatures.Client(address: "192.0.2.8", userAgent: "Mozilla\u{7}/5.0\u{2028} (X11)")
        let late = try other.sign(
            alice, slot: morning.slot, mark: .typed("  Alice Bernard "), client: odd, at: try Self.march("13:05"),
            window: window)
        #expect(late.signedLate)

        let rows = try year.database.connect().execute(
            """
            SELECT position, channel, actor, host(client_address), user_agent, typed_name, late,
                   signature_sha256 = sha256(signature_png),
                   previous_hash = (SELECT hash FROM attendance_evidence b WHERE b.position = e.position - 1),
                   link_id IS NOT NULL
            FROM attendance_evidence e WHERE action = 'signature' ORDER BY position
            """)
        #expect(rows.count == 2)
        let first = try rows[0].decode((Int, String, String, String, String, String?, Bool, Bool?, Bool, Bool).self)
        #expect(first.1 == "personal-link" && first.2 == "Chloé Caron" && first.3 == "192.0.2.7")
        #expect(first.5 == nil && first.7 == true && first.8 && first.9)
        let second = try rows[1].decode((Int, String, String, String, String, String?, Bool, Bool?, Bool, Bool).self)
        #expect(second.0 == first.0 + 1 && second.5 == "Alice Bernard" && second.6 && second.8)
        #expect(second.4 == "Mozilla/5.0 (X11)", "control characters and line separators dropped")

        let intact = try verify()
        #expect(intact.status == 0, "\(intact.standardError)")
        #expect(
            intact.standardOutput.hasPrefix(
                "The attendance evidence of S-2026-001 is intact: \(try records()) records, the last hash "))
    }

    @Test func whatIsNotASignatureIsRefusedAndNothingIsWritten() throws {
        let (signatures, link) = try link("Chloé")
        let at = try Self.march("09:10")
        let slots = try signatures.halfDays(link, at: at, window: window).map(\.slot)
        let (gaspard, cancelled) = try self.link("Gaspard")
        let before = try year.database.fingerprint()
        let refusals: [(Signatures.Mark, Int, Date, Signatures.Refusal)] = [
            (.drawn(try SignatureImage.png(drawn: false)), slots[0], at, .blankDrawing),
            (.drawn(Array("not a png".utf8)), slots[0], at, .notAnImage),
            (.drawn(Self.claiming(width: 40_000, height: 40_000)), slots[0], at, .notAnImage),
            (.drawn(try SignatureImage.png() + [UInt8](repeating: 0, count: 65_536)), slots[0], at, .notAnImage),
            (.typed("   "), slots[0], at, .emptyName),
            (.typed("Chloé"), slots[1], at, .notOpen),
            (.typed("Chloé"), slots[0], try Self.march("14:31"), .over),
            (.typed("Chloé"), 999_999, at, .unknownHalfDay),
        ]
        for (mark, slot, time, refusal) in refusals {
            #expect(throws: refusal) {
                try signatures.sign(link, slot: slot, mark: mark, client: client, at: time, window: window)
            }
        }
        #expect(throws: Signatures.Refusal.withdrawn) {
            try gaspard.sign(cancelled, slot: slots[0], mark: .typed("Gaspard"), client: client, at: at, window: window)
        }
        #expect(try year.database.fingerprint() == before)
    }

    /// The first bytes of a PNG whose header claims `width`×`height`: a few bytes that would
    /// make a decoder allocate gigabytes.
    static func claiming(width: UInt32, height: UInt32) -> [UInt8] {
        let big = { (value: UInt32) in (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + big(width)
            + big(height) + [8, 6, 0, 0, 0, 0, 0, 0, 0]
    }

    @Test func theEvidenceIsNeverChangedAndAnEditBehindItsBackIsFound() throws {
        let (signatures, link) = try link("Chloé")
        let at = try Self.march("09:10")
        let slots = try signatures.halfDays(link, at: at, window: window).map(\.slot)
        _ = try signatures.sign(
            link, slot: slots[0], mark: .typed("Chloé Martin"), client: client, at: at, window: window)
        _ = try signatures.sign(
            link, slot: slots[1], mark: .typed("Chloé Martin"), client: client, at: try Self.march("14:05"),
            window: window)
        let connection = try year.database.connect()
        for statement in [
            "UPDATE attendance_evidence SET actor = 'Quelqu’un d’autre'", "DELETE FROM attendance_evidence",
            "TRUNCATE attendance_evidence",
        ] {
            let error = #expect(throws: PostgresError.self) {
                try connection.execute(PostgresQuery(unsafeSQL: statement))
            }
            #expect(error?.constraint == "attendance_evidence_append_only", "\(statement)")
        }
        #expect(try verify().status == 0)

        // What only a superuser (or the table's owner) can do: switch the trigger off and edit.
        try connection.executeScript(
            """
            ALTER TABLE attendance_evidence DISABLE TRIGGER attendance_evidence_append_only;
            UPDATE attendance_evidence SET acted_at = acted_at - interval '3 hours' WHERE action = 'signature'
              AND position = (SELECT min(position) FROM attendance_evidence WHERE action = 'signature');
            ALTER TABLE attendance_evidence ENABLE TRIGGER attendance_evidence_append_only
            """)
        let broken = try verify()
        #expect(broken.status == 65)
        #expect(
            broken.standardError
                == "The attendance evidence of S-2026-001 is broken at record \(try records() - 1) of \(try records()): it no longer matches its hash, or the record before it was changed or removed.\n"
        )
        #expect(broken.standardOutput.isEmpty)
    }

    /// The coordinator's marks and corrections are records of the chain too, a correction with
    /// its reason; a correction without one is refused.
    @Test func marksAndCorrectionsFromTheCLIAreRecordsWithTheirReason() throws {
        let marks = try year.database.connect().execute(
            """
            SELECT count(*) FROM attendance_evidence e JOIN session s ON s.id = e.session_id
            WHERE s.code = \(TrainingYear.march) AND action = 'mark' AND channel = 'cli'
            """)[0].decode(Int.self, at: 0)
        #expect(marks == 12, "the year's marks of March: 6 participants × 2 half-days")
        let corrected = try year.atelier([
            "attendance", "correct", TrainingYear.march, "--slot", "2026-03-02T14:00", "--present", "bruno@asso.fr",
            "--reason", "arrivé en retard, noté absent par erreur", "--by", "Claire Martin",
        ])
        #expect(corrected.status == 0, "\(corrected.standardError)")
        let row = try year.database.connect().execute(
            """
            SELECT e.status, e.actor, e.reason, e.channel FROM attendance_evidence e
            JOIN registration r ON r.id = e.registration_id JOIN participant p ON p.id = r.participant_id
            WHERE e.action = 'correction' AND p.email = 'bruno@asso.fr'
            """)
        #expect(row.count == 1)
        #expect(
            try row[0].decode((String, String, String, String).self)
                == ("present", "Claire Martin", "arrivé en retard, noté absent par erreur", "cli"))
        #expect(try verify().status == 0)
        let before = try year.database.fingerprint()
        let unexplained = try year.atelier([
            "attendance", "correct", TrainingYear.march, "--slot", "2026-03-02T14:00", "--absent", "bruno@asso.fr",
            "--reason", " ",
        ])
        #expect(unexplained.status == 65)
        #expect(unexplained.standardError.contains("reason of the correction"))
        #expect(try year.database.fingerprint() == before)
    }

    /// `attendance show` warns of what an auditor looks for: one image on two records, a
    /// signature outside its half-day (these were signed in November for March), a half-day
    /// on a Sunday or a public holiday.
    @Test func attendanceShowWarnsOfWhatAnAuditorLooksFor() throws {
        let (signatures, chloe) = try link("Chloé")
        let (other, alice) = try link("Alice")
        let at = try Self.march("09:10")
        let morning = try signatures.halfDays(chloe, at: at, window: window)[0].slot
        let png = try SignatureImage.png()
        _ = try signatures.sign(chloe, slot: morning, mark: .drawn(png), client: client, at: at, window: window)
        _ = try other.sign(alice, slot: morning, mark: .drawn(png), client: client, at: at, window: window)
        let shown = try year.atelier(["attendance", "show", TrainingYear.march])
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(shown.standardOutput.contains("Warning: The same signature image is on 2 records ("))
        #expect(
            shown.standardOutput.contains(
                "Warning: Chloé Caron signed lundi 2 mars 2026, de 9\u{00A0}h à 12\u{00A0}h\u{00A0}30 on "))
        #expect(shown.standardOutput.contains(", outside the half-day (record "))
        #expect(
            shown.standardOutput.contains(
                "Warning: lundi 2 mars 2026, de 9\u{00A0}h à 12\u{00A0}h\u{00A0}30 has ended and was never closed by its trainer: nobody certified it."
            ))

        var plan = SessionPlan(
            module: "PMAE",
            slots: try ["2026-04-05T09:00-12:00", "2026-04-06T09:00-12:00"].map(SlotSpec.init(parsing:)))
        plan.recordsPast = true
        let easter = try Sessions(try year.store()).schedule(plan).code
        let holidays = try year.atelier(["attendance", "show", easter]).standardOutput
        #expect(holidays.contains("Warning: The half-day of dimanche 5 avril 2026 falls on a Sunday."))
        #expect(
            holidays.contains(
                "Warning: The half-day of lundi 6 avril 2026 falls on a public holiday (lundi de Pâques)."))
    }

    /// A seat signed twice: a participant signed, cancelled, and another took the seat and
    /// signed the same half-day.
    @Test func moreSignaturesThanSeatsIsWarnedOf() throws {
        let store = try year.store()
        var plan = SessionPlan(module: "PMAE", slots: [try SlotSpec(parsing: "2026-05-04T09:00-12:30")])
        plan.recordsPast = true
        plan.capacity = 1
        let code = try Sessions(store).schedule(plan).code
        let at = try #require(ISO8601DateFormatter().date(from: "2026-05-04T09:10:00+02:00"))
        for name in ["Chloé", "Alice"] {
            let path = try year.signingPath(try TrainingYear.email(name), in: code)
            let signatures = Signatures(try year.store())
            let link = try #require(try signatures.link(token: String(path.dropFirst(3))))
            let slot = try signatures.halfDays(link, at: at, window: window)[0].slot
            _ = try signatures.sign(link, slot: slot, mark: .typed(name), client: client, at: at, window: window)
            if name == "Chloé" { _ = try Registrations(store).cancel(try TrainingYear.email(name), in: code) }
        }
        let shown = try year.atelier(["attendance", "show", code]).standardOutput
        #expect(
            shown.contains(
                "Warning: lundi 4 mai 2026, de 9\u{00A0}h à 12\u{00A0}h\u{00A0}30 has 2 participants' signatures for 1 seat."
            ))
    }

    /// The feuille d'émargement draws each signature in its box with when it was made; a typed
    /// one says the name typed, a late one says so.
    @Test func theSheetDrawsEachSignatureInItsBox() throws {
        let (signatures, chloe) = try link("Chloé")
        let (other, alice) = try link("Alice")
        let morning = try signatures.halfDays(chloe, at: try Self.march("09:10"), window: window)[0].slot
        _ = try signatures.sign(
            chloe, slot: morning, mark: .drawn(try SignatureImage.png()), client: client, at: try Self.march("09:10"),
            window: window)
        _ = try other.sign(
            alice, slot: morning, mark: .typed("Alice Aubert"), client: client, at: try Self.march("13:05"),
            window: window)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("emargement-\(UUID()).pdf").path
        let written = try year.atelier(["attendance", "sheet", TrainingYear.march, "--out", file])
        #expect(written.status == 0, "\(written.standardError)")
        let pdf = try PDFReading(try [UInt8](Data(contentsOf: URL(fileURLWithPath: file))))
        defer { pdf.remove() }
        let morningPage = try pdf.pages()[0]
        #expect(try pdf.imageCount() == 1, "the drawn signature")
        #expect(
            morningPage.contains(
                try #require(morningPage.firstMatch(of: /Chloé CARON .* signé le \d\d\/\d\d\/\d{4} à \d\d h \d\d/)).0))
        #expect(morningPage.contains("(tardive), nom tapé : Alice Aubert"))
        let picture = AtelierProcess.packageRoot.appendingPathComponent(".atelier/screenshots/sheet-signed")
        _ = try ExternalTool.run(
            "/usr/bin/pdftoppm", ["-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", file, picture.path])
    }
}
