/// A value that can be an element of a one-dimensional PostgreSQL array.
public protocol PostgresArrayElement: PostgresCodable {
    /// The OID of the array type (`text[]` for `String`).
    static var postgresArrayType: TypeOID { get }
}

extension String: PostgresArrayElement { public static var postgresArrayType: TypeOID { .textArray } }
extension Int: PostgresArrayElement { public static var postgresArrayType: TypeOID { .int8Array } }
extension Int64: PostgresArrayElement { public static var postgresArrayType: TypeOID { .int8Array } }
extension Int32: PostgresArrayElement { public static var postgresArrayType: TypeOID { .int4Array } }
extension Bool: PostgresArrayElement { public static var postgresArrayType: TypeOID { .boolArray } }

/// Arrays travel as the text literal `{"a","b c",NULL}`: every element quoted, `"` and `\`
/// escaped with a backslash (https://www.postgresql.org/docs/current/arrays.html#ARRAYS-IO).
extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: TypeOID { Element.postgresArrayType }

    public var postgresBind: PostgresBind {
        var literal: [UInt8] = [UInt8(ascii: "{")]
        for (index, element) in enumerated() {
            if index > 0 { literal.append(UInt8(ascii: ",")) }
            literal.append(UInt8(ascii: "\""))
            for byte in element.postgresBind.bytes ?? [] {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { literal.append(UInt8(ascii: "\\")) }
                literal.append(byte)
            }
            literal.append(UInt8(ascii: "\""))
        }
        literal.append(UInt8(ascii: "}"))
        return PostgresBind(type: Self.postgresType, bytes: literal)
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public static func accepts(_ type: TypeOID) -> Bool {
        type == Element.postgresArrayType
            || (Element.self == String.self && type == .varcharArray)
            || (Element.self is any PostgresInteger.Type && [.int2Array, .int4Array, .int8Array].contains(type))
    }

    public static func decode(text: UnsafeBufferPointer<UInt8>, type: TypeOID) throws(PostgresDecodingFailure)
        -> [Element]
    {
        var elements: [Element] = []
        for item in try ArrayLiteral.elements(of: text) {
            guard let bytes = item else { throw .malformed("the array holds a NULL") }
            elements.append(
                try bytes.withUnsafeBufferPointer { buffer throws(PostgresDecodingFailure) in
                    try Element.decode(text: buffer, type: type)
                })
        }
        return elements
    }
}

/// Splits a one-dimensional array literal into its elements' text (`nil` for `NULL`).
enum ArrayLiteral {
    static func elements(of text: UnsafeBufferPointer<UInt8>) throws(PostgresDecodingFailure) -> [[UInt8]?] {
        guard text.first == UInt8(ascii: "{"), text.last == UInt8(ascii: "}") else {
            throw .malformed("'\(text.string)' is not a one-dimensional array")
        }
        var elements: [[UInt8]?] = []
        var index = 1
        let end = text.count - 1
        guard index < end else { return [] }
        while index <= end {
            var element: [UInt8] = []
            var quoted = false
            if text[index] == UInt8(ascii: "\"") {
                quoted = true
                index += 1
                while index < end, text[index] != UInt8(ascii: "\"") {
                    if text[index] == UInt8(ascii: "\\") { index += 1 }
                    element.append(text[index])
                    index += 1
                }
                index += 1
            } else {
                while index < end, text[index] != UInt8(ascii: ",") {
                    guard text[index] != UInt8(ascii: "{") else { throw .malformed("nested arrays are not supported") }
                    element.append(text[index])
                    index += 1
                }
            }
            elements.append(!quoted && element == Array("NULL".utf8) ? nil : element)
            index += 1  // the comma, or past the closing brace
        }
        return elements
    }
}
