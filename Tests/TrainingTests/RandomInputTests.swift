import Documents
import Foundation
import Testing

@testable import Training

/// Tens of thousands of random and malformed strings through every parser of outside text: each
/// answers or refuses with a sentence, never traps (a trap would end the whole test run), and
/// what it answers holds its promise. The generator is seeded, so a failure repeats.
@Suite struct RandomInputTests {
    static let count = 20_000

    /// SplitMix64: small, fast, and the same sequence on every machine.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Pieces that parsers care about, and pieces that break them.
    static let alphabet: [String] = [
        "0", "1", "2", "5", "9", "12", "24", "30", "59", "60", "99", "2027", "-", "+", ":", "T", "h", "H", "min", ",",
        ".", " ",
        "\u{A0}", "\u{202F}", "€", "@", "é", "e\u{301}", "İ", "Σ", "👨‍👩‍👧‍👦", "\u{200B}", "\u{0}", "\u{1B}", "\n", "\r\n",
        "\t",
        "\"", ";", "<", ">", "a", "Z", "999999999999999999999", "999999999999999999", "153722867280912931",
        "-9223372036854775808", "9223372036854775807", "ß", "\u{FEFF}",
        "\u{202E}", "\u{2028}", "٣", "１", "½", "e9", "nan", "=",
    ]

    static let examples = [
        "2027-04-05", "2027-04-05T09:00-12:30", "2027-04-05T09:00", "3 600,50", "300", "21h", "10,5 h", "17h30",
        "45min",
        "émilie@mda-caen.fr", "73282932000074", "salariée", "12", "1=5",
    ]

    /// A random string: pieces of the alphabet, or an example with a few pieces changed.
    static func strings(seed: UInt64) -> [String] {
        var random = Generator(state: seed)
        return (0..<count).map { index in
            if index % 2 == 0 {
                return (0..<Int.random(in: 0...8, using: &random)).map { _ in
                    alphabet.randomElement(using: &random) ?? ""
                }.joined()
            }
            var characters = Array(examples.randomElement(using: &random) ?? "")
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let piece = Array(alphabet.randomElement(using: &random) ?? "")
                let at = Int.random(in: 0...characters.count, using: &random)
                switch Int.random(in: 0...2, using: &random) {
                case 0: characters.insert(contentsOf: piece, at: at)
                case 1 where at < characters.count: characters.remove(at: at)
                default: characters.replaceSubrange(at..<min(at + 1, characters.count), with: piece)
                }
            }
            return String(characters)
        }
    }

    let paris = TimeZone(identifier: "Europe/Paris")!
    let beirut = TimeZone(identifier: "Asia/Beirut")!

    @Test func datesSlotsAndTimes() {
        var answered = 0
        for text in Self.strings(seed: 1) {
            if let date = try? LocalDate(parsing: text) {
                answered += 1
                #expect(date.description == text && (2000...2100).contains(date.year))
                _ = date.start(in: beirut)
            }
            if let slot = try? SlotSpec(parsing: text) {
                answered += 1
                for zone in [paris, beirut] {
                    if let (start, end) = try? slot.interval(in: zone) { #expect(end > start) }
                }
            }
            if let start = try? SlotStart(parsing: text) { _ = start.instant(in: paris) }
        }
        #expect(answered > 0)
    }

    @Test func amountsDurationsAndCounts() {
        for text in Self.strings(seed: 2) {
            if let money = try? Money.parse(text) { #expect((0...Money.maximum.cents).contains(money.cents)) }
            if let minutes = try? Minutes.parse(text) { #expect((1...Minutes.maximum).contains(minutes)) }
            if let number = try? WholeNumber.parse(text, "capacity", in: 1...500) {
                #expect((1...500).contains(number))
            }
            if let siret = try? Siret.validated(text) { #expect(siret.count == 14) }
            _ = try? Participant.Status(parsing: text)
            _ = try? Answer.parse(
                text,
                questions: [
                    Question(position: 1, type: .scale, label: "?"),
                    Question(position: 12, type: .yesNo, label: "?"),
                ])
        }
    }

    /// An email that is accepted is canonical: reading it again gives it back unchanged.
    @Test func emailsAndFields() {
        for text in Self.strings(seed: 3) {
            if let email = try? EmailAddress(text) {
                #expect((try? EmailAddress(email.text))?.text == email.text)
                #expect(EmailAddress.problem(email.text) == nil)
            }
            if let field = try? Field.required(text, "name", limit: 20) {
                #expect(!field.isEmpty && field.unicodeScalars.count <= 20)
                #expect(!field.unicodeScalars.contains { $0.properties.generalCategory == .control })
            }
            _ = Printable.escaped(text)
        }
    }

    /// CSV lines: random pieces joined by separators and line ends, read as whole files.
    @Test func csvLines() throws {
        var random = Generator(state: 4)
        let strings = Self.strings(seed: 5)
        for index in stride(from: 0, to: strings.count, by: 4) {
            let lines = strings[index..<min(index + 4, strings.count)]
            let text =
                "prenom;nom;email\n"
                + lines.joined(separator: [";", "\n", "\r", "\r\n", "\""].randomElement(using: &random) ?? ";")
            if let csv = try? CSVReader(Data(text.utf8), fileName: "f.csv") {
                let records = try csv.records
                #expect(records.allSatisfy { $0.line >= 2 })
                #expect(records.count == csv.count)
            }
            var bytes = Array(text.utf8)
            if !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            _ = try? CSVReader(Data(bytes), fileName: "f.csv")
        }
    }
}
