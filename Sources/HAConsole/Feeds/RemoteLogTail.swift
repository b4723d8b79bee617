import HAHost

/// A log file on another node, followed with `tail -n N -F PATH` behind a ``CommandPrefix`` and
/// handed out as whole lines, never blocking the poll loop.
final class RemoteLogTail {
    let path: String
    private let command: SpawnedCommand
    private var rest: [UInt8] = []

    init(path: String, prefix: CommandPrefix, lastLines: Int) {
        self.path = path
        command = SpawnedCommand(prefix.command(["tail", "-n", String(lastLines), "-F", path]), deadline: .max, limit: .max)
    }

    deinit { command.terminate() }

    /// The descriptor that becomes readable when lines arrive (-1 once `tail` ended).
    var fd: Int32 { command.fd }

    /// The complete lines that arrived since the last call.
    func poll() -> [String] {
        _ = command.poll(now: SystemClock.milliseconds())
        let bytes = rest + command.takeOutput()
        guard let end = bytes.lastIndex(of: 0x0A) else {
            rest = bytes
            return []
        }
        rest = Array(bytes[(end + 1)...])
        return bytes[..<end].split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }
}
