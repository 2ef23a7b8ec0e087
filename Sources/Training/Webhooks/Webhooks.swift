import Foundation
import Postgres

/// The endpoints every domain event is POSTed to, each through a `webhook` job. A URL's login is
/// shown masked (`URLCredentials`) wherever it is printed, queued or recorded.
public struct Webhooks {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    /// An http(s) URL, at most 500 characters, without spaces.
    static func validated(_ text: String) throws(TrainingError) -> String {
        let url = try Field.required(text, "webhook URL", limit: 500)
        guard url.hasPrefix("https://") || url.hasPrefix("http://"), url.count > 8,
            !url.unicodeScalars.contains(where: \.properties.isWhitespace), URL(string: url)?.host != nil
        else {
            throw .invalid("The webhook URL “\(Printable.escaped(text))” is not an http or https URL.")
        }
        return url
    }

    /// An endpoint, as shown (its password masked), and the secret it checks signatures with.
    public struct Endpoint: Sendable, Hashable {
        public let url: String
        public let secret: String
    }

    /// Adds the endpoint with a new random secret (256 bits), which the caller shows once.
    public func add(_ text: String) throws -> Endpoint {
        let url = try Self.validated(text)
        let secret = "whsec_" + RandomHex.make(bits: 256)
        return try connection.write { connection in
            guard
                try connection.execute("SELECT 1 FROM webhook_endpoint WHERE url = \(url) AND removed_at IS NULL")
                    .isEmpty
            else {
                throw TrainingError.refused("The webhook \(URLCredentials.masked(url)) is already there.")
            }
            try connection.execute("INSERT INTO webhook_endpoint (url, secret) VALUES (\(url), \(secret))")
            return Endpoint(url: URLCredentials.masked(url), secret: secret)
        }
    }

    /// No event is queued for the endpoint from now on; the jobs already queued for it still run.
    public func remove(_ text: String) throws {
        let url = try Self.validated(text)
        guard
            try !connection.execute(
                "UPDATE webhook_endpoint SET removed_at = now() WHERE url = \(url) AND removed_at IS NULL RETURNING id"
            ).isEmpty
        else {
            throw TrainingError.notFound("No webhook has the URL \(URLCredentials.masked(url)).")
        }
    }

    /// The endpoints' URLs, their passwords masked.
    public func list() throws -> [String] {
        try connection.execute("SELECT url FROM webhook_endpoint WHERE removed_at IS NULL ORDER BY id").map {
            URLCredentials.masked(try $0.decode(String.self, at: 0))
        }
    }
}

extension Webhooks {
    /// One event as an endpoint receives it, with the secret to sign it with.
    public struct Call: Sendable, Hashable {
        public let url: String
        public let secret: String
        /// `{"id": 42, "name": "registration.confirmed", "occurred_at": "…Z", "data": {…}}`.
        public let body: [UInt8]
    }

    /// The call of `event` to `endpoint` (removed since or not), or `nil` when either is unknown.
    public func call(event: Int, endpoint: Int) throws -> Call? {
        guard
            let row = try connection.execute(
                """
                SELECT w.url, w.secret, json_build_object('id', e.id, 'name', e.name,
                           'occurred_at', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'data', e.payload)::text
                FROM webhook_endpoint w CROSS JOIN event e WHERE w.id = \(endpoint) AND e.id = \(event)
                """
            ).first
        else { return nil }
        let (url, secret, body) = try row.decode((String, String, String).self)
        return Call(url: url, secret: secret, body: Array(body.utf8))
    }
}
