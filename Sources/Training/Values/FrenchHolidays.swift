/// The public holidays of metropolitan France (Code du travail, L3133-1), Easter's computed:
/// a half-day on one of them is what a funder's auditor asks about first.
public enum FrenchHolidays {
    /// The holiday's name on `month`/`day` of `year`, or `nil`.
    public static func name(year: Int, month: Int, day: Int) -> String? {
        guard (1...12).contains(month) else { return nil }
        let fixed: [[Int]: String] = [
            [1, 1]: "jour de l’An", [5, 1]: "fête du Travail", [5, 8]: "Victoire 1945", [7, 14]: "Fête nationale",
            [8, 15]: "Assomption", [11, 1]: "Toussaint", [11, 11]: "Armistice 1918", [12, 25]: "Noël",
        ]
        if let name = fixed[[month, day]] { return name }
        let easter = self.easter(year: year)
        let movable = [(1, "lundi de Pâques"), (39, "Ascension"), (50, "lundi de Pentecôte")]
        let ordinal = dayOfYear(year: year, month: month, day: day)
        let easterOrdinal = dayOfYear(year: year, month: easter.month, day: easter.day)
        return movable.first { easterOrdinal + $0.0 == ordinal }?.1
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and
    /// Butcher): 20 April 2025, 5 April 2026, 28 March 2027.
    public static func easter(year: Int) -> (month: Int, day: Int) {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return (month, day)
    }

    static func dayOfYear(year: Int, month: Int, day: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][month - 1]
        return before + day + (leap && month > 2 ? 1 : 0)
    }
}
