import Foundation
import TestSupport
import Testing
import Yams

@testable import App

@Suite struct SettingsTests {
    let configFile = AtelierProcess.packageRoot.appendingPathComponent("Config/atelier.yaml").path

    func settings(_ environment: [String: String] = [:], file: String? = nil) throws -> Settings {
        try Settings(environment: environment, configFile: file, privateClusterURLFile: "/nonexistent/url")
    }

    @Test func theShippedFileHoldsExactlyTheBuiltInDefaults() throws {
        let fromFile = try settings(file: configFile)
        let builtIn = try settings()
        #expect(fromFile.values.map(\.text) == builtIn.values.map(\.text))
        #expect(fromFile.values.allSatisfy { $0.source == .file(configFile) })
        // And every key of the file is a setting (no stale or misspelt key).
        let yaml = try Yams.load(yaml: String(contentsOfFile: configFile, encoding: .utf8)) as! [String: Any]
        func keys(_ node: Any, prefix: String) -> [String] {
            guard let map = node as? [String: Any] else { return [prefix] }
            return map.flatMap { keys($1, prefix: prefix.isEmpty ? $0 : "\(prefix).\($0)") }
        }
        #expect(Set(keys(yaml, prefix: "")) == Set(SettingKey.all.map(\.name)))
    }

    @Test func environmentWinsOverTheFileWhichWinsOverTheDefault() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("atelier.yaml").path
        try "worker:\n  lanes: 3\n  poll-seconds: 9\n".write(toFile: file, atomically: true, encoding: .utf8)
        let resolved = try settings(["ATELIER_WORKER_LANES": "7"], file: file)
        #expect(
            resolved[.workerLanes]
                == Settings.Value(key: .workerLanes, text: "7", source: .environment("ATELIER_WORKER_LANES")))
        #expect(resolved[.workerPollSeconds] == Settings.Value(key: .workerPollSeconds, text: "9", source: .file(file)))
        #expect(resolved[.timeZone] == Settings.Value(key: .timeZone, text: "Europe/Paris", source: .builtIn))
    }

    /// The file is read with every scalar as text; a list where one value is expected, or one
    /// value where a list is, is refused with the key's name.
    @Test func aValueOfTheWrongShapeInTheFileIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("atelier.yaml").path
        try "questionnaire:\n  reminder-days: [ 2 , 5]\n".write(toFile: file, atomically: true, encoding: .utf8)
        let read = try settings(file: file)
        #expect(read[.questionnaireReminderDays].text == "2,5")
        for (yaml, sentence) in [
            ("worker:\n  lanes: [1, 2]\n", "worker.lanes is not a single value"),
            ("questionnaire:\n  reminder-days: 3\n", "questionnaire.reminder-days is not a list of words"),
            ("- a\n- b\n", "it is not a mapping of keys"),
        ] {
            try yaml.write(toFile: file, atomically: true, encoding: .utf8)
            let error = #expect(throws: SettingsError.self) { try settings(file: file) }
            #expect(error?.description.contains(sentence) == true, "\(String(describing: error))")
        }
    }

    @Test func commandLineWinsOverEverything() throws {
        let resolved = try Settings(
            environment: ["ATELIER_DATABASE_URL": "postgresql://env/db"], configFile: nil,
            privateClusterURLFile: "/nonexistent",
            overrides: [.databaseURL: ("--database-url", "postgresql://cli/db")])
        #expect(resolved.databaseURL.text == "postgresql://cli/db")
        #expect(resolved.databaseURL.source == .commandLine("--database-url"))
    }

    @Test func anEmptyDatabaseURLFallsBackToThePrivateCluster() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("url-\(UUID())").path
        try "postgresql://atelier:pw@127.0.0.1:5999/atelier\n".write(toFile: file, atomically: true, encoding: .utf8)
        let resolved = try Settings(environment: [:], configFile: nil, privateClusterURLFile: file)
        #expect(resolved.databaseURL.text == "postgresql://atelier:pw@127.0.0.1:5999/atelier")
        #expect(resolved.databaseURL.source == .privateCluster(file))
    }

    @Test func passwordsAreMasked() {
        #expect(
            Settings.maskingPassword(in: "postgresql://atelier:s3cret@db:5432/atelier")
                == "postgresql://atelier:********@db:5432/atelier")
        #expect(Settings.maskingPassword(in: "host=db password='a b' user=x") == "host=db password=******** user=x")
        #expect(Settings.maskingPassword(in: "smtp://relay.example:587") == "smtp://relay.example:587")
        let secret = Settings.Value(key: .smtpPassword, text: "hunter2", source: .builtIn)
        #expect(Settings.masked(secret) == "********")
    }

    @Test func environmentVariableNamesFollowTheKeys() {
        #expect(SettingKey.databaseURL.environmentVariable == "ATELIER_DATABASE_URL")
        #expect(SettingKey.workerPollSeconds.environmentVariable == "ATELIER_WORKER_POLL_SECONDS")
    }

    @Test func configShowPrintsSourcesAndMasksThePassword() throws {
        let outcome = try AtelierProcess.run(
            ["config", "show"],
            environment: [
                "ATELIER_DATABASE_URL": "postgresql://atelier:topsecret@db.example:5432/atelier",
                "ATELIER_SMTP_PASSWORD": "hunter2",
            ])
        #expect(outcome.status == 0)
        #expect(!outcome.standardOutput.contains("topsecret"))
        #expect(!outcome.standardOutput.contains("hunter2"))
        let lines = outcome.standardOutput.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        #expect(
            lines.contains(
                "database.url postgresql://atelier:********@db.example:5432/atelier environment ATELIER_DATABASE_URL"))
        #expect(lines.contains("smtp.password ******** environment ATELIER_SMTP_PASSWORD"))
        #expect(lines.contains("timezone Europe/Paris \(configFile)"))
    }
}
