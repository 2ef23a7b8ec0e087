import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// A coordinator's mistakes, each run through the real `atelier` binary against one seeded
/// database: one sentence on standard error, the exit status of its kind, nothing on standard
/// output, and every table exactly as before.
@Suite struct RefusalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let arguments: [String]
        let status: Int32
        let sentence: String
        var testDescription: String { name }

        /// Runs the case against `database`: its sentence alone on standard error, its exit
        /// status, nothing on standard output, and every table as before.
        func check(on database: TestDatabase) throws {
            let before = try database.fingerprint()
            let outcome = try AtelierProcess.run(arguments, environment: ["ATELIER_DATABASE_URL": database.url])
            #expect(outcome.standardError == sentence + "\n")
            #expect(outcome.status == status)
            #expect(outcome.standardOutput == "")
            #expect(try database.fingerprint() == before)
        }
    }

    /// Built once for all the cases: since none of them may change anything, they can share it.
    static let seeded = Result { try SeededDatabase() }

    static let future = ["--module", "PMAE", "--venue", "MDA", "--trainer", "SCOP"]

    static let cases: [Case] = [
        Case(
            name: "impossible date", arguments: ["session", "schedule", "--slot", "2031-02-30T09:00-12:00"] + future,
            status: 65, sentence: "The date 2031-02-30 does not exist."),
        Case(
            name: "end before start", arguments: ["session", "schedule", "--slot", "2031-03-03T12:30-09:00"] + future,
            status: 65,
            sentence:
                "The slot 2031-03-03T12:30-09:00 ends before it starts: a slot lies within one day, so one that crosses midnight is two slots."
        ),
        Case(
            name: "slot in the past", arguments: ["session", "schedule", "--slot", "2024-03-04T09:00-12:00"] + future,
            status: 65,
            sentence: "The slot 2024-03-04T09:00-12:00 is in the past: add --past to record a session already given."),
        Case(
            name: "malformed slot", arguments: ["session", "schedule", "--slot", "lundi matin"] + future,
            status: 65,
            sentence:
                "The slot “lundi matin” is not a slot: write it as DATE T START - END, like 2027-04-05T09:00-12:30."),
        Case(
            name: "unknown module",
            arguments: ["session", "schedule", "--slot", "2031-03-03T09:00-12:00", "--module", "NOPE"],
            status: 66, sentence: "No module has the code NOPE."),
        Case(
            name: "unknown trainer",
            arguments: [
                "session", "schedule", "--slot", "2031-03-03T09:00-12:00", "--module", "PMAE", "--trainer", "GHOST",
            ],
            status: 66, sentence: "No trainer has the code GHOST."),
        Case(
            name: "unknown venue",
            arguments: [
                "session", "schedule", "--slot", "2031-03-03T09:00-12:00", "--module", "PMAE", "--venue", "NOWHERE",
            ],
            status: 66, sentence: "No venue has the code NOWHERE."),
        Case(
            name: "trainer booked twice",
            arguments: ["session", "schedule", "--slot", "2030-04-04T11:00-13:00"] + future,
            status: 67,
            sentence:
                "The trainer SCOP is already booked during the slot 2030-04-04T11:00-13:00, in the session S-2030-001."),
        Case(
            name: "unknown funder",
            arguments: ["register", "S-2030-001", "p3@asso.fr", "--funder", "AFDAS", "--amount", "300"],
            status: 66, sentence: "No funder has the code AFDAS."),
        Case(
            name: "unknown session", arguments: ["register", "S-2030-404", "p3@asso.fr"],
            status: 66, sentence: "No session has the code S-2030-404."),
        Case(
            name: "verifying an unknown session", arguments: ["attendance", "verify", "S-2030-404"],
            status: 66, sentence: "No session has the code S-2030-404."),
        Case(
            name: "room code of an unknown session",
            arguments: ["attendance", "code", "S-2030-404", "--slot", "2030-04-04T09:00"],
            status: 66, sentence: "No session has the code S-2030-404."),
        Case(
            name: "room code of a slot the session does not have",
            arguments: ["attendance", "code", "S-2030-001", "--slot", "2030-04-04T10:00", "--out", "salle.pdf"],
            status: 66, sentence: "The session S-2030-001 has no slot starting at 2030-04-04T10:00."),
        Case(
            name: "room code of a malformed slot", arguments: ["attendance", "code", "S-2030-001", "--slot", "jeudi"],
            status: 65, sentence: "The slot “jeudi” is not a slot start: write it like 2027-04-05T09:00."),
        Case(
            name: "room code of a cancelled session",
            arguments: ["attendance", "code", "S-2030-002", "--slot", "2030-05-06T09:00"],
            status: 67, sentence: "The session S-2030-002 is cancelled: nobody signs its half-days."),
        Case(
            name: "report of an unknown session",
            arguments: ["assessment", "report", "S-2030-404", "--out", "/tmp/atelier-never-written.pdf"],
            status: 66, sentence: "No session has the code S-2030-404."),
        Case(
            name: "a questionnaire's code that no file could have",
            arguments: ["assessment", "show", "S-2030-001", "--questionnaire", "Chaud"],
            status: 65, sentence: "“Chaud” is not a questionnaire's code, like hot or positioning."),
        Case(
            name: "an unknown questionnaire",
            arguments: [
                "assessment", "record", "S-2030-001", "--participant", "p1@asso.fr", "--questionnaire", "tiede",
                "--answer", "1=5",
            ],
            status: 66, sentence: "There is no questionnaire tiede: the questionnaires are cold, hot."),
        Case(
            name: "positioning of an unknown session",
            arguments: ["assessment", "show", "S-2030-404", "--kind", "positioning"],
            status: 66, sentence: "No session has the code S-2030-404."),
        Case(
            name: "an unknown structure", arguments: ["structure", "edit", "Les Amis du Vélo", "--contact-name", "Jo"],
            status: 66,
            sentence: "No structure has the name or SIRET “Les Amis du Vélo”: `atelier structure list` lists them."),
        Case(
            name: "a structure's edit that changes nothing", arguments: ["structure", "edit", "Les Amis du Vélo"],
            status: 65,
            sentence: "Nothing to change: give --contact-name, --contact-email, --siret or a billing option."),
        Case(
            name: "a structure's contact that is no email",
            arguments: ["structure", "edit", "Les Amis du Vélo", "--contact-email", "jo-at-velo"],
            status: 65, sentence: "The email “jo-at-velo” is not an email address: it has no @."),
        Case(
            name: "unknown participant", arguments: ["register", "S-2030-001", "nobody@asso.fr"],
            status: 66, sentence: "No participant has the email nobody@asso.fr."),
        Case(
            name: "duplicate registration", arguments: ["register", "S-2030-001", "P1@Asso.fr"],
            status: 67, sentence: "p1@asso.fr is already registered for the session S-2030-001 (confirmed)."),
        Case(
            name: "registration on a cancelled session", arguments: ["register", "S-2030-002", "p3@asso.fr"],
            status: 67, sentence: "The session S-2030-002 is cancelled: it takes no more registrations."),
        Case(
            name: "completing with missing attendance", arguments: ["session", "complete", "S-2025-001"],
            status: 67,
            sentence:
                "The session S-2025-001 cannot be completed: attendance is missing for Prénom1 NOM1 on samedi 5 avril 2025 at 9\u{00A0}h."
        ),
        Case(
            name: "attendance in the future",
            arguments: ["attendance", "record", "S-2030-001", "--slot", "2030-04-04T09:00", "--present", "all"],
            status: 67,
            sentence:
                "The slot of jeudi 4 avril 2030 at 9\u{00A0}h has not started: attendance is recorded once it has begun."
        ),
        Case(
            name: "attendance for someone not registered",
            arguments: ["attendance", "record", "S-2025-001", "--slot", "2025-04-05T09:00", "--present", "p3@asso.fr"],
            status: 67, sentence: "p3@asso.fr is not a confirmed participant of the session S-2025-001."),
        Case(
            name: "attendance for a slot the session does not have",
            arguments: ["attendance", "record", "S-2025-001", "--slot", "2025-04-05T10:00", "--present", "all"],
            status: 66, sentence: "The session S-2025-001 has no slot starting at 2025-04-05T10:00."),
        Case(
            name: "amount with three decimals",
            arguments: ["register", "S-2030-001", "p3@asso.fr", "--funder", "OPCO", "--amount", "12,345"],
            status: 65, sentence: "The amount “12,345” is not an amount in euros: write it like 300 or 3 600,50."),
        Case(
            name: "negative amount",
            arguments: ["register", "S-2030-001", "p3@asso.fr", "--funder", "OPCO", "--amount=-3"],
            status: 65, sentence: "The amount “-3” is not an amount in euros: write it like 300 or 3 600,50."),
        Case(
            name: "amount with an exponent",
            arguments: ["funding", "add", "S-2030-001", "--funder", "OPCO", "--amount", "1e9"],
            status: 65, sentence: "The amount “1e9” is not an amount in euros: write it like 300 or 3 600,50."),
        Case(
            name: "duplicate email in another case",
            arguments: ["participant", "add", "P2@ASSO.FR", "--first-name", "X", "--last-name", "Y"],
            status: 67, sentence: "A participant already has the email p2@asso.fr."),
        Case(
            name: "malformed email",
            arguments: ["participant", "add", "p4.asso.fr", "--first-name", "X", "--last-name", "Y"],
            status: 65, sentence: "The email “p4.asso.fr” is not an email address: it has no @."),
        Case(
            name: "oversize title",
            arguments: ["module", "add", "LONG", "--title", String(repeating: "é", count: 201), "--duration", "7h"],
            status: 65, sentence: "The title is 201 characters long; the most is 200."),
        Case(
            name: "invalid SIRET",
            arguments: [
                "participant", "add", "p5@asso.fr", "--first-name", "X", "--last-name", "Y", "--organisation", "Z",
                "--siret", "12345678901234",
            ],
            status: 65, sentence: "The SIRET “12345678901234” is not valid: its check digit is wrong."),
        Case(
            name: "zero capacity",
            arguments: ["module", "add", "ZERO", "--title", "Zéro", "--duration", "7h", "--capacity", "0"],
            status: 65, sentence: "The capacity 0 is out of range: it goes from 1 to 500."),
        Case(
            name: "duplicate module code",
            arguments: ["module", "add", "pmae", "--title", "Autre", "--duration", "7h"],
            status: 67, sentence: "A module already has the code PMAE."),
        Case(
            name: "unknown module to edit", arguments: ["module", "edit", "NOPE", "--capacity", "3"],
            status: 66, sentence: "No module has the code NOPE."),
        Case(
            name: "malformed duration",
            arguments: ["module", "add", "DUREE", "--title", "Durée", "--duration", "trois jours"],
            status: 65, sentence: "The duration “trois jours” is not a duration: write it like 21h, 10,5h or 17h30."),
        Case(
            name: "cancelling a registration that is not there",
            arguments: ["registration", "cancel", "S-2030-001", "p3@asso.fr"],
            status: 66, sentence: "p3@asso.fr is not registered for the session S-2030-001."),
        Case(
            name: "a file that does not exist", arguments: ["participant", "import", "/nonexistent/inscrits.csv"],
            status: 66, sentence: "The file /nonexistent/inscrits.csv does not exist or cannot be read."),
        Case(
            name: "an empty CSV", arguments: ["participant", "import", CSVFiles.path("empty.csv")],
            status: 65, sentence: "The file \(CSVFiles.path("empty.csv")) is empty: its first line names the columns."),
        Case(
            name: "a CSV with missing columns", arguments: ["participant", "import", CSVFiles.path("columns.csv")],
            status: 65,
            sentence:
                "The file \(CSVFiles.path("columns.csv")) lacks the columns siret, statut: its first line names prenom;nom;email;structure;siret;statut."
        ),
        Case(
            name: "a CSV with a bad row 7 of 10", arguments: ["participant", "import", CSVFiles.path("row7.csv")],
            status: 65,
            sentence:
                "The file \(CSVFiles.path("row7.csv")) has 1 bad row; nothing was imported:\n  line 7, column email: the email “ligne7.asso.fr” is not an email address: it has no @"
        ),
        Case(
            name: "a Latin-1 CSV", arguments: ["participant", "import", CSVFiles.path("latin1.csv")],
            status: 65,
            sentence:
                "The file \(CSVFiles.path("latin1.csv")) is not UTF-8: line 2 has a character in another encoding; save it as « CSV UTF-8 » from your spreadsheet."
        ),
        Case(
            name: "a webhook that is not a URL", arguments: ["webhook", "add", "crm.example/events"],
            status: 65, sentence: "The webhook URL “crm.example/events” is not an http or https URL."),
        Case(
            name: "removing a webhook that is not there",
            arguments: ["webhook", "remove", "https://crm.example/events"],
            status: 66, sentence: "No webhook has the URL https://crm.example/events."),
        Case(
            name: "a job that does not exist", arguments: ["jobs", "retry", "424242"],
            status: 66, sentence: "No job has the id 424242."),
        // Issue 16: each case its own sentence and status.
        Case(
            name: "cancelling a job that does not exist", arguments: ["jobs", "cancel", "424242"],
            status: 66, sentence: "No job has the id 424242."),
        Case(
            name: "a date past the years recorded",
            arguments: [
                "export", "funding", "--funder", "OPCO", "--from", "2101-01-04", "--to", "2101-02-01", "--out",
                "/tmp/x.csv",
            ],
            status: 65, sentence: "The date 2101-01-04 is outside the years Atelier records, 2000 to 2100."),
        // Issue 7: one identity per person, no crash on any input, rules that hold, no raw text.
        Case(
            name: "an email typed with a decomposed accent",
            arguments: ["participant", "add", "e\u{301}lodie@asso.fr", "--first-name", "X", "--last-name", "Y"],
            status: 67, sentence: "A participant already has the email \u{E9}lodie@asso.fr."),
        Case(
            name: "an email with an invisible character",
            arguments: ["participant", "add", "a\u{200B}b@asso.fr", "--first-name", "X", "--last-name", "Y"],
            status: 65,
            sentence:
                "The email “a\u{200B}b@asso.fr” is not an email address: it holds the character U+200B (ZERO WIDTH SPACE)."
        ),
        Case(
            name: "an email with two dots in a row in its domain",
            arguments: ["participant", "add", "a@b..fr", "--first-name", "X", "--last-name", "Y"],
            status: 65,
            sentence: "The email “a@b..fr” is not an email address: the part after the @ is not a domain like asso.fr."),
        Case(
            name: "a name with an escape sequence",
            arguments: ["participant", "add", "x@asso.fr", "--first-name", "A\u{1B}[2JB", "--last-name", "Y"],
            status: 65, sentence: "The first name holds the character U+001B (ESCAPE): it is one line of text."),
        Case(
            name: "an emoji in a name",
            arguments: ["participant", "add", "x@asso.fr", "--first-name", "Zoé 😀", "--last-name", "Œuvray"],
            status: 65,
            sentence:
                "The first name holds the emoji U+1F600 (GRINNING FACE): names and titles are printed on certificates and sheets, without emoji."
        ),
        Case(
            name: "an emoji in a trainer's name",
            arguments: ["trainer", "add", "NEW", "--name", "Scop ❤️"],
            status: 65,
            sentence:
                "The name holds the emoji U+2764 (HEAVY BLACK HEART): names and titles are printed on certificates and sheets, without emoji."
        ),
        Case(
            name: "a CSV with an emoji in a name",
            arguments: ["participant", "import", CSVFiles.path("emoji.csv")],
            status: 65,
            sentence:
                "The file \(CSVFiles.path("emoji.csv")) has 1 bad row; nothing was imported:\n  line 3, column nom: the last name holds the emoji U+1F44D (THUMBS UP SIGN): names and titles are printed on certificates and sheets, without emoji"
        ),
        Case(
            name: "a title with a line break",
            arguments: ["module", "add", "TWO", "--title", "Deux\nlignes", "--duration", "7h"],
            status: 65, sentence: "The title holds the character U+000A (LINE FEED): it is one line of text."),
        Case(
            name: "an objective with a line break",
            arguments: ["module", "edit", "PMAE", "--objective", "Recruter.", "--objective", "Deux\nlignes"],
            status: 65, sentence: "The objective holds the character U+000A (LINE FEED): it is one line of text."),
        Case(
            name: "thirty-one objectives",
            arguments: ["module", "edit", "PMAE"] + (1...31).flatMap { ["--objective", "Objectif \($0)."] },
            status: 65, sentence: "A module has at most 30 objectives; this one would have 31."),
        Case(
            name: "a programme version the module does not have",
            arguments: [
                "module", "programme", "PMAE", "--version", "9", "--out", "/tmp/atelier-refused-programme.pdf",
            ],
            status: 66, sentence: "The module PMAE has no programme version 9: its versions go from 1 to 1."),
        Case(
            name: "a pedagogical contact's malformed email",
            arguments: [
                "org", "edit", "--name", "MDA", "--siret", "73282932000074", "--activity-number", "28140123414",
                "--street", "8 rue Daniel Huet", "--postal-code", "14000", "--city", "Caen", "--email",
                "formation@mda-caen.fr", "--signatory-name", "Claire Martin", "--signatory-role", "Directrice",
                "--pedagogical-contact-email", "claire.mda-caen.fr",
            ],
            status: 65, sentence: "The email “claire.mda-caen.fr” is not an email address: it has no @."),
        Case(
            name: "an incident about an unknown session",
            arguments: [
                "incident", "add", "--session", "S-2030-404", "--kind", "reclamation", "--from", "other", "--text", "x",
            ],
            status: 66, sentence: "No session has the code S-2030-404."),
        Case(
            name: "an incident from nobody Atelier can name",
            arguments: ["incident", "add", "--kind", "incident", "--from", "voisin", "--text", "Bruit."],
            status: 65,
            sentence:
                "“voisin” does not say who reported it: write participant:EMAIL, trainer:CODE, funder:CODE or other."),
        Case(
            name: "an answer to an incident that does not exist",
            arguments: ["incident", "answer", "99", "--text", "Merci."],
            status: 66, sentence: "No incident has the number 99: `atelier incident list` shows them."),
        Case(
            name: "an incident number that is not one",
            arguments: ["incident", "answer", "trois", "--text", "Merci."],
            status: 65, sentence: "The incident number “trois” is not a whole number."),
        Case(
            name: "an improvement from an incident that does not exist",
            arguments: ["improvement", "add", "--text", "Mieux.", "--from", "incident:99"],
            status: 66, sentence: "No incident has the number 99: `atelier incident list` shows them."),
        Case(
            name: "an improvement due on a day that does not exist",
            arguments: ["improvement", "add", "--text", "Mieux.", "--due", "2031-02-30"],
            status: 65, sentence: "The date 2031-02-30 does not exist."),
        Case(
            name: "an improvement done that was never decided",
            arguments: ["improvement", "done", "5", "--text", "Fait."],
            status: 66, sentence: "No improvement has the number 5: `atelier improvement list` shows them."),
        Case(
            name: "a quality report for a year Atelier does not record",
            arguments: ["report", "quality", "--year", "1999"],
            status: 65, sentence: "The year 1999 is outside the years Atelier records, 2000 to 2100."),
        Case(
            name: "an evaluation of a session that does not exist",
            arguments: ["assessment", "show", "S-2030-404", "--kind", "evaluation"],
            status: 66, sentence: "No session has the code S-2030-404."),
        Case(
            name: "a duration too large",
            arguments: ["module", "add", "BIG", "--title", "Grand", "--duration", "999999999999999999h"],
            status: 65, sentence: "The duration “999999999999999999h” is too large: the most is 1000 h."),
        Case(
            name: "a negative capacity",
            arguments: ["module", "add", "NEG", "--title", "Négatif", "--duration", "7h", "--capacity", "-1"],
            status: 65, sentence: "The capacity -1 is out of range: it goes from 1 to 500."),
        Case(
            name: "a capacity beyond any integer",
            arguments: [
                "session", "schedule", "--slot", "2031-03-03T09:00-12:00", "--capacity", "99999999999999999999",
            ] + future,
            status: 65, sentence: "The capacity 99999999999999999999 is too large: the most is 500."),
        Case(
            name: "an amount too large",
            arguments: ["funding", "add", "S-2030-001", "--funder", "OPCO", "--amount", "99999999999"],
            status: 65,
            sentence: "The amount “99999999999” is over 1\u{202F}000\u{202F}000,00\u{00A0}€, the most Atelier accepts."),
        Case(
            name: "a slot that happens twice",
            arguments: ["session", "schedule", "--slot", "2031-10-26T02:30-03:30"] + future,
            status: 65,
            sentence:
                "The slot 2031-10-26T02:30-03:30 uses 02:30, a time that happens twice on 2031-10-26 in Europe/Paris: the clocks go back over it."
        ),
        Case(
            name: "a slot of no length",
            arguments: ["session", "schedule", "--slot", "2031-03-03T09:00-09:00"] + future,
            status: 65,
            sentence: "The slot 2031-03-03T09:00-09:00 lasts no time: it starts and ends at the same minute."),
        Case(
            name: "completing a session not over", arguments: ["session", "complete", "S-2030-001"],
            status: 67,
            sentence:
                "The session S-2030-001 is not over: its last slot ends jeudi 4 avril 2030 at 12\u{00A0}h\u{00A0}30; complete it after that."
        ),
        Case(
            name: "all with two statuses",
            arguments: [
                "attendance", "record", "S-2025-001", "--slot", "2025-04-05T09:00", "--present", "all", "--absent",
                "ALL",
            ],
            status: 65, sentence: "`all` is given as both present and absent: give it once, and name the others."),
        Case(
            name: "a CSV whose rows already exist",
            arguments: ["participant", "import", CSVFiles.path("existing.csv")],
            status: 67,
            sentence:
                "The file \(CSVFiles.path("existing.csv")) has 1 bad row; nothing was imported:\n  line 2, column email: a participant already has the email p2@asso.fr"
        ),
        Case(
            name: "a CSV with a NUL byte", arguments: ["participant", "import", CSVFiles.path("nul.csv")],
            status: 65,
            sentence:
                "The file \(CSVFiles.path("nul.csv")) has a NUL character on line 3: it is not a text file; save it as « CSV UTF-8 » from your spreadsheet."
        ),
        Case(
            name: "a UTF-16 CSV", arguments: ["participant", "import", CSVFiles.path("utf16.csv")],
            status: 65,
            sentence:
                "The file \(CSVFiles.path("utf16.csv")) is UTF-16 text: save it as « CSV UTF-8 » from your spreadsheet."
        ),
        Case(
            name: "a CSV quoting an escape sequence back escaped",
            arguments: ["participant", "import", CSVFiles.path("escape.csv")],
            status: 65,
            sentence:
                "The file \(CSVFiles.path("escape.csv")) has 1 bad row; nothing was imported:\n  line 2, column siret: the SIRET “\\u{1B}[31m1” is not valid: it is 14 digits"
        ),
        Case(
            name: "a page after an unknown participant",
            arguments: ["participant", "list", "--after", "nobody@asso.fr"],
            status: 66, sentence: "No participant has the email nobody@asso.fr."),
        Case(
            name: "a page after an unknown session", arguments: ["session", "list", "--after", "S-2030-404"],
            status: 66, sentence: "No session has the code S-2030-404."),
        Case(
            name: "a page of registrations after someone not registered",
            arguments: ["registration", "list", "S-2030-001", "--after", "p3@asso.fr"],
            status: 66, sentence: "p3@asso.fr has no registration for the session S-2030-001."),
        Case(
            name: "the pack of an unknown session",
            arguments: ["qualiopi", "pack", "S-2030-404", "--out", "/tmp/atelier-refused-pack.zip"],
            status: 66, sentence: "No session has the code S-2030-404."),
        Case(
            name: "a pack as of a day that is not one",
            arguments: ["qualiopi", "pack", "S-2030-001", "--out", "/tmp/atelier-refused-pack.zip", "--at", "demain"],
            status: 65, sentence: "The date “demain” is not a date: write it as YYYY-MM-DD, like 2027-04-05."),
        Case(
            name: "the packs of a period that runs backwards",
            arguments: ["qualiopi", "pack", "--from", "2030-12-31", "--to", "2030-01-01", "--out", "/tmp"],
            status: 65, sentence: "The period runs backwards: 2030-12-31 is after 2030-01-01."),
        Case(
            name: "a pack into a folder that does not exist",
            arguments: ["qualiopi", "pack", "S-2030-001", "--out", "/nonexistent/pack.zip"],
            status: 73, sentence: "Cannot write /nonexistent/pack.zip: the folder /nonexistent does not exist."),
    ]

    @Test(arguments: cases)
    func refusedWithOneSentenceAndNothingChanged(_ refusal: Case) throws {
        try refusal.check(on: try Self.seeded.get().database)
    }

    /// Misuse of the command line: a usage error (64) whose first line says what, before any work.
    @Test(arguments: [
        (
            ["participant", "add", "p6@asso.fr", "--first-name", "X", "--last-name", "Y", "--status", "retraité"],
            "Error: The value 'retraité' is invalid for '--status <status>'. Please provide one of 'salarié', 'bénévole', 'dirigeant bénévole', 'demandeur d'emploi' or 'autre'."
        ),
        (
            ["register", "S-2030-001", "p3@asso.fr", "--funding", "F1", "--funder", "OPCO", "--amount", "300"],
            "Error: Give either --funding to join an agreement, or --funder for a new one, not both."
        ),
        (
            ["qualiopi", "pack", "S-2030-001", "--from", "2030-01-01", "--to", "2030-12-31", "--out", "/tmp"],
            "Error: Give a session or a period (--from and --to), not both."
        ),
        (
            ["qualiopi", "pack", "--from", "2030-01-01", "--out", "/tmp"],
            "Error: Give a session, or a period with both --from and --to."
        ),
        (
            ["participant", "list", "--limit", "0"],
            "Error: --limit takes a whole number of at least 1, not 0."
        ),
        (
            ["funding", "add", "S-2030-001", "--funder", "OPCO", "--amount", "300", "--basis", "day"],
            "Error: The value 'day' is invalid for '--basis <basis>'. Please provide one of 'hour', 'participant' or 'group'."
        ),
    ])
    func misuseIsAUsageError(arguments: [String], firstLine: String) throws {
        try Self.checkUsageError(arguments, firstLine: firstLine, on: try Self.seeded.get().database)
    }

    /// A usage error (64) whose first line is `firstLine`, with nothing on standard output and
    /// every table as before.
    static func checkUsageError(_ arguments: [String], firstLine: String, on database: TestDatabase) throws {
        let before = try database.fingerprint()
        let outcome = try AtelierProcess.run(arguments, environment: ["ATELIER_DATABASE_URL": database.url])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.split(separator: "\n").first.map(String.init) == firstLine)
        #expect(outcome.standardOutput == "")
        #expect(try database.fingerprint() == before)
    }

    @Test func helpForACommandThatDoesNotExist() throws {
        for arguments in [["help", "nosuch"], ["help", "webhook", "nosuch"]] {
            let outcome = try AtelierProcess.run(arguments)
            #expect(outcome.status == 64)
            #expect(outcome.standardError == "There is no command “nosuch”: `atelier --help` lists them.\n")
            #expect(outcome.standardOutput == "")
        }
    }

    @Test func theDatabaseDown() throws {
        let outcome = try AtelierProcess.run(
            ["session", "list"], environment: ["ATELIER_DATABASE_URL": "postgresql://atelier@127.0.0.1:1/atelier"])
        #expect(outcome.status == 69)
        #expect(
            outcome.standardError == "Cannot connect to the database atelier@127.0.0.1:1/atelier: connection refused.\n"
        )
    }
}

/// The seeded database: a module, trainer, venue and funder; three participants; a future
/// session full with two, a cancelled one, and a past one whose attendance is missing.
struct SeededDatabase: Sendable {
    let database: TestDatabase

    init() throws {
        database = try TestDatabase.migrated()
        let store = try Store.repository(database.connect())
        let catalogue = Catalogue(store)
        _ = try catalogue.addModule(Module(code: "PMAE", title: "Fonction employeur", durationMinutes: 1260))
        _ = try catalogue.addTrainer(Trainer(code: "SCOP", name: "Scop L'Atelier Coopératif"))
        _ = try catalogue.addVenue(
            Venue(code: "MDA", name: "MDA", street: "8 rue Daniel Huet", postalCode: "14000", city: "Caen"))
        _ = try catalogue.addFunder(Funder(code: "OPCO", name: "Uniformation", kind: .opco))
        for index in 1...3 {
            _ = try People(store).addParticipant(
                Participant(
                    firstName: "Prénom\(index)", lastName: "Nom\(index)",
                    email: try EmailAddress("p\(index)@asso.fr")))
        }
        _ = try People(store).addParticipant(
            Participant(firstName: "Élodie", lastName: "Marchand", email: try EmailAddress("\u{E9}lodie@asso.fr")))
        let sessions = Sessions(store)
        func plan(_ slots: [String], past: Bool = false) throws -> SessionPlan {
            var plan = SessionPlan(module: "PMAE", slots: try slots.map(SlotSpec.init(parsing:)))
            plan.trainers = ["SCOP"]
            plan.venue = "MDA"
            plan.capacity = 2
            plan.recordsPast = past
            return plan
        }
        let full = try sessions.schedule(plan(["2030-04-04T09:00-12:30"]))
        for index in 1...2 { _ = try Registrations(store).register(EmailAddress("p\(index)@asso.fr"), in: full.code) }
        _ = try sessions.cancel(sessions.schedule(plan(["2030-05-04T09:00-12:30"])).code)
        let past = try sessions.schedule(plan(["2025-04-05T09:00-12:30"], past: true))
        _ = try Registrations(store).register(EmailAddress("p1@asso.fr"), in: past.code)
        try CSVFiles.write()
    }
}

/// The CSV files of the import cases, written once into a temporary folder.
enum CSVFiles {
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "atelier-csv-\(ProcessInfo.processInfo.processIdentifier)")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func write() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: path("empty.csv")))
        try "prenom;nom;email;structure\nA;B;c@d.fr;E\n".write(
            toFile: path("columns.csv"), atomically: true, encoding: .utf8)
        var rows = ["prenom;nom;email;structure;siret;statut"]
        for index in 2...10 { rows.append("P\(index);N\(index);ligne\(index)@asso.fr;Asso;;bénévole") }
        rows[6] = "P7;N7;ligne7.asso.fr;Asso;;bénévole"
        try rows.joined(separator: "\n").write(toFile: path("row7.csv"), atomically: true, encoding: .utf8)
        try Data(
            Array("prenom;nom;email;structure;siret;statut\n".utf8) + [0x4C, 0xE9, 0x61] + Array(";B;l@b.fr;;;\n".utf8)
        )
        .write(to: URL(fileURLWithPath: path("latin1.csv")))
        let header = "prenom;nom;email;structure;siret;statut\n"
        try (header + "A;B;P2@Asso.FR;;;\nC;D;nouveau@asso.fr;;;\n").write(
            toFile: path("existing.csv"), atomically: true, encoding: .utf8)
        try (header + "A;B;a@b.fr;;;\nC;D\u{0};c@d.fr;;;\n").write(
            toFile: path("nul.csv"), atomically: true, encoding: .utf8)
        try Data((header + "A;B;a@b.fr;;;\n").utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            .write(to: URL(fileURLWithPath: path("utf16.csv")))
        try (header + "Zoé;Œuvray;zoe@asso.fr;;;\n太郎;山田 👍🏽;taro@asso.fr;;;\n").write(
            toFile: path("emoji.csv"), atomically: true, encoding: .utf8)
        try (header + "A;B;a@b.fr;Asso;\u{1B}[31m1;\n").write(
            toFile: path("escape.csv"), atomically: true, encoding: .utf8)
    }
}
