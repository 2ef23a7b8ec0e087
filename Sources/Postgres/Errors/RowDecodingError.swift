/// A column that could not be decoded: which one, into what, from what, and in which statement.
public struct RowDecodingError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case missingColumn
        case typeMismatch
        case unexpectedNull
        case malformed(String)
    }

    public let reason: Reason
    public let column: String?
    public let index: Int?
    public let target: String
    public let postgresType: TypeOID?
    public let statement: String

    init(_ reason: Reason, column: String?, index: Int?, target: Any.Type, postgresType: TypeOID?, statement: String) {
        self.reason = reason
        self.column = column
        self.index = index
        self.target = String(describing: target)
        self.postgresType = postgresType
        self.statement = statement
    }

    public var description: String {
        let place = [column.map { "column '\($0)'" }, index.map { "index \($0)" }]
            .compactMap { $0 }.joined(separator: " at ")
        let problem =
            switch reason {
            case .missingColumn: "there is no \(place)"
            case .typeMismatch:
                "\(place) of type \(postgresType.map(String.init(describing:)) ?? "?") cannot be decoded as \(target)"
            case .unexpectedNull: "\(place) is NULL but \(target) is not optional"
            case .malformed(let why): "\(place) cannot be decoded as \(target): \(why)"
            }
        return "\(problem), in: \(statement)"
    }
}
