import Foundation
import Postgres
import TestSupport
import Testing
import Training

/// The queues a worker claims: by default every queue `Jobs/*/job.yaml` names, so that moving a
/// kind to a queue of its own never silently stops it; `--queue` narrows it, and what then waits
/// unclaimed is said by `atelier jobs stats`, beside the workers that run.
@Suite struct WorkerQueuesTests {
    let database: TestDatabase
    let catcher: MailCatcher
    let root: TemporaryRoot
    let code: String

    init() throws {
        database = try TestDatabase.migrated()
        catcher = try MailCatcher()
        let store = try Store.repository(database.connect())
        _ = try Catalogue(store).addModule(Module(code: "PMAE", title: "Fonction employeur", durationMinutes: 210))
        _ = try People(store).addParticipant(
            Participant(firstName: "Émilie", lastName: "Durand", email: try EmailAddress("emilie@asso.fr")))
        code = try Sessions(store).schedule(
            SessionPlan(module: "PMAE", slots: [try SlotSpec(parsing: "2030-04-04T09:00-12:30")])
        ).code
        root = try TemporaryRoot.withRepositoryJobs()
        try root.writePolicy(
            "convocation", "# convocation on a queue of its own.\nqueue: mail\npriority: 1\nmax-attempts: 20\n")
    }

    var environment: [String: String] {
        [
            "ATELIER_ROOT": root.url.path, "ATELIER_DATABASE_URL": database.url, "ATELIER_SMTP_URL": catcher.url,
            "ATELIER_SMTP_TLS": "opportunistic", "ATELIER_MAIL_FROM": "Atelier <formation@mda-caen.example>",
        ]
    }

    func atelier(_ arguments: String...) throws -> AtelierProcess.Outcome {
        try AtelierProcess.run(arguments, environment: environment)
    }

    func convocation() throws -> (queue: String, state: String) {
        try database.connect().execute("SELECT queue, state FROM job WHERE kind = 'convocation'")[0]
            .decode((String, String).self)
    }

    @Test func aDefaultWorkerClaimsEveryQueueOfTheCatalogue() throws {
        #expect(try atelier("register", code, "emilie@asso.fr").status == 0)
        let worker = try atelier("worker", "--until-idle")
        #expect(worker.status == 0)
        #expect(worker.standardError.contains("queues=default,mail"), "the worker says which queues it claims")
        #expect(try convocation() == ("mail", "completed"))
        #expect(try ReadMail.read(catcher.messageFiles()).map(\.to) == ["emilie@asso.fr"])
    }

    @Test func aWorkerOnOneQueueLeavesTheOtherWaitingVisibly() throws {
        #expect(try atelier("register", code, "emilie@asso.fr").status == 0)
        #expect(try atelier("worker", "--until-idle", "--queue", "default").status == 0)
        #expect(try convocation() == ("mail", "available"))
        #expect(catcher.messageFiles().isEmpty)

        let running = try AtelierProcess.start(["worker", "--queue", "default"], environment: environment)
        defer { running.send(SIGKILL) }
        var listed = try atelier("jobs", "workers")
        for _ in 0..<100 where !listed.standardOutput.contains(" default ") {
            Thread.sleep(forTimeInterval: 0.1)
            listed = try atelier("jobs", "workers")
        }
        let lines = listed.standardOutput.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.first == "HOST PID LANES QUEUES STARTED LAST HEARTBEAT")
        #expect(lines.count == 2 && lines[1].hasPrefix("\(ProcessInfo.processInfo.hostName) "))
        #expect(lines.count == 2 && lines[1].contains(" 2 default "), "lanes and queues: \(lines)")

        let stats = try atelier("jobs", "stats")
        #expect(stats.status == 0)
        let rows = stats.standardOutput.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows.first == "QUEUE KIND STATE JOBS")
        #expect(rows.contains("mail convocation available 1"))
        #expect(
            rows.contains(
                "1 job waits in the queue mail, which no running worker claims: start one with `atelier worker --queue mail`."
            ))
        #expect(!rows.contains { $0.contains("in the queue default") }, "default is claimed")

        running.send(SIGTERM)
        #expect(running.finish().status == 0)
        #expect(try atelier("jobs", "workers").standardOutput == "No worker is running.\n")
        #expect(try convocation() == ("mail", "available"), "still waiting for a worker of its queue")
    }

    /// libcurl refuses the relay's address (longer than it takes): the worker does not start.
    @Test func aRelayLibcurlRefusesStopsTheWorkerAtStart() throws {
        let file = root.url.appendingPathComponent("atelier.yaml")
        try "smtp:\n  url: smtp://\(String(repeating: "a", count: 8_000_001))\n".write(
            to: file, atomically: true, encoding: .utf8)
        var environment = self.environment
        environment["ATELIER_SMTP_URL"] = nil
        environment["ATELIER_CONFIG"] = file.path
        let before = try database.fingerprint()
        let outcome = try AtelierProcess.run(["worker", "--until-idle"], environment: environment)
        #expect(outcome.status == 78)
        #expect(
            outcome.standardError
                == "The SMTP settings (smtp.*) cannot be used: CURLOPT_URL cannot be set: A libcurl function was given a bad argument.\n"
        )
        #expect(try database.fingerprint() == before)
    }

    @Test func aQueueThatIsNoQueueIsAUsageError() throws {
        let outcome = try atelier("worker", "--queue", "Mail")
        #expect(outcome.status == 64)
        #expect(
            outcome.standardError.hasPrefix(
                "Error: --queue Mail is not a queue: 1 to 31 lowercase letters, digits or _."))
    }
}
