import Postgres
import TestSupport
import Testing

@Suite struct ConnectionTests {
    let database: TestDatabase

    init() throws { database = try TestDatabase.create() }

    @Test func terminatedBackendIsAConnectionLostAndReconnectWorks() throws {
        let victim = try database.connect()
        let killer = try database.connect()
        try victim.listen("after-reconnect")
        try killer.execute("SELECT pg_terminate_backend(\(victim.backendPID))")
        let error = #expect(throws: PostgresError.self) { try victim.execute("SELECT 1") }
        #expect(error?.kind == .connectionLost)
        #expect(!victim.isConnected)
        let second = #expect(throws: PostgresError.self) { try victim.execute("SELECT 1") }
        #expect(second?.kind == .connectionLost)

        try victim.reconnect()
        #expect(try victim.execute("SELECT 41 + 1")[0].decode(Int.self, at: 0) == 42)
        // Its channels are listened on again.
        try killer.notify("after-reconnect", payload: "back")
        #expect(try victim.waitForNotification(timeout: .seconds(5))?.payload == "back")
    }

    @Test func wrongPasswordFailsWithTheServersReason() throws {
        let wrong = database.configuration.with("password", "not-the-password")
        let error = #expect(throws: PostgresError.self) { try Connection(wrong) }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.message == "password authentication failed for user \"atelier\"")
    }

    @Test func unreachableServerFailsWithTheReason() throws {
        let nowhere = try ConnectionConfiguration("postgresql://atelier@127.0.0.1:1/atelier?connect_timeout=2")
        let error = #expect(throws: PostgresError.self) { try Connection(nowhere) }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.message == "Connection refused")
    }

    @Test func malformedURLIsRefusedBeforeConnecting() throws {
        let error = #expect(throws: PostgresError.self) { try ConnectionConfiguration("postgresql://host:notaport/db") }
        #expect(error?.kind == .malformedConnectionString)
        #expect(error?.message.contains("invalid port number") == true)
        let garbled = #expect(throws: PostgresError.self) { try ConnectionConfiguration("host=x nonsense") }
        #expect(garbled?.message == "missing \"=\" after \"nonsense\" in connection info string")
        let unknown = #expect(throws: PostgresError.self) {
            try ConnectionConfiguration("postgresql://h/db?colour=blue")
        }
        #expect(unknown?.message == "invalid URI query parameter: \"colour\"")
    }

    @Test func configurationDescriptionHidesThePassword() throws {
        let configuration = try ConnectionConfiguration("postgresql://atelier:s3cret@db.example:5433/atelier")
        #expect(configuration.description == "atelier@db.example:5433/atelier")
        #expect(configuration.parameters["password"] == "s3cret")
    }
}
