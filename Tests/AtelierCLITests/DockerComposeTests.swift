import Foundation
import TestSupport
import Testing
import Yams

@testable import App

/// No Docker engine runs here: the compose file is checked as YAML, and against the settings.
@Suite struct DockerComposeTests {
    let compose: [String: Any]

    init() throws {
        let path = AtelierProcess.packageRoot.appendingPathComponent("docker-compose.yml").path
        compose = try Yams.load(yaml: String(contentsOfFile: path, encoding: .utf8)) as! [String: Any]
    }

    var services: [String: [String: Any]] { compose["services"] as? [String: [String: Any]] ?? [:] }

    @Test func hasTheDatabaseTheMigrationTheWorkerThePagesAndAMailCatcher() {
        #expect(Set(services.keys) == ["postgres", "migrate", "worker", "serve", "mail"])
        #expect(services["migrate"]?["command"] as? [String] == ["db", "migrate"])
        #expect(services["worker"]?["command"] as? [String] == ["worker"])
        #expect(services["serve"]?["command"] as? [String] == ["serve"])
        #expect(services["serve"]?["ports"] as? [String] == ["8080:8080"])
        let environment = services["serve"]?["environment"] as? [String: Any]
        #expect(environment?["ATELIER_WEB_HOST"] as? String == "0.0.0.0", "a container listens beyond loopback")
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

    /// SwiftPM reads every target's folder before building one product: the image must have them.
    @Test func theImageBuildsFromEveryFolderThePackageNames() throws {
        let root = AtelierProcess.packageRoot
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let dockerfile = try String(contentsOf: root.appendingPathComponent("Dockerfile"), encoding: .utf8)
        let folders = Set(
            manifest.components(separatedBy: "path: \"").dropFirst().compactMap {
                $0.split(separator: "/").first.map(String.init)
            })
        #expect(folders == ["Benchmarks", "Tests"])
        for folder in folders.union(["Sources"]) {
            #expect(dockerfile.contains("COPY \(folder) \(folder)"), "the Dockerfile does not copy \(folder)/")
        }
        for shipped in ["Migrations", "Config", "Jobs", "Questionnaires", "Pages"] {
            #expect(dockerfile.contains("COPY \(shipped) \(shipped)"))
        }
    }
}
