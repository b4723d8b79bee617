import Dispatch
import Synchronization

/// Runs async work to completion from synchronous code on the daemon's own thread, before its
/// loop starts (start-time cleanup). Never call it from inside the loop.
enum BlockingTask {
    static func run<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) -> Value {
        let box = Box<Value>()
        Task.detached {
            let value = await work()
            box.value.withLock { $0 = value }
            box.done.signal()
        }
        box.done.wait()
        return box.value.withLock { $0! }
    }

    private final class Box<Value: Sendable>: Sendable {
        let value = Mutex<Value?>(nil)
        let done = DispatchSemaphore(value: 0)
    }
}
