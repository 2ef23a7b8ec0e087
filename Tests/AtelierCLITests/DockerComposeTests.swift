@testable import AtelierCLI
import Foundation
import Testing
import TestSupport
import Yams

/// No Docker engine runs here: the compose file is checked as YAML, and against the settings.
@Suite struct DockerComposeTests {
    let compose: [String: Any]

    init() throws {
        let path = AtelierProcess.packageRoot.appendingPathComponent("docker-compose.yml").path
        compose = try Yams.load(yaml: String(contentsOfFile: path, encoding: .utf8)) as! [String: Any]
    }

    var services: [String: [String: Any]] { compose["services"] as? [String: [String: Any]] ?? [:] }

    @Test func hasTheDatabaseTheMigrationTheWorkerAndAMailCatcher() {
        #expect(Set(services.keys) == ["postgres", "migrate", "worker", "mail"])
        #expect(services["migrate"]?["command"] as? [String] == ["db", "migrate"])
        #expect(services["worker"]?["command"] as? [String] == ["worker"])
    }

    @Test func everyAtelierVariableIsASetting() {
        let known = Set(SettingKey.all.map(\.environmentVariable))
        var used: Set<String> = []
        for service in services.values {
            for name in (service["environment"] as? [String: Any] ?? [:]).keys where name.hasPrefix("ATELIER_") {
                used.insert(name)
            }
        }
        #expect(used.contains("ATELIER_DATABASE_URL"))
        #expect(used.isSubset(of: known), "unknown: \(used.subtracting(known))")
    }
}
