import Foundation

/// Writes exactly what `Terminal.jsonEncoder()` writes — pretty-printed, keys in snake case and
/// sorted, ISO 8601 dates, slashes unescaped — four times as fast: every `--json` of the CLI, and
/// the items of a long list one by one. Foundation's encoder converted every key of every item
/// anew (a fifth of `participant list --json`, most of `session roster --json`) and boxed every
/// value. Keys go through Foundation's own conversion once each; numbers other than integers
/// through Foundation's encoder. `ListJSONTests` compares both encoders on the listed types and
/// on the other shapes Codable types take.
final class TerminalJSONEncoder {
    /// Foundation's snake case of each key met so far.
    private var snakeCase: [String: String] = [:]

    /// `value` at `depth` levels of indentation, without a line break before or after it.
    func encode(_ value: some Encodable, depth: Int, into out: inout [UInt8]) throws {
        let encoder = TreeEncoder(owner: self)
        try encoder.encodeValue(value)
        write(encoder.tree ?? .object(Members()), depth: depth, into: &out)
    }

    /// The coding-key type of the standard library's dictionaries, whose keys are written as
    /// they are, as Foundation writes them: learnt from an empty dictionary, since its name is
    /// internal to the standard library and asking each encoded type whether it is a dictionary
    /// searched the whole conformance table once per type.
    private lazy var dictionaryKeyType: ObjectIdentifier? = {
        let probe = TreeEncoder(owner: self)
        try? [String: Int]().encode(to: probe)
        return probe.lastKeyType
    }()

    fileprivate func key(_ key: any CodingKey) -> String {
        let name = key.stringValue
        if ObjectIdentifier(type(of: key)) == dictionaryKeyType { return name }
        if let known = snakeCase[name] { return known }
        let converted = Self.foundationSnakeCase(name)
        snakeCase[name] = converted
        return converted
    }

    /// Encodes `{name: null}` with Foundation's `.convertToSnakeCase` and reads the key back.
    private static func foundationSnakeCase(_ name: String) -> String {
        struct Probe: Encodable {
            let name: String
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: AnyKey.self)
                try container.encodeNil(forKey: AnyKey(name))
            }
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(Probe(name: name)),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let key = object.keys.first
        else { return name }
        return key
    }

    private func write(_ tree: Tree, depth: Int, into out: inout [UInt8]) {
        switch tree {
        case .literal(let text): out.append(contentsOf: text.utf8)
        case .string(let text): Self.writeString(text, into: &out)
        case .object(let members):
            guard !members.items.isEmpty else { return Self.writeEmpty("{", "}", depth: depth, into: &out) }
            out.append(contentsOf: "{\n".utf8)
            members.items.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            for (index, (key, value)) in members.items.enumerated() {
                if index > 0 { out.append(contentsOf: ",\n".utf8) }
                Self.indent(depth + 1, into: &out)
                Self.writeString(key, into: &out)
                out.append(contentsOf: " : ".utf8)
                write(value, depth: depth + 1, into: &out)
            }
            out.append(UInt8(ascii: "\n"))
            Self.indent(depth, into: &out)
            out.append(UInt8(ascii: "}"))
        case .array(let elements):
            guard !elements.items.isEmpty else { return Self.writeEmpty("[", "]", depth: depth, into: &out) }
            out.append(contentsOf: "[\n".utf8)
            for (index, value) in elements.items.enumerated() {
                if index > 0 { out.append(contentsOf: ",\n".utf8) }
                Self.indent(depth + 1, into: &out)
                write(value, depth: depth + 1, into: &out)
            }
            out.append(UInt8(ascii: "\n"))
            Self.indent(depth, into: &out)
            out.append(UInt8(ascii: "]"))
        }
    }

    private static func writeEmpty(_ open: String, _ close: String, depth: Int, into out: inout [UInt8]) {
        out += Array((open + "\n\n").utf8)
        indent(depth, into: &out)
        out += Array(close.utf8)
    }

    private static func indent(_ depth: Int, into out: inout [UInt8]) {
        out += repeatElement(UInt8(ascii: " "), count: 2 * depth)
    }

    /// Quoted, with what JSON must escape escaped as Foundation does.
    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            if bytes.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
                return out.append(contentsOf: bytes)
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
                case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
                case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
                case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// What an item encodes to, before it is written with its keys sorted.
private enum Tree {
    case literal(String)
    case string(String)
    case object(Members)
    case array(Elements)
}

/// Filled by containers that outlive the call that made them, hence classes.
private final class Members { var items: [(String, Tree)] = [] }
private final class Elements { var items: [Tree] = [] }

private struct AnyKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(_ string: String) { (stringValue, intValue) = (string, nil) }
    init(stringValue: String) { self.init(stringValue) }
    init(intValue: Int) { (stringValue, self.intValue) = (String(intValue), intValue) }
}

private final class TreeEncoder: Encoder {
    let owner: TerminalJSONEncoder
    var tree: Tree?
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// The key type of the last keyed container asked for.
    private(set) var lastKeyType: ObjectIdentifier?

    init(owner: TerminalJSONEncoder) { self.owner = owner }

    /// The tree of one value, with the types Foundation's encoder treats apart treated alike:
    /// dates as `.iso8601` writes them, URLs as their text, data in Base64, integers of every
    /// width in decimal, fractional numbers by Foundation itself; the rest, dictionaries
    /// included, by their `encode(to:)`.
    /// (Types compared rather than values cast: a cast per value cost a tenth of a long list.)
    func encodeValue<T: Encodable>(_ value: T) throws {
        if T.self == Date.self, let date = value as? Date {
            tree = .string(date.formatted(.iso8601))
        } else if T.self == URL.self, let url = value as? URL {
            tree = .string(url.absoluteString)
        } else if T.self == Data.self, let data = value as? Data {
            tree = .string(data.base64EncodedString())
        } else if T.self == Double.self || T.self == Float.self || T.self == Decimal.self {
            tree = .literal(String(decoding: try JSONEncoder().encode(value), as: UTF8.self))
        } else if Self.otherIntegers.contains(ObjectIdentifier(T.self)), let integer = value as? any FixedWidthInteger {
            // Int64, UInt8…: their own `encode(to:)` asks a single value container for
            // themselves, whose default sends them back here.
            tree = .literal(String(describing: integer))
        } else {
            try value.encode(to: self)
        }
    }

    /// The integer types other than `Int`, which the containers write themselves. Known by
    /// identity: asking whether a type conforms to `FixedWidthInteger` searches the whole
    /// conformance table the first time for each type encoded, a millisecond per command.
    private static let otherIntegers = Set(
        ([Int8.self, Int16.self, Int32.self, Int64.self, UInt.self, UInt8.self, UInt16.self, UInt32.self, UInt64.self]
            as [any FixedWidthInteger.Type]).map(ObjectIdentifier.init))

    func child(_ value: some Encodable) throws -> Tree {
        let encoder = TreeEncoder(owner: owner)
        try encoder.encodeValue(value)
        return encoder.tree ?? .object(Members())
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        lastKeyType = ObjectIdentifier(type)
        let members: Members
        if case .object(let existing) = tree {
            members = existing
        } else {
            members = Members()
            tree = .object(members)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, members: members))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let elements: Elements
        if case .array(let existing) = tree {
            elements = existing
        } else {
            elements = Elements()
            tree = .array(elements)
        }
        return UnkeyedContainer(encoder: self, elements: elements)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }

    /// The encoder a superclass's `encode(to:)` writes into: its keyed container fills `members`,
    /// already in place (Atelier's listed types are structs, which never ask for one).
    func superEncoder(into members: Members) -> any Encoder {
        let nested = TreeEncoder(owner: owner)
        nested.tree = .object(members)
        return nested
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: TreeEncoder
    let members: Members
    var codingPath: [any CodingKey] { encoder.codingPath }

    func add(_ tree: Tree, _ key: Key) { members.items.append((encoder.owner.key(key), tree)) }

    mutating func encodeNil(forKey key: Key) throws { add(.literal("null"), key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { add(.literal(value ? "true" : "false"), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { add(.string(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { add(.literal(String(value)), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { add(try encoder.child(value), key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = Members()
        add(.object(nested), key)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, members: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = Elements()
        add(.array(nested), key)
        return UnkeyedContainer(encoder: encoder, elements: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let nested = Members()
        members.items.append(("super", .object(nested)))
        return encoder.superEncoder(into: nested)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let nested = Members()
        add(.object(nested), key)
        return encoder.superEncoder(into: nested)
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: TreeEncoder
    let elements: Elements
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { elements.items.count }

    mutating func encodeNil() throws { elements.items.append(.literal("null")) }
    mutating func encode(_ value: Bool) throws { elements.items.append(.literal(value ? "true" : "false")) }
    mutating func encode(_ value: String) throws { elements.items.append(.string(value)) }
    mutating func encode(_ value: Int) throws { elements.items.append(.literal(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { elements.items.append(try encoder.child(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = Members()
        elements.items.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, members: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = Elements()
        elements.items.append(.array(nested))
        return UnkeyedContainer(encoder: encoder, elements: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let nested = Members()
        elements.items.append(.object(nested))
        return encoder.superEncoder(into: nested)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.tree = .literal("null") }
    mutating func encode(_ value: Bool) throws { encoder.tree = .literal(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { encoder.tree = .string(value) }
    mutating func encode(_ value: Int) throws { encoder.tree = .literal(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { encoder.tree = try encoder.child(value) }
}
