import Foundation

/// A job to enqueue: what to do (`kind`), with what (`args`), where and when.
public struct NewJob: Sendable, Hashable {
    public var kind: String
    public var args: JSONText
    public var queue: String
    /// 0 runs first; 9 last.
    public var priority: Int
    public var maxAttempts: Int
    /// Not before this instant; `nil` is as soon as possible.
    public var runAt: Date?
    /// While a live job has this key, another with it is not enqueued.
    public var uniqueKey: String?

    public init(
        kind: String, args: some Encodable = [String: String](), queue: String = "default", priority: Int = 5,
        maxAttempts: Int = 20, runAt: Date? = nil, uniqueKey: String? = nil
    ) throws {
        self.kind = kind
        self.args = try JSONText(encoding: args)
        self.queue = queue
        self.priority = priority
        self.maxAttempts = maxAttempts
        self.runAt = runAt
        self.uniqueKey = uniqueKey
    }
}
