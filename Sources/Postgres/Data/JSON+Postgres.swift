import Foundation

/// A `Codable` value stored as `jsonb`: `\(JSON(payload))` binds it, `row.decode(JSON<T>.self, …)`
/// reads it back. A wrapper, because Swift cannot make every `Codable` type `PostgresCodable`.
public struct JSON<Value: Codable & Sendable>: PostgresCodable, Sendable {
    public var value: Value

    public init(_ value: Value) { self.value = value }

    public static var postgresType: TypeOID { .jsonb }

    public var postgresBind: PostgresBind {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Encoding a Codable value to JSON fails only for non-finite floats, which Atelier never
        // stores (money is cents, time is minutes): a failure is a programming error.
        let bytes = try! encoder.encode(value)
        return PostgresBind(type: Self.postgresType, bytes: [UInt8](bytes))
    }

    public static func accepts(_ type: TypeOID) -> Bool { type == .jsonb || type == .json }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: TypeOID) throws(PostgresDecodingFailure) -> JSON {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return JSON(try decoder.decode(Value.self, from: Data(text)))
        } catch {
            throw .malformed("the JSON does not decode as \(Value.self): \(error)")
        }
    }
}

extension JSON: Equatable where Value: Equatable {}
