import Foundation

/// `Date` is a `timestamptz`: sent and read as ISO 8601 with an explicit offset, so neither the
/// session's `TimeZone` nor its `DateStyle` (as long as it is ISO, the default) changes the instant.
extension Date: PostgresCodable {
    public static var postgresType: TypeOID { .timestamptz }

    public var postgresBind: PostgresBind {
        let micros = Int64((timeIntervalSince1970 * 1_000_000).rounded())
        let (seconds, fraction) = micros.floorDivided(by: 1_000_000)
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let civil = CivilDate(daysSinceEpoch: days)
        let text = String(
            format: "%04d-%02d-%02d %02d:%02d:%02d.%06d+00",
            civil.year, civil.month, civil.day,
            Int(secondOfDay / 3600), Int(secondOfDay % 3600 / 60), Int(secondOfDay % 60),
            Int(fraction))
        return PostgresBind(type: Self.postgresType, text: text)
    }

    public static func accepts(_ type: TypeOID) -> Bool { type == .timestamptz }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: TypeOID) throws(PostgresDecodingFailure) -> Date {
        var scanner = DigitScanner(text)
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
            let month = scanner.number(digits: 2), scanner.skip("-"),
            let day = scanner.number(digits: 2), scanner.skip(" "),
            let hour = scanner.number(digits: 2), scanner.skip(":"),
            let minute = scanner.number(digits: 2), scanner.skip(":"),
            let second = scanner.number(digits: 2)
        else { throw .malformed("'\(text.string)' is not an ISO timestamp (DateStyle must be ISO)") }
        var micros = 0
        if scanner.skip(".") {
            var scale = 100_000
            while let digit = scanner.number(digits: 1) {
                micros += digit * scale
                scale /= 10
            }
        }
        guard let sign = scanner.sign(), let offsetHours = scanner.number(digits: 2) else {
            throw .malformed("'\(text.string)' has no time zone offset")
        }
        let offsetMinutes = scanner.skip(":") ? scanner.number(digits: 2) ?? 0 : 0
        let offsetSeconds = scanner.skip(":") ? scanner.number(digits: 2) ?? 0 : 0
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        let offset = Int64(sign * (offsetHours * 3600 + offsetMinutes * 60 + offsetSeconds))
        return Date(timeIntervalSince1970: Double(local - offset) + Double(micros) / 1_000_000)
    }
}

/// A proleptic Gregorian date, converted to and from days since 1970-01-01 with Howard Hinnant's
/// algorithms (https://howardhinnant.github.io/date_algorithms.html), which need no calendar
/// object and no allocation.
struct CivilDate {
    var year: Int, month: Int, day: Int

    init(year: Int, month: Int, day: Int) {
        (self.year, self.month, self.day) = (year, month, day)
    }

    init(daysSinceEpoch: Int64) {
        let z = Int(daysSinceEpoch) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// Reads fixed-width numbers and separators from the front of a byte buffer.
struct DigitScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<digits {
            let digit = Int(bytes[index + offset]) - 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        index += digits
        return value
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}

extension Int64 {
    /// Division rounding towards minus infinity, so that instants before 1970 land on the right day.
    func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let (q, r) = quotientAndRemainder(dividingBy: divisor)
        return r < 0 ? (q - 1, r + divisor) : (q, r)
    }
}
