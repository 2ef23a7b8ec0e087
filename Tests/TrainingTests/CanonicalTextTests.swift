import Foundation
import Postgres
import TestSupport
import Testing

@testable import Training

/// One identity per person whatever the Unicode form, and text stored one way: checked in Swift
/// and, for clients that skip Swift, by the database.
@Suite struct CanonicalTextTests {
    let database: TestDatabase
    let connection: Connection
    let people: People

    init() throws {
        database = try TestDatabase.migrated()
        connection = try database.connect()
        people = People(try .testing(connection))
    }

    static let composed = "\u{E9}milie@asso.fr", decomposed = "e\u{301}milie@asso.fr"

    @Test func composedAndDecomposedAccentsAreOneEmail() throws {
        #expect(Array(Self.composed.unicodeScalars) != Array(Self.decomposed.unicodeScalars))
        #expect(try EmailAddress(Self.decomposed) == EmailAddress(Self.composed))
        #expect(try EmailAddress(" \u{C9}MILIE@Asso.FR ").text == Self.composed)
        _ = try people.addParticipant(
            Participant(firstName: "Émilie", lastName: "L", email: try EmailAddress(Self.composed)))
        #expect(throws: TrainingError.refused("A participant already has the email \(Self.composed).")) {
            try people.addParticipant(
                Participant(firstName: "Émilie", lastName: "L", email: try EmailAddress(Self.decomposed)))
        }
        #expect(try people.participant(EmailAddress(Self.decomposed)).firstName == "Émilie")
        let stored = try connection.execute("SELECT email FROM participant")[0].decode(String.self, at: 0)
        #expect(Array(stored.unicodeScalars) == Array(Self.composed.unicodeScalars))
    }

    /// The shortcuts that keep a long import fast say what Foundation says: every character
    /// below U+0300 is its own NFC, and the white space trimmed is `whitespacesAndNewlines`.
    @Test func theShortcutsAgreeWithFoundation() throws {
        for value in UInt32(0)..<0x300 {
            let text = try #require(Unicode.Scalar(value)).description
            #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars))
        }
        // Unicode's white space lies below U+3001; U+FEFF, the byte-order mark, is not.
        for value in Array(UInt32(0)...0x3100) + Array(0xFE00...0xFFFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(scalar)a\(scalar)"
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(text.trimmingWhiteSpace.unicodeScalars.elementsEqual(trimmed.unicodeScalars), "U+\(value)")
        }
        // What a terminal is never shown raw: by Unicode's categories, and spelled out.
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let category = scalar.properties.generalCategory
            let byCategory =
                [.control, .lineSeparator, .paragraphSeparator].contains(category)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            #expect(Printable.needsEscape(scalar, false) == byCategory, "U+\(value)")
        }
        #expect("  ".trimmingWhiteSpace == "")
        #expect("\u{3000}Émilie Lœuvre\u{A0}\n".trimmingWhiteSpace == "Émilie Lœuvre")
    }

    @Test(arguments: [
        ("a\u{200B}b@asso.fr", "it holds the character U+200B (ZERO WIDTH SPACE)"),
        ("a\u{7}b@asso.fr", "it holds the character U+0007 (ALERT)"),
        ("a@b..fr", "the part after the @ is not a domain like asso.fr"),
        ("a@asso", "the part after the @ is not a domain like asso.fr"),
        (".a@x.fr", "a dot starts or ends the part before the @, or two dots follow each other"),
        ("a..b@x.fr", "a dot starts or ends the part before the @, or two dots follow each other"),
        ("<a@x.fr>", "it holds the character “<”"),
        ("a>b@x.fr", "it holds the character “>”"),
        ("a@x.fr;b@y.fr", "it holds the character “;”"),
        ("a b@x.fr", "it holds a space"),
        ("a\u{A0}b@x.fr", "it holds the character U+00A0 (NO-BREAK SPACE)"),
        ("a@b@x.fr", "it has more than one @"),
        ("ax.fr", "it has no @"),
    ])
    func undeliverableEmailsAreRefused(text: String, reason: String) throws {
        #expect(
            throws: TrainingError.invalid("The email “\(Printable.escaped(text))” is not an email address: \(reason).")
        ) {
            try EmailAddress(text)
        }
    }

    @Test(arguments: [
        "Émilie@asso.fr", decomposed, "a\u{200B}b@asso.fr", "a@b..fr", ".a@x.fr", "<a@x.fr>", "a b@x.fr", "a;b@x.fr",
    ])
    func theDatabaseRefusesWhatSwiftWouldNotStore(email: String) throws {
        let error = #expect(throws: PostgresError.self) {
            try connection.execute("INSERT INTO participant (first_name, last_name, email) VALUES ('A', 'B', \(email))")
        }
        #expect(error?.constraint == "participant_email_format")
    }

    @Test func namesAreStoredComposedAndOnOneLine() throws {
        var participant = Participant(
            firstName: "E\u{301}lodie", lastName: "Ha\u{308}user", email: try EmailAddress("e@asso.fr"))
        participant.accessibilityNeeds = "Fauteuil roulant.\r\nBoucle magnétique."
        _ = try people.addParticipant(participant)
        let row = try connection.execute("SELECT first_name, last_name, accessibility_needs FROM participant")[0]
        #expect(
            try row.decode((String, String, String).self) == (
                "\u{C9}lodie", "H\u{E4}user", "Fauteuil roulant.\nBoucle magnétique."
            ))
        #expect(try row.decode(String.self, at: 0).unicodeScalars.count == 6)

        participant.email = try EmailAddress("f@asso.fr")
        participant.firstName = "Jean\nPierre"
        #expect(
            throws: TrainingError.invalid(
                "The first name holds the character U+000A (LINE FEED): it is one line of text.")
        ) {
            try people.addParticipant(participant)
        }
        let error = #expect(throws: PostgresError.self) {
            try connection.execute(
                "INSERT INTO participant (first_name, last_name, email) VALUES (\("Jean\u{2028}Pierre"), 'B', 'g@asso.fr')"
            )
        }
        #expect(error?.constraint == "participant_first_name_text")
        #expect(
            ConstraintViolation.translate(try #require(error))
                == TrainingError.invalid(
                    "The first name holds a character it may not (a control character, a line break, an emoji), or is not in Unicode NFC form."
                ))
    }

    /// An emoji in a name is refused with a sentence naming it; the database refuses it too,
    /// and keeps the symbols that fonts draw as text, and emoji in paragraphs.
    @Test func namesAndTitlesHoldNoEmoji() throws {
        var participant = Participant(firstName: "Zoé", lastName: "Œuvray", email: try EmailAddress("z@asso.fr"))
        for (name, shown) in [
            ("Zoé 😀", "U+1F600 (GRINNING FACE)"), ("Zoé ❤️", "U+2764 (HEAVY BLACK HEART)"),
            ("🇫🇷 Zoé", "U+1F1EB (REGIONAL INDICATOR SYMBOL LETTER F)"),
        ] {
            participant.firstName = name
            #expect(
                throws: TrainingError.invalid(
                    "The first name holds the emoji \(shown): names and titles are printed on certificates and sheets, without emoji."
                )
            ) {
                try people.addParticipant(participant)
            }
        }
        participant.firstName = "Zoé ☺ ★"
        participant.accessibilityNeeds = "Merci 😀"
        _ = try people.addParticipant(participant)
        let error = #expect(throws: PostgresError.self) {
            try connection.execute(
                "INSERT INTO participant (first_name, last_name, email) VALUES (\("Zoé 👍🏽"), 'B', 'g@asso.fr')")
        }
        #expect(error?.constraint == "participant_first_name_text")
    }

    /// Swift's rule and the database's `has_emoji` find emoji in the same characters, every
    /// code point checked: a new Unicode in the toolchain that adds emoji fails here.
    @Test func swiftAndTheDatabaseAgreeOnEveryEmoji() throws {
        let inSQL = try connection.execute(
            """
            SELECT cp FROM generate_series(1, 1114111) cp
            WHERE (cp < 55296 OR cp > 57343) AND has_emoji(chr(cp)) ORDER BY cp
            """
        ).map { try $0.decode(Int.self, at: 0) }
        let inSwift = (1...0x10FFFF).filter { Unicode.Scalar(UInt32($0))?.isEmojiMark == true }
        #expect(inSwift.count > 1000)
        #expect(inSQL == inSwift)
    }

    /// Lengths count code points on both sides: 200 decomposed `é` are 200 composed ones, and
    /// 60 family emoji (7 code points each) in a note are 420 characters, not 60.
    @Test func lengthsCountTheSameInSwiftAndSQL() throws {
        #expect(
            try Field.required(String(repeating: "e\u{301}", count: 200), "title", limit: 200).unicodeScalars.count
                == 200)
        let families = String(repeating: "👨‍👩‍👧‍👦", count: 60)
        #expect(throws: TrainingError.invalid("The note is 420 characters long; the most is 200.")) {
            try Field.required(families, "note", limit: 200, lines: .many)
        }
    }

    /// Every constraint of the schema and every name a trigger raises has its sentence: none
    /// ever reaches a coordinator as the database's raw text.
    @Test func everyConstraintHasASentence() throws {
        let constraints = try connection.execute(
            """
            SELECT conname::text, conrelid::regclass::text FROM pg_constraint c
            JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'
            UNION
            SELECT i.relname::text, t.relname::text FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = i.relnamespace
            WHERE n.nspname = 'public' AND x.indisunique
            UNION
            SELECT (regexp_matches(prosrc, 'CONSTRAINT = ''([a-z_]+)''', 'g'))[1], NULL FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
            UNION
            SELECT split_part(encode(t.tgargs, 'escape'), '\\000', 1), NULL FROM pg_trigger t
            JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = 'refuse_change'
            """
        ).map { try $0.decode((String, String?).self) }
        #expect(constraints.count > 150)
        #expect(constraints.contains { $0.0 == "attendance_frozen" })
        #expect(constraints.contains { $0.0 == "module_programme_append_only" })
        let missing = constraints.filter { ConstraintViolation.sentence(for: $0.0, table: $0.1) == nil }.map(\.0)
        #expect(missing == [])
        #expect(ConstraintViolation.sentence(for: "attendance_frozen", table: nil)?.kind == .refused)
        #expect(ConstraintViolation.sentence(for: "attendance_not_in_future", table: nil)?.kind == .refused)
        #expect(
            ConstraintViolation.sentence(for: "module_title_length", table: "module")?.sentence
                == "The title is empty or too long.")
    }
}
