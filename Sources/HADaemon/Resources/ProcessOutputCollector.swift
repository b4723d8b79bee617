import Synchronization

/// Collects a running process's stdout and stderr up to a limit, and remembers its pid.
///
/// Shared between the task that runs the process and the one that reports on it, so that what a
/// timed-out script printed before it was killed is still reported. Bytes past `limit` per
/// stream are read and dropped (the child must never block on a full pipe) and flagged.
final class ProcessOutputCollector: Sendable {
    /// Which output stream a chunk came from.
    enum Stream: Sendable { case stdout, stderr }

    private struct State {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var truncated = false
        var pid: Int32?
    }

    private let state = Mutex(State())
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Records the pid (with `createSession`, also the process group id).
    func record(pid: Int32) { state.withLock { $0.pid = pid } }

    /// The pid recorded by ``record(pid:)``, if the process was spawned.
    var pid: Int32? { state.withLock { $0.pid } }

    /// Appends what fits under the limit; the rest is dropped and marks the output truncated.
    func append(_ bytes: some Collection<UInt8>, to stream: Stream) {
        state.withLock { state in
            let used = stream == .stdout ? state.stdout.count : state.stderr.count
            let room = max(0, limit - used)
            if bytes.count > room { state.truncated = true }
            switch stream {
            case .stdout: state.stdout.append(contentsOf: bytes.prefix(room))
            case .stderr: state.stderr.append(contentsOf: bytes.prefix(room))
            }
        }
    }

    /// Everything kept so far, decoded as UTF-8 (invalid bytes become U+FFFD).
    var text: (stdout: String, stderr: String, truncated: Bool) {
        state.withLock {
            (String(decoding: $0.stdout, as: UTF8.self), String(decoding: $0.stderr, as: UTF8.self), $0.truncated)
        }
    }
}
