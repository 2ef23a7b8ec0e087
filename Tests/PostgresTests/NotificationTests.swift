import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct NotificationTests {
    let database: TestDatabase

    init() throws { database = try TestDatabase.create() }

    @Test func listenerReceivesANotifyFromAnotherConnection() throws {
        let listener = try database.connect()
        let sender = try database.connect()
        try listener.listen("atelier jobs")
        try sender.notify("atelier jobs", payload: "convocation")
        let received = try listener.waitForNotification(timeout: .seconds(5))
        #expect(received?.channel == "atelier jobs")
        #expect(received?.payload == "convocation")
        #expect(received?.senderPID == sender.backendPID)
    }

    @Test func notifyInATransactionArrivesAtCommitOnly() throws {
        let listener = try database.connect()
        let sender = try database.connect()
        try listener.listen("queue")
        try sender.transaction { c in
            try c.notify("queue", payload: "1")
            #expect(try listener.waitForNotification(timeout: .milliseconds(100)) == nil)
        }
        #expect(try listener.waitForNotification(timeout: .seconds(5))?.payload == "1")
    }

    @Test func waitingWithNothingSentTimesOut() throws {
        let listener = try database.connect()
        try listener.listen("quiet")
        let start = ContinuousClock.now
        #expect(try listener.waitForNotification(timeout: .milliseconds(200)) == nil)
        #expect(ContinuousClock.now - start >= .milliseconds(200))
    }

    /// A readable interruption ends the wait at once (a worker's stop), and before it is
    /// readable the wait goes on: a pipe written to from another thread a little later.
    @Test func aReadableInterruptionEndsTheWait() throws {
        let listener = try database.connect()
        try listener.listen("quiet")
        let pipe = Pipe()
        let start = ContinuousClock.now
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(300)) {
            pipe.fileHandleForWriting.write(Data([1]))
        }
        let interruption = pipe.fileHandleForReading.fileDescriptor
        #expect(try listener.waitForNotification(timeout: .seconds(30), interruption: interruption) == nil)
        let waited = ContinuousClock.now - start
        #expect(waited >= .milliseconds(300) && waited < .seconds(15), "waited \(waited)")
    }

    @Test func unlistenStopsDelivery() throws {
        let listener = try database.connect()
        let sender = try database.connect()
        try listener.listen("c")
        try listener.unlisten("c")
        try sender.notify("c")
        #expect(try listener.waitForNotification(timeout: .milliseconds(200)) == nil)
    }
}
