import Foundation
import Postgres
import TestSupport
import Testing
import Training

@testable import App

/// `Jobs/<kind>/job.yaml` decides how each kind is queued: an operator's edit takes effect on the
/// next command, and a catalogue that cannot be used stops every command with one sentence.
@Suite struct JobCatalogueTests {
    let database: TestDatabase
    let root: TemporaryRoot
    let code: String

    init() throws {
        database = try TestDatabase.migrated()
        let store = try Store.repository(database.connect())
        _ = try Catalogue(store).addModule(Module(code: "PMAE", title: "Fonction employeur", durationMinutes: 420))
        _ = try People(store).addParticipant(
            Participant(firstName: "A", lastName: "B", email: try EmailAddress("a@asso.fr")))
        code = try Sessions(store).schedule(
            SessionPlan(module: "PMAE", slots: [try SlotSpec(parsing: "2030-04-04T09:00-12:30")])
        ).code
        root = try TemporaryRoot.withRepositoryJobs()
    }

    func register() throws -> AtelierProcess.Outcome {
        try AtelierProcess.run(
            ["register", code, "a@asso.fr"],
            environment: ["ATELIER_ROOT": root.url.path, "ATELIER_DATABASE_URL": database.url])
    }

    func write(_ kind: String, _ yaml: String) throws { try root.writePolicy(kind, yaml) }

    func expectRefused(_ sentence: String) throws {
        let before = try database.fingerprint()
        let outcome = try register()
        #expect(outcome.status == 78)
        #expect(outcome.standardError == sentence + "\n")
        #expect(try database.fingerprint() == before)
    }

    @Test func theFilesDecideQueuePriorityAndAttempts() throws {
        try write("convocation", "queue: mail\npriority: 0\nmax-attempts: 3\n")
        #expect(try register().status == 0)
        let rows = try database.connect().execute("SELECT kind, queue, priority, max_attempts FROM job ORDER BY id")
        let jobs = try rows.map { try $0.decode((String, String, Int, Int).self) }
        #expect(jobs.first.map { [$0.0, $0.1, String($0.2), String($0.3)] } == ["convocation", "mail", "0", "3"])
        let reminder = try JobCatalogueFiles.loadRepository().policy(.reminder)
        #expect(
            jobs.dropFirst().map { [$0.0, $0.1, String($0.2), String($0.3)] }
                == Array(
                    repeating: ["reminder", reminder.queue, String(reminder.priority), String(reminder.maxAttempts)],
                    count: 2))
    }

    @Test func aMissingKindIsRefused() throws {
        try FileManager.default.removeItem(at: root.url.appendingPathComponent("Jobs/reminder/job.yaml"))
        try expectRefused(
            "\(root.url.path)/Jobs/reminder/job.yaml is missing: every kind of job needs its queue, priority and max-attempts."
        )
    }

    @Test func anUnknownKindIsRefused() throws {
        try write("newsletter", "queue: default\npriority: 5\nmax-attempts: 3\n")
        try expectRefused(
            "\(root.url.path)/Jobs/newsletter/ holds a job.yaml for a kind this build does not know; the kinds are "
                + "convocation, waitlist-notice, promotion-notice, reminder, reschedule-notice, cancellation-notice, certificate, "
                + "questionnaire-hot, questionnaire-cold, questionnaire-reminder, signature-request, last-half-day, trainer-link, trainer-questionnaire, incident-answer, adaptation-notice, structure-questionnaire, invoice, invoice-reminder, billing-notice, webhook, funding-report, prune."
        )
    }

    @Test func aValueTheQueueWouldRefuseIsRefused() throws {
        try write("webhook", "queue: default\npriority: 12\nmax-attempts: 3\n")
        try expectRefused("In \(root.url.path)/Jobs/webhook/job.yaml, the priority 12 is not between 0 and 9.")
    }

    /// A template reading what its kind does not provide: the worker does not start, and says which file.
    @Test func aWorkerWithATemplateItCannotFillDoesNotStart() throws {
        let template = root.url.appendingPathComponent("Jobs/convocation/text.mustache")
        try "Bonjour {{participant.firstName}}, à {{reminder.when}}.".write(
            to: template, atomically: true, encoding: .utf8)
        let before = try database.fingerprint()
        let outcome = try AtelierProcess.run(
            ["worker", "--until-idle"],
            environment: ["ATELIER_ROOT": root.url.path, "ATELIER_DATABASE_URL": database.url])
        #expect(outcome.status == 78)
        #expect(
            outcome.standardError
                == "The template \(template.path) cannot be used: it reads {{reminder.when}}, which this kind of message does not provide.\n"
        )
        #expect(try database.fingerprint() == before)
    }

    @Test func aFileThatIsNotAPolicyIsRefused() throws {
        try write("webhook", "queue: default\npriority: high\n")
        try expectRefused(
            "The file \(root.url.path)/Jobs/webhook/job.yaml cannot be used: priority is not a whole number.")
        try write("webhook", "queue: default\npriority: 1\n")
        try expectRefused("The file \(root.url.path)/Jobs/webhook/job.yaml cannot be used: max-attempts is missing.")
    }
}
