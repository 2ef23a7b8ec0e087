import Foundation

/// What a lane keeps from one job to the next: its SMTP session, its HTTP connections. A lane
/// is a thread of its own, so the thread's storage is the lane's, and nothing in it is shared.
enum LaneLocal {
    static func value<Value: AnyObject>(_ key: String, make: () -> Value) -> Value {
        let storage = Thread.current.threadDictionary
        if let value = storage[key] as? Value { return value }
        let value = make()
        storage[key] = value
        return value
    }
}
