import Queue
import Training
import Worker

/// Deletes the finished jobs kept longer than `jobs.keep-*-days`, on `Jobs/schedule.yaml`'s cron.
struct PruneHandler: KindHandler {
    var kind: JobKind { .prune }

    func perform(_ job: Job, in lane: JobContext) throws -> JobOutcome {
        try lane.settings.pruning.prune(on: lane.connection)
        return .completed
    }
}
