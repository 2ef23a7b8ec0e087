import Foundation

extension Data: PostgresCodable {
    public static var postgresType: TypeOID { .bytea }

    /// Bound in binary format: the bytes go as they are, with no escaping.
    public var postgresBind: PostgresBind {
        PostgresBind(type: Self.postgresType, format: .binary, bytes: [UInt8](self))
    }

    public static func accepts(_ type: TypeOID) -> Bool { type == .bytea }

    /// The text form of `bytea` is hex: `\x` then two digits per byte (`bytea_output = hex`,
    /// the default since PostgreSQL 9.0).
    public static func decode(text: UnsafeBufferPointer<UInt8>, type: TypeOID) throws(PostgresDecodingFailure) -> Data {
        guard text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x"), text.count % 2 == 0 else {
            throw .malformed("bytea is not in hex format (set bytea_output = hex)")
        }
        // Into a plain buffer first: appending to `Data` byte by byte costs ten times as much.
        var bytes = [UInt8](repeating: 0, count: (text.count - 2) / 2)
        for offset in bytes.indices {
            guard let high = hexValue(text[2 + 2 * offset]), let low = hexValue(text[3 + 2 * offset]) else {
                throw .malformed("bytea has a character that is not a hex digit")
            }
            bytes[offset] = high << 4 | low
        }
        return Data(bytes)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
