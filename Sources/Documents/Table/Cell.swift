/// One value of a table row, typed so that each format writes it its own way: a spreadsheet
/// keeps numbers as numbers and dates as dates, a French CSV writes `3600,50` and `05/04/2027`.
public enum Cell: Sendable, Hashable {
    case text(String)
    /// A fixed-point number, `units` ÷ 10^`places`: cents are `.number(360050, places: 2)`.
    case number(Int, places: Int)
    case date(CalendarDay)
    case empty
}

/// A day of the calendar, without a time or a zone.
public struct CalendarDay: Sendable, Hashable {
    public let year: Int, month: Int, day: Int

    public init(year: Int, month: Int, day: Int) {
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// A column of a table: its title, how wide a spreadsheet shows it (in characters), and whether
/// its texts repeat from row to row (a module's title, a status), which a workbook then keeps once.
public struct Column: Sendable, Hashable {
    public var title: String
    public var width: Double
    public var repeats: Bool

    public init(_ title: String, width: Double, repeats: Bool = false) {
        self.title = title
        self.width = width
        self.repeats = repeats
    }
}

extension Cell {
    /// Appends `units` ÷ 10^`places` in digits: all the decimals, or (`trimmingZeros`) the fewest
    /// that say the value, `7`, `3.5`, as XML spreadsheets store it.
    static func appendDecimal(
        _ units: Int, places: Int, separator: UInt8, trimmingZeros: Bool = false, to bytes: inout [UInt8]
    ) {
        if units < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: [UInt8] = []
        var rest = units.magnitude
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        while digits.count <= places { digits.append(UInt8(ascii: "0")) }
        var fraction = digits[..<places]  // least significant first
        if trimmingZeros { fraction = fraction.drop { $0 == UInt8(ascii: "0") } }
        bytes += digits[places...].reversed()
        if !fraction.isEmpty {
            bytes.append(separator)
            bytes += fraction.reversed()
        }
    }
}

/// Writes a table row by row, in a format that knows what to do with each kind of cell.
public protocol TableWriter: AnyObject {
    func write(_ row: [Cell]) throws(DocumentError)
    /// The last row: a spreadsheet writes each of its numbers as the sum of the column above.
    func writeTotals(_ row: [Cell]) throws(DocumentError)
    /// Completes the file and puts it in place; until then, nothing is at its path.
    func finish() throws(DocumentError)
}
