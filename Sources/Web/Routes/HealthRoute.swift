import Foundation
import Hummingbird

/// `GET /health`, for a load balancer or a supervisor: 200 when the database answers and every
/// migration is applied, else 503, with a JSON body that says which.
struct HealthRoute: Sendable {
    let database: Database

    struct Status: Encodable {
        let status: String
        let database: String
        let migrations: String?
    }

    func add(to router: Router<some RequestContext>) {
        router.get("/health") { _, _ in try await check() }
    }

    func check() async throws -> Response {
        let status: Status
        do {
            let migrated = try await database.isMigrated()
            status = Status(
                status: migrated ? "ok" : "unavailable", database: "reachable",
                migrations: migrated ? "applied" : "pending")
        } catch {
            status = Status(status: "unavailable", database: "unreachable", migrations: nil)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Response(
            status: status.status == "ok" ? .ok : .serviceUnavailable,
            headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(status))))
    }
}
