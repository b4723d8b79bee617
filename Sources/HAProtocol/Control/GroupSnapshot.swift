/// One `haresources` group: where it should run and where it runs.
public struct GroupSnapshot: Codable, Hashable, Sendable {
    public enum State: String, Codable, Hashable, Sendable {
        /// Held by nobody.
        case stopped
        /// Resources being started, left to right.
        case starting
        /// Held and all resources started.
        case running
        /// Resources being stopped, right to left.
        case stopping
        /// A start or stop failed; see `lastError`.
        case failed
    }

    /// Heartbeat's key: the first resource as written.
    public var key: String
    /// The home node (first field of the line).
    public var preferredNode: String
    public var resources: [String]
    /// Nodes that hold it now; two means both run it.
    public var holders: [String]
    public var state: State
    /// Wall clock (ms since the epoch) when `state` began.
    public var since: Int64?
    public var lastError: String?

    public init(
        key: String, preferredNode: String, resources: [String], holders: [String] = [],
        state: State = .stopped, since: Int64? = nil, lastError: String? = nil
    ) {
        self.key = key
        self.preferredNode = preferredNode
        self.resources = resources
        self.holders = holders
        self.state = state
        self.since = since
        self.lastError = lastError
    }
}
