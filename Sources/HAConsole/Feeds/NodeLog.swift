/// A node's log as a tool feed (``HeartbeatFeed``, ``PacemakerFeed``) follows it: a ``LogTail``
/// when the node is this host, `tail -F` behind its prefix (``RemoteLogTail``) otherwise. The
/// last lines read at start come out of the first ``poll()``; nothing ever waits.
final class NodeLog {
    let path: String
    private let local: LogTail?
    private let remote: RemoteLogTail?
    /// Lines read when the tail started, handed out by the next ``poll()``.
    private var pending: [String] = []

    init(path: String, prefix: CommandPrefix, here: Bool, lastLines: Int) {
        self.path = path
        if here {
            let tail = LogTail(path: path)
            pending = tail.start(lastLines: lastLines)
            local = tail
            remote = nil
        } else {
            local = nil
            remote = RemoteLogTail(path: path, prefix: prefix, lastLines: lastLines)
        }
    }

    /// The descriptor that wakes the loop when a remote tail prints; nil here.
    var fd: Int32? { remote?.fd }

    /// The lines the log gained since the last call.
    func poll() -> [String] {
        if let local {
            defer { pending = [] }
            return pending + local.poll()
        }
        return remote?.poll() ?? []
    }
}
