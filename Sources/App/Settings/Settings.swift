import Configuration
import Foundation
import Queue
import Training
import Yams

/// The effective configuration: for each key, the environment (`ATELIER_…`) first, then
/// `Config/atelier.yaml`, then the built-in default — and where each value came from.
public struct Settings: Sendable {
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        case environment(String)
        case file(String)
        case builtIn
        case commandLine(String)
        /// The URL that `scripts/pg` wrote for the private cluster.
        case privateCluster(String)

        public var description: String {
            switch self {
            case .environment(let variable): "environment \(variable)"
            case .file(let path): path
            case .builtIn: "default"
            case .commandLine(let option): "option \(option)"
            case .privateCluster(let path): "private cluster (\(path))"
            }
        }
    }

    public struct Value: Sendable, Hashable {
        public let key: SettingKey
        public let text: String
        public let source: Source
    }

    public let values: [Value]

    /// Reads the settings. `overrides` come from command-line options and win over everything;
    /// `privateClusterURLFile` is where `scripts/pg` leaves the URL that an empty `database.url`
    /// falls back to.
    public init(
        environment: [String: String], configFile: String?, privateClusterURLFile: String,
        overrides: [SettingKey: (option: String, text: String)] = [:]
    ) throws(SettingsError) {
        if let (option, text) = overrides[.databaseURL], text.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .emptyOption(option)
        }
        let environmentProvider = EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(
            with: "atelier")
        let file = try configFile.map { path throws(SettingsError) in (path, try Self.readYAML(path)) }
        var values: [Value] = []
        for key in SettingKey.all {
            let lookup = AbsoluteConfigKey(ConfigKey(key.name))
            var value = Value(key: key, text: key.defaultValue, source: .builtIn)
            if let (option, text) = overrides[key] {
                value = Value(key: key, text: text, source: .commandLine(option))
            } else if let text = try Self.text(
                of: key, from: { try environmentProvider.value(forKey: lookup, type: key.kind.lookupType) })
            {
                value = Value(key: key, text: text, source: .environment(key.environmentVariable))
            } else if let (path, entries) = file, let entry = entries[key.name] {
                value = Value(key: key, text: try Self.text(of: key, from: entry), source: .file(path))
            }
            try Self.validate(value)
            values.append(value)
        }
        if let index = values.firstIndex(where: { $0.key == .databaseURL }), values[index].text.isEmpty,
            let url = try? String(contentsOfFile: privateClusterURLFile, encoding: .utf8)
        {
            values[index] = Value(
                key: .databaseURL, text: url.trimmingCharacters(in: .whitespacesAndNewlines),
                source: .privateCluster(privateClusterURLFile))
        }
        self.values = values
    }

    /// Every key has a value: the initialiser reads each of `SettingKey.all`.
    public subscript(key: SettingKey) -> Value {
        values.first { $0.key == key } ?? Value(key: key, text: key.defaultValue, source: .builtIn)
    }

    public var databaseURL: Value { self[.databaseURL] }
    /// Checked when the settings are read: a zone Foundation does not know is refused there.
    public var timeZone: TimeZone { TimeZone(identifier: self[.timeZone].text) ?? .gmt }
    public var lockTimeoutSeconds: Int { integer(.lockTimeoutSeconds) }

    /// An integer key's value, checked when the settings were read.
    public func integer(_ key: SettingKey) -> Int { Int(self[key].text) ?? Int(key.defaultValue) ?? 0 }
    public func boolean(_ key: SettingKey) -> Bool { self[key].text == "true" }
    /// A list key's items, without empty ones.
    public func list(_ key: SettingKey) -> [String] { self[key].text.split(separator: ",").map(String.init) }

    /// A value of the file: one scalar, or a list of them.
    enum FileEntry {
        case scalar(String)
        case list([String])
    }

    /// The file's values by dotted key (`database.url`). Read with Yams' basic resolver, every
    /// scalar as text (each key's kind checks it): the default one compiles a regular expression
    /// per type YAML could guess, which costs every command a few milliseconds at start.
    static func readYAML(_ path: String) throws(SettingsError) -> [String: FileEntry] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadableFile(path) }
        let root: Node?
        do {
            // No constructor is used to compose (an empty one spares building the default's
            // tables), and the text is UTF-8 (saying so spares reading the environment).
            root = try Yams.compose(
                yaml: String(decoding: data, as: UTF8.self), .basic, Constructor([:], [:], [:]), .utf8)
        } catch {
            throw .malformedFile(path, reason: String(describing: error))
        }
        guard let root else { return [:] }
        guard let mapping = root.mapping else { throw .malformedFile(path, reason: "it is not a mapping of keys") }
        var entries: [String: FileEntry] = [:]
        var pending = mapping.map { ("", $0.key, $0.value) }
        while let (prefix, key, value) = pending.popLast() {
            guard let name = key.string else { throw .malformedFile(path, reason: "a key is not text") }
            let dotted = prefix.isEmpty ? name : prefix + "." + name
            switch value {
            case .mapping(let inner): pending += inner.map { (dotted, $0.key, $0.value) }
            case .scalar(let scalar): entries[dotted] = .scalar(scalar.string)
            case .sequence(let items):
                entries[dotted] = .list(
                    try items.map { item throws(SettingsError) in
                        guard let text = item.string else {
                            throw .malformedFile(path, reason: "the list \(dotted) holds something else than words")
                        }
                        return text
                    })
            case .alias: throw .malformedFile(path, reason: "\(dotted) is an alias, which Atelier does not read")
            }
        }
        return entries
    }

    private static func text(of key: SettingKey, from entry: FileEntry) throws(SettingsError) -> String {
        switch (entry, key.kind.lookupType) {
        case (.scalar(let text), .string): return text
        case (.list(let items), .stringArray):
            return items.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ",")
        case (.list, _): throw .invalid(key, reason: "is not a single value")
        default: throw .invalid(key, reason: "is not a list of words")
        }
    }

    private static func text(of key: SettingKey, from lookup: () throws -> LookupResult) throws(SettingsError)
        -> String?
    {
        do {
            switch try lookup().value?.content {
            case .string(let text)?: return text
            case .stringArray(let items)?:
                return items.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ",")
            default: return nil
            }
        } catch {
            throw .invalid(
                key, reason: key.kind.lookupType == .stringArray ? "is not a list of words" : "is not a single value")
        }
    }

    private static func validate(_ value: Value) throws(SettingsError) {
        let text = value.text
        switch value.key.kind {
        case .integer(let range):
            guard let number = Int(text), range.contains(number) else {
                throw .invalid(
                    value.key,
                    reason: "must be a whole number from \(range.lowerBound) to \(range.upperBound), not “\(text)”",
                    source: value.source)
            }
        case .boolean:
            guard ["true", "false"].contains(text) else {
                throw .invalid(value.key, reason: "must be true or false, not “\(text)”", source: value.source)
            }
        case .choice(let words):
            guard words.contains(text) else {
                throw .invalid(
                    value.key, reason: "must be \(words.joined(separator: " or ")), not “\(text)”", source: value.source
                )
            }
        case .text where value.key == .timeZone:
            guard TimeZone(identifier: text) != nil else {
                throw .invalid(value.key, reason: "names no time zone: “\(text)”", source: value.source)
            }
        case .url where value.key == .smtpURL:
            guard text.hasPrefix("smtp://") || text.hasPrefix("smtps://") else {
                throw .invalid(value.key, reason: "must start with smtp:// or smtps://", source: value.source)
            }
        case .list(.queue):
            let wrong = text.split(separator: ",", omittingEmptySubsequences: false).first { !QueueName.isValid($0) }
            if !text.isEmpty, let wrong {
                throw .invalid(
                    value.key, reason: "names “\(wrong)”, which is not a queue: 1 to 31 lowercase letters, digits or _",
                    source: value.source)
            }
        case .list(.address):
            for item in text.split(separator: ",") where !Self.isAddress(String(item)) {
                throw .invalid(
                    value.key, reason: "holds “\(item)”, which is not an IPv4 or IPv6 address like 127.0.0.1",
                    source: value.source)
            }
        case .list(.days(let range)):
            var seen = Set<Int>()
            for item in text.split(separator: ",", omittingEmptySubsequences: false) where !text.isEmpty {
                guard let days = Int(item), range.contains(days), seen.insert(days).inserted else {
                    throw .invalid(
                        value.key,
                        reason:
                            "holds “\(item)”: give whole days from \(range.lowerBound) to \(range.upperBound), each once, like 3,7",
                        source: value.source)
                }
            }
        case .text, .secret, .url:
            break
        }
    }

    /// Whether `text` is an IPv4 or IPv6 address as `inet_pton` reads them.
    static func isAddress(_ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, text, &buffer) == 1 || inet_pton(AF_INET6, text, &buffer) == 1
    }

    /// The value as `atelier config show` prints it: secrets and URL passwords masked.
    public static func masked(_ value: Value) -> String {
        switch value.key.kind {
        case .secret: value.text.isEmpty ? "" : "********"
        case .url: maskingPassword(in: value.text)
        case .text, .integer, .boolean, .choice, .list: value.text
        }
    }

    /// `scheme://user:secret@host` → `scheme://user:********@host`; `password=secret` likewise.
    public static func maskingPassword(in text: String) -> String {
        URLCredentials.masked(text).replacing(/password\s*=\s*('[^']*'|\S+)/, with: "password=********")
    }
}
