import Queue
import Training
import Worker

/// The handler of one of Atelier's kinds of job: it names its kind, and `JobRegistry` lists it.
protocol KindHandler: JobHandler where Context == JobContext {
    var kind: JobKind { get }
}
