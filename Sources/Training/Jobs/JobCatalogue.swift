import Foundation
import Queue

/// How each kind of job is queued: read from `Jobs/<kind>/job.yaml` by whoever runs Atelier, so
/// that an operator tunes priorities and attempts without a new build, and checked here so that
/// a kind the domain queues can never lack them.
public struct JobCatalogue: Sendable {
    /// A kind's place in the queue.
    public struct Policy: Sendable, Hashable, Decodable {
        public let queue: String
        /// 0 runs first; 9 last.
        public let priority: Int
        /// A message waits out an SMTP outage: twenty attempts with doubling backoff span about a day.
        public let maxAttempts: Int

        enum CodingKeys: String, CodingKey {
            case queue, priority
            case maxAttempts = "max-attempts"
        }

        public init(queue: String, priority: Int, maxAttempts: Int) {
            self.queue = queue
            self.priority = priority
            self.maxAttempts = maxAttempts
        }

        /// Why the policy cannot be queued as is, or `nil`: the same rules as the `job` table's.
        var problem: String? {
            let queueScalars = Array(queue.unicodeScalars)
            if queueScalars.isEmpty || queueScalars.count > 31 || !("a"..."z").contains(queueScalars[0])
                || !queueScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
            {
                return "the queue “\(queue)” is not 1 to 31 lowercase letters, digits or _, starting with a letter"
            }
            if !(0...9).contains(priority) { return "the priority \(priority) is not between 0 and 9" }
            if !(1...100).contains(maxAttempts) { return "max-attempts \(maxAttempts) is not between 1 and 100" }
            return nil
        }
    }

    let policies: [JobKind: Policy]

    /// Refuses a catalogue that leaves one of `kinds` out (the kinds this build runs), names
    /// another, or holds a value the queue would refuse.
    public init(_ policies: [String: Policy], kinds: [JobKind]) throws(JobCatalogueError) {
        var known: [JobKind: Policy] = [:]
        for (name, policy) in policies.sorted(by: { $0.key < $1.key }) {
            guard let kind = JobKind(rawValue: name), kinds.contains(kind) else { throw .unknownKind(name) }
            if let problem = policy.problem { throw .invalid(kind: name, problem) }
            known[kind] = policy
        }
        if let missing = kinds.first(where: { known[$0] == nil }) { throw .missingKind(missing.rawValue) }
        self.policies = known
    }

    /// The kinds it holds a policy for.
    public var kinds: Set<JobKind> { Set(policies.keys) }

    /// Every queue the catalogue names, once each, sorted.
    public var queues: [String] { Set(policies.values.map(\.queue)).sorted() }

    public func policy(_ kind: JobKind) -> Policy {
        guard let policy = policies[kind] else { preconditionFailure("JobCatalogue.init requires every kind") }
        return policy
    }

    public func job(
        _ kind: JobKind, _ arguments: some Encodable = [String: String](), runAt: Date? = nil, key: String?
    ) throws -> NewJob {
        let policy = policy(kind)
        return try NewJob(
            kind: kind.rawValue, args: arguments, queue: policy.queue, priority: policy.priority,
            maxAttempts: policy.maxAttempts, runAt: runAt, uniqueKey: key)
    }
}

public enum JobCatalogueError: Error, Equatable, Sendable {
    case unknownKind(String)
    case missingKind(String)
    case invalid(kind: String, String)
}
