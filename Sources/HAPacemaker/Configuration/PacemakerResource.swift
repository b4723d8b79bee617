/// A top-level resource of the CIB's `resources` section.
public enum PacemakerResource: Hashable, Sendable {
    case primitive(PacemakerPrimitive)
    /// Members start left to right and stop right to left, on one node: a haresources line.
    case group(id: String, members: [PacemakerPrimitive])
    /// A clone on every node (the ping agent that measures connectivity).
    case clone(id: String, primitive: PacemakerPrimitive, meta: [NameValue])
    /// A promotable clone (one Promoted instance): how DRBD runs under Pacemaker.
    case promotable(id: String, primitive: PacemakerPrimitive, meta: [NameValue])

    /// The resource's ID.
    public var id: String {
        switch self {
        case .primitive(let primitive): primitive.id
        case .group(let id, _), .clone(let id, _, _), .promotable(let id, _, _): id
        }
    }
}

/// One resource agent instance: `ocf:heartbeat:IPaddr2` with its parameters.
public struct PacemakerPrimitive: Hashable, Sendable {
    public var id: String
    /// `ocf`, `lsb`, `systemd` or `stonith`.
    public var standard: String
    /// The OCF provider (`heartbeat`, `linbit`, `pacemaker`); nil for other standards.
    public var provider: String?
    public var type: String
    public var parameters: [NameValue]
    public var operations: [PacemakerOperation]

    public init(
        id: String, standard: String, provider: String? = nil, type: String, parameters: [NameValue] = [],
        operations: [PacemakerOperation] = []
    ) {
        self.id = id
        self.standard = standard
        self.provider = provider
        self.type = type
        self.parameters = parameters
        self.operations = operations
    }

    /// `ocf:heartbeat:IPaddr2`, `lsb:apache2`, `stonith:external/ipmi`.
    public var agent: String { [standard, provider, type].compactMap { $0 }.joined(separator: ":") }
}

/// One operation of a primitive: a monitor with its interval, or a start/stop timeout.
public struct PacemakerOperation: Hashable, Sendable {
    /// `monitor`, `start`, `stop`, `promote`, `demote`.
    public var name: String
    /// Seconds; 0 for operations that are not recurring.
    public var intervalSeconds: Int
    public var timeoutSeconds: Int
    /// `Promoted` or `Unpromoted` for a promotable clone's monitors.
    public var role: String?

    public init(name: String, intervalSeconds: Int, timeoutSeconds: Int, role: String? = nil) {
        self.name = name
        self.intervalSeconds = intervalSeconds
        self.timeoutSeconds = timeoutSeconds
        self.role = role
    }

    /// The operation's ID inside its primitive: `ip1-monitor-10s`.
    public func id(in primitive: String) -> String {
        primitive + "-" + name + "-" + "\(intervalSeconds)s" + (role.map { "-" + $0.lowercased() } ?? "")
    }
}
