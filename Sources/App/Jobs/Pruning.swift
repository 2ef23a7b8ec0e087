import Foundation
import Postgres
import Queue

/// How long finished jobs are kept (`jobs.keep-completed-days`, `jobs.keep-discarded-days`), and
/// their deletion: by the `prune` job and by `atelier jobs prune`.
public struct Pruning: Sendable, Hashable {
    public var completedDays: Int
    public var discardedDays: Int

    /// Deletes the finished jobs kept longer than their number of days; returns how many.
    @discardableResult
    public func prune(on connection: Connection, now: Date = Date()) throws -> Int {
        try JobQueue(connection).prune(
            completedBefore: now.addingTimeInterval(-86_400 * Double(completedDays)),
            discardedBefore: now.addingTimeInterval(-86_400 * Double(discardedDays)))
    }
}

extension AppContext {
    public var pruning: Pruning {
        Pruning(
            completedDays: settings.integer(.keepCompletedDays), discardedDays: settings.integer(.keepDiscardedDays))
    }
}
