import Foundation
import Postgres

/// The record of what left Atelier, one row per message or webhook call, written in the
/// transaction of the job that sent it. A job run again after a crash asks here first, so that
/// what a server accepted is not sent twice; refusals are kept, one per attempt.
public struct Deliveries {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    public enum Channel: String, Sendable, Codable {
        case mail, webhook, upload
    }

    public enum State: String, Sendable, Codable {
        case accepted, refused
    }

    /// Whether a server accepted the message with this id before: a job run again after a crash
    /// then sends nothing. A refusal is not remembered here: a job retried after one (`jobs
    /// retry`, once the address is corrected) tries the server again.
    public func wasAccepted(messageID: String) throws -> Bool {
        try !connection.execute(
            "SELECT 1 FROM delivery WHERE message_id = \(messageID) AND state = 'accepted'"
        ).isEmpty
    }

    /// The reply of the job's last refusal, if the server's last word on it was one.
    public func lastRefusal(job: Int) throws -> String? {
        try connection.execute(
            "SELECT state, reply FROM delivery WHERE job_id = \(job) ORDER BY id DESC LIMIT 1"
        ).first.flatMap { row in
            try row.decode(State.self, at: 0) == .refused ? try row.decode(String.self, at: 1) : nil
        }
    }

    /// What a message said: its subject, its plain text, and its attachments' names, sizes and
    /// SHA-256 (in hex).
    public struct Content: Sendable, Hashable {
        public struct Attachment: Sendable, Hashable, Codable {
            public let name: String
            public let bytes: Int
            public let sha256: String

            public init(name: String, bytes: Int, sha256: String) {
                (self.name, self.bytes, self.sha256) = (name, bytes, sha256)
            }
        }

        public let subject: String
        public let text: String
        public let attachments: [Attachment]

        public init(subject: String, text: String, attachments: [Attachment]) {
            (self.subject, self.text, self.attachments) = (subject, text, attachments)
        }
    }

    /// Records an attempt's outcome; `content`, what a message said (none for a webhook call or
    /// an upload).
    public func record(
        job: Int, kind: JobKind, channel: Channel, registration: Int?, recipient: String, messageID: String,
        _ state: State, reply: String, content: Content? = nil
    ) throws {
        // A server's words: kept on one line, without control characters, as the column requires.
        let reply = String(Printable.escaped(reply).precomposedStringWithCanonicalMapping.prefix(2000))
        let attachments = try content.map { content in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return String(decoding: try encoder.encode(content.attachments), as: UTF8.self)
        }
        try connection.execute(
            """
            INSERT INTO delivery (job_id, kind, channel, registration_id, recipient, message_id, state, reply,
                                  subject, body, attachments)
            VALUES (\(job), \(kind), \(channel), \(registration), \(recipient), \(messageID), \(state), \(reply),
                    \(content?.subject), \(content?.text), \(attachments)::jsonb)
            """)
    }

    /// The registrations of a session whose last message was refused for good, with the server's reply.
    public func refusals(ofSession code: String) throws -> [Int: String] {
        var refusals: [Int: String] = [:]
        for row in try connection.execute(
            """
            SELECT DISTINCT ON (d.registration_id) d.registration_id, d.state, d.kind || ': ' || d.reply
            FROM delivery d JOIN registration r ON r.id = d.registration_id JOIN session s ON s.id = r.session_id
            WHERE s.code = \(code.typedCode) AND d.channel = 'mail'
            ORDER BY d.registration_id, d.sent_at DESC, d.id DESC
            """)
        {
            let (registration, state, reply) = try row.decode((Int, State, String).self)
            if state == .refused { refusals[registration] = reply }
        }
        return refusals
    }
}
