import Foundation
import Postgres
import TestSupport
import Testing

/// `atelier serve` as a reverse proxy or a supervisor finds it: the real binary on a loopback
/// port, asked over plain sockets.
@Suite struct ServeTests {
    static let securityHeaders = [
        "content-security-policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
        "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
    ]

    func expectSecurityHeaders(_ response: HTTPExchange.Response, https: Bool = false) {
        for (name, value) in Self.securityHeaders { #expect(response.headers[name] == value, "\(name)") }
        #expect(response.headers["strict-transport-security"] == (https ? "max-age=31536000" : nil))
    }

    @Test func healthSaysTheDatabaseIsReachableAndMigrated() throws {
        let database = try TestDatabase.migrated()
        let server = try PageServerProcess(environment: ["ATELIER_DATABASE_URL": database.url])
        let health = try server.request("GET", "/health")
        #expect(health.status == 200)
        #expect(health.headers["content-type"] == "application/json")
        #expect(health.text == #"{"database":"reachable","migrations":"applied","status":"ok"}"#)
        expectSecurityHeaders(health)
        #expect(server.logText.contains("GET /health 200 "))
    }

    @Test func healthAnswers503WhenMigrationsArePendingOrTheDatabaseIsAway() throws {
        let empty = try TestDatabase.create()
        let pending = try PageServerProcess(environment: ["ATELIER_DATABASE_URL": empty.url])
        let unmigrated = try pending.request("GET", "/health")
        #expect(unmigrated.status == 503)
        #expect(unmigrated.text == #"{"database":"reachable","migrations":"pending","status":"unavailable"}"#)

        // A port where nothing listens: the server starts all the same, and says so.
        let away = try PageServerProcess(environment: [
            "ATELIER_DATABASE_URL": "postgresql://atelier@127.0.0.1:9/atelier?connect_timeout=2"
        ])
        let unreachable = try away.request("GET", "/health")
        #expect(unreachable.status == 503)
        #expect(unreachable.text == #"{"database":"unreachable","status":"unavailable"}"#)
        expectSecurityHeaders(unreachable)
    }

    /// A token in a path is logged by its first 6 characters only, and an unknown address still
    /// carries the security headers.
    @Test func theAccessLogNeverHoldsAWholeToken() throws {
        let database = try TestDatabase.migrated()
        let server = try PageServerProcess(environment: [
            "ATELIER_DATABASE_URL": database.url, "ATELIER_WEB_BASE_URL": "https://formation.asso.example",
        ])
        let token = "3f9a2c5e0b1d4e6f8a7c9b0d1e2f3a4b"
        for prefix in ["/q/", "/s/", "/t/"] {
            let response = try server.request("GET", prefix + token)
            expectSecurityHeaders(response, https: true)
        }
        let log = server.logText
        #expect(!log.contains(token))
        for prefix in ["/q/", "/s/", "/t/"] { #expect(log.contains("GET \(prefix)3f9a2c… ")) }
        #expect(log.contains("links from https://formation.asso.example"))
    }

    /// SIGTERM and SIGINT stop it: exit 0, well within `web.shutdown-seconds`, saying so.
    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalStopsIt(_ signal: Int32) throws {
        let database = try TestDatabase.migrated()
        let server = try PageServerProcess(environment: [
            "ATELIER_DATABASE_URL": database.url, "ATELIER_WEB_SHUTDOWN_SECONDS": "3",
        ])
        #expect(try server.request("GET", "/health").status == 200)
        let (status, seconds) = server.stop(with: signal)
        #expect(status == 0)
        #expect(seconds < 3)
        #expect(server.logText.hasSuffix("Stopped\n"))
    }

    /// Beyond `web.rate-limit` a minute, a client gets 429 on the personal links' pages, with a
    /// French page and Retry-After; `/health` is not counted.
    @Test func aClientAskingTooOftenIsToldToWait() throws {
        let database = try TestDatabase.migrated()
        let server = try PageServerProcess(environment: [
            "ATELIER_DATABASE_URL": database.url, "ATELIER_WEB_RATE_LIMIT": "3",
        ])
        let unknown = "/q/" + String(repeating: "0", count: 32)
        for _ in 1...3 { #expect(try server.request("GET", unknown).status == 404) }
        let limited = try server.request("GET", unknown)
        #expect(limited.status == 429)
        #expect(limited.text.contains("Trop de demandes en peu de temps"))
        #expect(Int(limited.headers["retry-after"] ?? "") ?? 0 >= 1)
        expectSecurityHeaders(limited)
        #expect(try server.request("GET", "/health").status == 200)
        // Without trusted proxies, X-Forwarded-For is the client's own words: not believed.
        let forged = try server.request("GET", unknown, headers: [("X-Forwarded-For", "203.0.113.9")])
        #expect(forged.status == 429)
    }

    /// Behind a trusted proxy, each client named by X-Forwarded-For has its own allowance.
    @Test func behindATrustedProxyEachClientCountsForItself() throws {
        let database = try TestDatabase.migrated()
        let server = try PageServerProcess(environment: [
            "ATELIER_DATABASE_URL": database.url, "ATELIER_WEB_RATE_LIMIT": "2",
            "ATELIER_WEB_TRUSTED_PROXIES": "127.0.0.1,::1",
        ])
        let unknown = "/q/" + String(repeating: "0", count: 32)
        func ask(_ chain: String) throws -> Int {
            try server.request("GET", unknown, headers: [("X-Forwarded-For", chain)]).status
        }
        #expect(try ask("203.0.113.5") == 404)
        #expect(try ask("198.51.100.7, 203.0.113.5") == 404, "the address the proxy saw counts, not the one claimed")
        #expect(try ask("203.0.113.5") == 429)
        #expect(try ask("203.0.113.6") == 404)
    }

    /// A connection that sends half a request and then nothing is closed after
    /// `web.idle-timeout-seconds`.
    @Test func aSlowClientIsClosed() throws {
        let database = try TestDatabase.migrated()
        let server = try PageServerProcess(environment: [
            "ATELIER_DATABASE_URL": database.url, "ATELIER_WEB_IDLE_TIMEOUT_SECONDS": "1",
        ])
        let start = Date()
        let answer = try? HTTPExchange.exchange(
            port: server.port, bytes: Array("GET /health HTTP/1.1\r\nHost: x\r\n".utf8))
        #expect(answer == nil || answer?.status == 408)
        #expect(Date().timeIntervalSince(start) < 5, "closed after about a second")
    }

    @Test func aTrustedProxyThatIsNotAnAddressIsRefused() throws {
        let outcome = try AtelierProcess.run(["serve"], environment: ["ATELIER_WEB_TRUSTED_PROXIES": "proxy.local"])
        #expect(outcome.status == 78)
        #expect(
            outcome.standardError
                == "The setting web.trusted-proxies (from environment ATELIER_WEB_TRUSTED_PROXIES) holds “proxy.local”, which is not an IPv4 or IPv6 address like 127.0.0.1.\n"
        )
    }

    /// Without `web.secret`, where `.atelier/web-secret` cannot be written (a read-only
    /// container), the server starts all the same with a key of its own, and says so.
    @Test func aServerThatCannotKeepItsKeyStartsAndSaysSo() throws {
        let database = try TestDatabase.migrated()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-root-\(UUID())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["Migrations", "Config", "Jobs", "Pages"] {
            try FileManager.default.createSymbolicLink(
                at: root.appendingPathComponent(folder),
                withDestinationURL: AtelierProcess.packageRoot.appendingPathComponent(folder))
        }
        try Data("not a folder".utf8).write(to: root.appendingPathComponent(".atelier"))
        let server = try PageServerProcess(environment: [
            "ATELIER_DATABASE_URL": database.url, "ATELIER_ROOT": root.path,
        ])
        #expect(try server.request("GET", "/health").status == 200)
        #expect(server.logText.contains("web.secret is empty and \(root.path)/.atelier/web-secret cannot be written"))
    }

    @Test func aPortOutOfRangeIsRefused() throws {
        let outcome = try AtelierProcess.run(["serve", "--port", "70000"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("--port 70000 is not a port: it goes from 0 to 65535."))
    }
}
