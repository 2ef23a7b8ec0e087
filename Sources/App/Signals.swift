import Dispatch
import Foundation

/// SIGTERM and SIGINT, turned from the process's end into a request to stop: `action` runs on a
/// dispatch queue, once per signal received, for as long as the returned sources are kept.
public enum TerminationSignals {
    public static func handle(_ action: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: action)
            source.resume()
            return source
        }
    }
}
