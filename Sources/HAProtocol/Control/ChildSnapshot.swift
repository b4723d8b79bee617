/// A program of a `respawn` or `failfast` line on the answering node, as its supervisor sees it.
public struct ChildSnapshot: Codable, Hashable, Sendable {
    public enum State: String, Codable, Hashable, Sendable {
        case running
        /// Ended; started again after Heartbeat's pause.
        case restarting
        /// Ended and left down: it exited 100, respawned too fast, could not exec, or the node stops.
        case down
        /// A state this program does not know (from a newer daemon).
        case unknown

        public init(from decoder: any Decoder) throws {
            let word = try decoder.singleValueContainer().decode(String.self)
            self = State(rawValue: word) ?? .unknown
        }
    }

    /// The command line, as ha-log names it.
    public var command: String
    /// The user it runs as.
    public var user: String
    /// True for a `failfast` line: its death reboots the machine.
    public var failfast: Bool
    public var state: State
    /// The process id while it runs.
    public var pid: Int?
    /// Times it was started again after it ended.
    public var restarts: Int

    public init(command: String, user: String, failfast: Bool, state: State, pid: Int?, restarts: Int) {
        self.command = command
        self.user = user
        self.failfast = failfast
        self.state = state
        self.pid = pid
        self.restarts = restarts
    }
}
