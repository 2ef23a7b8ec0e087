import Foundation
import Testing

@testable import Training

@Suite struct FrenchTests {
    let paris = TimeZone(identifier: "Europe/Paris")!
    let nbsp = "\u{00A0}", nnbsp = "\u{202F}"

    @Test func moneyHasNarrowSpacesBetweenThousandsAndASpaceBeforeTheSign() {
        #expect(Money(cents: 360_000).description == "3\(nnbsp)600,00\(nbsp)€")
        #expect(Money(cents: 5).description == "0,05\(nbsp)€")
        #expect(Money(cents: 123_456_789).description == "1\(nnbsp)234\(nnbsp)567,89\(nbsp)€")
    }

    @Test func hoursWithADecimalCommaOrMinutes() {
        #expect(French.hours(minutes: 630) == "10,5\(nbsp)h")
        #expect(French.hours(minutes: 1260) == "21\(nbsp)h")
        #expect(French.hours(minutes: 75) == "1,25\(nbsp)h")
        #expect(French.hours(minutes: 20) == "0,33\(nbsp)h")
        #expect(French.duration(minutes: 1050) == "17\(nbsp)h\(nbsp)30")
        #expect(French.duration(minutes: 65) == "1\(nbsp)h\(nbsp)05")
    }

    @Test func datesInFullAndTimesTheFrenchWay() throws {
        let date = try #require(LocalDate(parsing: "2027-04-05").at(hour: 9, minute: 0, in: paris).date)
        #expect(French.date(date, in: paris) == "lundi 5 avril 2027")
        let first = try #require(LocalDate(parsing: "2027-05-01").at(hour: 12, minute: 30, in: paris).date)
        #expect(French.date(first, in: paris) == "samedi 1er mai 2027")
        #expect(French.time(date, in: paris) == "9\(nbsp)h")
        #expect(French.time(first, in: paris) == "12\(nbsp)h\(nbsp)30")
    }

    @Test func amountsAsCoordinatorsTypeThem() throws {
        #expect(try Money.parse("300").cents == 30_000)
        #expect(try Money.parse("300,5").cents == 30_050)
        #expect(try Money.parse("3 600,00").cents == 360_000)
        #expect(try Money.parse("3\(nnbsp)600,00\(nbsp)€").cents == 360_000)
        #expect(try Money.parse("3600.75").cents == 360_075)
        for bad in ["12,345", "-3", "1e9", "", "3,", ",5", "abc", "1,000,000", "2000000"] {
            #expect(throws: TrainingError.self, "\(bad)") { try Money.parse(bad) }
        }
        #expect(
            throws: TrainingError.invalid(
                "The amount “12,345” is not an amount in euros: write it like 300 or 3 600,50.")
        ) {
            try Money.parse("12,345")
        }
    }

    @Test func datesMustExist() throws {
        #expect(try LocalDate(parsing: "2028-02-29").description == "2028-02-29")
        #expect(throws: TrainingError.invalid("The date 2027-02-30 does not exist.")) {
            try LocalDate(parsing: "2027-02-30")
        }
        #expect(throws: TrainingError.invalid("The date 2027-13-01 does not exist.")) {
            try LocalDate(parsing: "2027-13-01")
        }
        #expect(throws: TrainingError.self) { try LocalDate(parsing: "05/04/2027") }
        // 02:30 does not exist in Paris on the night clocks go forward.
        #expect(try LocalDate(parsing: "2027-03-28").at(hour: 2, minute: 30, in: paris) == .skipped)
    }

    @Test func durations() throws {
        #expect(try Minutes.parse("21h") == 1260)
        #expect(try Minutes.parse("10,5 h") == 630)
        #expect(try Minutes.parse("17h30") == 1050)
        #expect(try Minutes.parse("17 h 30") == 1050)
        #expect(try Minutes.parse("45min") == 45)
        #expect(try Minutes.parse("10,3h") == 618)
        for bad in ["", "h", "21", "10,33h", "17h75", "-2h", "2h,5"] {
            #expect(throws: TrainingError.self, "\(bad)") { try Minutes.parse(bad) }
        }
    }

    @Test func emailsAndSirets() throws {
        #expect(try EmailAddress(" Emilie@Exemple.fr ").text == "emilie@exemple.fr")
        #expect(try EmailAddress("a@b.fr") == EmailAddress("A@B.FR"))
        for bad in ["emilie", "emilie@", "@exemple.fr", "a@b", "a b@c.fr", "a@@b.fr", "a@b.fr."] {
            #expect(throws: TrainingError.self, "\(bad)") { try EmailAddress(bad) }
        }
        #expect(try Siret.validated("732 829 320 00074") == "73282932000074")
        #expect(try Siret.validated("35600000000010") == "35600000000010")
        #expect(throws: TrainingError.invalid("The SIRET “73282932000075” is not valid: its check digit is wrong.")) {
            try Siret.validated("73282932000075")
        }
    }

    @Test func typedTextGetsFrenchSpacing() {
        #expect(
            French.typography("Partie 1 : le cadre ; « pratique » ! Prêts ?")
                == "Partie 1\u{A0}: le cadre\u{202F}; «\u{202F}pratique\u{202F}»\u{202F}! Prêts\u{202F}?")
        #expect(French.typography("https://asso.fr:8080, 9 h 30") == "https://asso.fr:8080, 9 h 30")
        #expect(French.list(["Scop Le Triangle", "Marie Durand", "Paul"]) == "Scop Le Triangle, Marie Durand et Paul")
    }

    @Test func daysAreSaidWithTheirMonthAndYearOnce() throws {
        let days = try ["2026-03-20", "2026-03-05", "2026-03-06", "2026-03-19"].map(LocalDate.init(parsing:))
        #expect(French.days(days) == "5, 6, 19 et 20 mars 2026")
        let across = try ["2026-04-30", "2026-05-01", "2027-01-04"].map(LocalDate.init(parsing:))
        #expect(French.days(across) == "30 avril, 1er mai 2026 et 4 janvier 2027")
        #expect(French.days([]) == "")
    }

    /// IBANs and BICs as a bank prints them, their check digits verified (ISO 13616).
    @Test func bankDetailsAreChecked() throws {
        #expect(try BillingTerms.iban("fr76 3000 6000 0112 3456 7890 189") == "FR7630006000011234567890189")
        #expect(try BillingTerms.iban(" ") == nil)
        #expect(throws: TrainingError.self) { try BillingTerms.iban("FR7630006000011234567890188") }
        #expect(try BillingTerms.bic("agrifrpp") == "AGRIFRPP")
        #expect(try BillingTerms.basisPoints("12,15 %") == 1215)
    }
}
