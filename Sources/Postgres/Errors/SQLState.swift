/// A five-character SQLSTATE code reported by PostgreSQL
/// (https://www.postgresql.org/docs/current/errcodes-appendix.html).
///
/// A struct rather than an enum so that codes Atelier does not name still round-trip. The first two
/// characters are the class: `case SQLState.Class.integrityConstraintViolation` matches every
/// code of that class.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// The class of the code: its first two characters.
    public var `class`: Class { Class(rawValue: String(rawValue.prefix(2))) }

    /// A class of SQLSTATE codes, which matches its members in `switch` and `~=`.
    public struct Class: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let connectionException = Class(rawValue: "08")
        public static let dataException = Class(rawValue: "22")
        public static let integrityConstraintViolation = Class(rawValue: "23")
        public static let invalidTransactionState = Class(rawValue: "25")
        public static let invalidAuthorization = Class(rawValue: "28")
        public static let transactionRollback = Class(rawValue: "40")
        public static let syntaxErrorOrAccessRuleViolation = Class(rawValue: "42")
        public static let insufficientResources = Class(rawValue: "53")
        public static let operatorIntervention = Class(rawValue: "57")

        public static func ~= (pattern: Class, state: SQLState) -> Bool { state.class == pattern }
    }

    public static let notNullViolation = SQLState(rawValue: "23502")
    public static let foreignKeyViolation = SQLState(rawValue: "23503")
    public static let uniqueViolation = SQLState(rawValue: "23505")
    public static let checkViolation = SQLState(rawValue: "23514")
    public static let exclusionViolation = SQLState(rawValue: "23P01")
    public static let raiseException = SQLState(rawValue: "P0001")
    public static let invalidTextRepresentation = SQLState(rawValue: "22P02")
    public static let stringDataRightTruncation = SQLState(rawValue: "22001")
    public static let numericValueOutOfRange = SQLState(rawValue: "22003")
    public static let invalidDatetimeFormat = SQLState(rawValue: "22007")
    public static let datetimeFieldOverflow = SQLState(rawValue: "22008")
    public static let serializationFailure = SQLState(rawValue: "40001")
    public static let deadlockDetected = SQLState(rawValue: "40P01")
    public static let syntaxError = SQLState(rawValue: "42601")
    public static let undefinedTable = SQLState(rawValue: "42P01")
    public static let undefinedColumn = SQLState(rawValue: "42703")
    public static let undefinedFunction = SQLState(rawValue: "42883")
    public static let invalidPassword = SQLState(rawValue: "28P01")
    public static let adminShutdown = SQLState(rawValue: "57P01")
    public static let queryCanceled = SQLState(rawValue: "57014")
    public static let lockNotAvailable = SQLState(rawValue: "55P03")
}
