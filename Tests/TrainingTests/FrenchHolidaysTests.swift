import Testing
import Training

/// The public holidays of metropolitan France, Easter's computed, against the calendar.
@Suite struct FrenchHolidaysTests {
    @Test(arguments: [
        (2000, 4, 23), (2019, 4, 21), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2038, 4, 25), (2285, 3, 22),
    ])
    func easterFallsOnItsSunday(year: Int, month: Int, day: Int) {
        #expect(FrenchHolidays.easter(year: year) == (month, day))
    }

    @Test func theHolidaysOf2026AreNamed() {
        let named: [(Int, Int, String)] = [
            (1, 1, "jour de l’An"), (4, 6, "lundi de Pâques"), (5, 1, "fête du Travail"), (5, 8, "Victoire 1945"),
            (5, 14, "Ascension"), (5, 25, "lundi de Pentecôte"), (7, 14, "Fête nationale"), (8, 15, "Assomption"),
            (11, 1, "Toussaint"), (11, 11, "Armistice 1918"), (12, 25, "Noël"),
        ]
        for (month, day, name) in named {
            #expect(FrenchHolidays.name(year: 2026, month: month, day: day) == name)
        }
        for (month, day) in [(4, 5), (4, 7), (3, 2), (12, 24), (2, 29)] {
            #expect(FrenchHolidays.name(year: 2026, month: month, day: day) == nil)
        }
        #expect(FrenchHolidays.name(year: 2024, month: 5, day: 20) == "lundi de Pentecôte", "a leap year")
    }
}
