import Foundation
import Postgres

/// Where a job is in its life. `scheduled`, `available` and `retryable` wait to be claimed once
/// their `run_at` has come; `running` is leased to one worker; the last three are final.
public enum JobState: String, Sendable, Hashable, Codable, CaseIterable, PostgresCodable, PostgresArrayElement {
    case scheduled, available, running, retryable, completed, discarded, cancelled

    /// The states a unique key holds in, and that a job can still leave.
    public static let live: [JobState] = [.scheduled, .available, .running, .retryable]
    /// The states a claim looks at.
    public static let waiting: [JobState] = [.scheduled, .available, .retryable]
}

/// One attempt that did not succeed: kept, every one, after the last attempt.
public struct JobError: Sendable, Hashable, Codable {
    public let attempt: Int
    public let at: Date
    public let message: String
}

/// A job as the table holds it.
public struct Job: Sendable, Hashable, Codable, Identifiable {
    public let id: Int
    public let kind: String
    public let queue: String
    /// The arguments, as the JSON text the job was enqueued with.
    public let args: JSONText
    public let priority: Int
    public let state: JobState
    public let attempt: Int
    public let maxAttempts: Int
    public let runAt: Date
    public let uniqueKey: String?
    public let errors: [JobError]
    public let createdAt: Date
    public let attemptedAt: Date?
    public let finishedAt: Date?
    public let worker: String?

    /// Every column `init(row:)` reads.
    static let columns = """
        id, kind, queue, args::text AS args, priority, state, attempt, max_attempts, run_at, unique_key, errors::text AS errors,
        created_at, attempted_at, finished_at, worker
        """

    init(row: Row) throws {
        id = try row.decode(Int.self, "id")
        kind = try row.decode(String.self, "kind")
        queue = try row.decode(String.self, "queue")
        args = JSONText(try row.decode(String.self, "args"))
        priority = try row.decode(Int.self, "priority")
        state = try row.decode(JobState.self, "state")
        attempt = try row.decode(Int.self, "attempt")
        maxAttempts = try row.decode(Int.self, "max_attempts")
        runAt = try row.decode(Date.self, "run_at")
        uniqueKey = try row.decode(String?.self, "unique_key")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = JobError.timestamp(text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "not a timestamp: \(text)"))
            }
            return date
        }
        errors = try decoder.decode([JobError].self, from: Data(try row.decode(String.self, "errors").utf8))
        createdAt = try row.decode(Date.self, "created_at")
        attemptedAt = try row.decode(Date?.self, "attempted_at")
        finishedAt = try row.decode(Date?.self, "finished_at")
        worker = try row.decode(String?.self, "worker")
    }

    /// The arguments decoded as the handler expects them.
    public func arguments<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(args.text.utf8))
    }
}

extension JobError {
    /// `to_jsonb(now())` writes `2027-04-05T09:00:00.123456+02:00`: ISO 8601 with fractions.
    static func timestamp(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
            ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}

/// JSON kept as its text, and written out as JSON (not as a string) when the job is encoded.
public struct JSONText: Sendable, Hashable, Codable {
    public let text: String

    public init(_ text: String) { self.text = text }

    public init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        self.init(String(decoding: try JSONEncoder().encode(value), as: UTF8.self))
    }

    public func encode(to encoder: any Encoder) throws {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)).encode(to: encoder)
    }
}

/// Any JSON value, to carry arguments through `Codable` unchanged.
enum JSONValue: Codable, Hashable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
