import Foundation
import TestSupport
import Testing
import Training

/// A relay that takes each message and never answers its final dot: the worker gives the job
/// back after `smtp.timeout-seconds` and is gone within `worker.shutdown-seconds` of being told
/// to stop — never held by the `QUIT` that libcurl sends when a handle goes.
extension MailChainTests {
    @Test func aSilentRelayHoldsAWorkerUntilIdleNoLongerThanItsTimeout() throws {
        let silent = try MailCatcher(.silent)
        try addParticipants(1)
        try register(1)
        let started = ContinuousClock.now
        let worker = try atelier(
            "worker", "--until-idle",
            environment: ["ATELIER_SMTP_URL": silent.url, "ATELIER_SMTP_TIMEOUT_SECONDS": "2"])
        let took = ContinuousClock.now - started
        #expect(worker.status == 0, "\(worker.standardError)")
        #expect(silent.held == 1)
        // The send (2 s) and the QUIT (2 s), not libcurl's 120 s.
        #expect(took < .seconds(20), "the worker took \(took)")
        #expect(try count("SELECT count(*) FROM job WHERE kind = 'convocation' AND state = 'retryable'") == 1)
        #expect(try count("SELECT count(*) FROM delivery") == 0)
    }

    @Test func aWorkerToldToStopDuringASilentSendStopsWithinItsShutdownTime() throws {
        let silent = try MailCatcher(.silent)
        try addParticipants(1)
        try register(1)
        let worker = try AtelierProcess.start(
            ["worker"],
            environment: base.merging([
                "ATELIER_SMTP_URL": silent.url, "ATELIER_SMTP_TIMEOUT_SECONDS": "120",
                "ATELIER_WORKER_SHUTDOWN_SECONDS": "2",
            ]) { $1 })
        let deadline = Date().addingTimeInterval(30)
        while silent.held == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        try #require(silent.held == 1, "the relay never took the message")
        let told = ContinuousClock.now
        worker.send(SIGTERM)
        let outcome = worker.finish()
        let took = ContinuousClock.now - told
        #expect(took < .seconds(10), "the worker took \(took) to stop")
        // Not in time: 75, and the lease gives the job to another worker later.
        #expect(outcome.status == 75, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("stopped with jobs still running after the grace period"))
        #expect(try count("SELECT count(*) FROM delivery") == 0)
    }
}

/// A refusal for good is the server's word on one attempt, not on every later one: a job retried
/// after it (the mailbox now exists) goes to the server again, and says so.
extension MailChainTests {
    @Test func aRetryAfterARefusalTriesTheRelayAgain() throws {
        try addParticipants(1)
        try catcher.setRules(["550 p1@asso.fr"])
        try register(1)
        #expect(try atelier("worker", "--until-idle").status == 0)
        let id = try count("SELECT id FROM job WHERE kind = 'convocation' AND state = 'discarded'")
        try catcher.setRules([])
        let retry = try atelier("jobs", "retry", String(id))
        #expect(retry.status == 0)
        #expect(
            retry.standardOutput
                == "The job \(id) (convocation) is due now: its last attempt was refused (550 5.1.1 No such user here (RCPT failed: 550)), and the worker will try the server again.\n"
        )
        #expect(try atelier("worker", "--until-idle").status == 0)
        #expect(try ReadMail.read(catcher.messageFiles()).map(\.to) == ["p1@asso.fr"])
        let states = try store.connection.execute("SELECT state FROM delivery WHERE job_id = \(id) ORDER BY id")
            .map { try $0.decode(String.self, at: 0) }
        #expect(states == ["refused", "accepted"])
        #expect(try count("SELECT count(*) FROM job WHERE id = \(id) AND state = 'completed'") == 1)
        // Accepted once: a second retry sends nothing more.
        #expect(try atelier("jobs", "retry", String(id)).status != 0)
    }
}

/// An endpoint that answers 256 MiB to a webhook: the worker reads it to its end, keeps a few
/// KiB, and records the call as accepted.
extension MailChainTests {
    @Test func aHugeAnswerIsReadButNotKept() throws {
        let receiver = try WebhookReceiver()
        let added = try atelier("webhook", "add", receiver.url())
        receiver.secret = try #require(added.standardOutput.split(separator: "\n").last.map(String.init))
        try receiver.pad(256 << 20)
        try addParticipants(1)
        _ = try atelier("participant", "edit", "p1@asso.fr", "--city", "Caen")
        let worker = try AtelierProcess.start(["worker"], environment: base)
        let deadline = Date().addingTimeInterval(60)
        while try count("SELECT count(*) FROM delivery WHERE channel = 'webhook'") == 0 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let peak = try #require(worker.peakMemoryKiB)
        worker.send(SIGTERM)
        #expect(worker.finish().status == 0)
        #expect(try count("SELECT count(*) FROM delivery WHERE channel = 'webhook' AND state = 'accepted'") == 1)
        // The binary alone holds some 30 MiB; the answer would have added 256 more.
        #expect(peak < 128 << 10, "the worker's memory peaked at \(peak / 1024) MiB")
    }
}

/// Two reschedulings before the worker runs: the first notice, not sent yet, is replaced by the
/// second, which carries the later SEQUENCE.
extension MailChainTests {
    @Test func aNewerRescheduleNoticeReplacesOneNotSentYet() throws {
        try addParticipants(1)
        try register(1)
        #expect(try atelier("worker", "--until-idle").status == 0)
        for day in ["2030-05-06", "2030-05-13"] { try reschedule(firstDay: day) }
        #expect(try atelier("worker", "--until-idle").status == 0)
        let mails = try ReadMail.read(catcher.messageFiles())
        #expect(mails.map { $0.events.map(\.sequence) } == [[0, 0], [2, 2]])
        #expect(mails.last?.events.first?.start == "2030-05-13T09:00:00+02:00")
        #expect(try count("SELECT count(*) FROM job WHERE kind = 'reschedule-notice' AND state = 'cancelled'") == 1)
    }
}
