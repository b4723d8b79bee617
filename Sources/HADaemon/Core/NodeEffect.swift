import HAProtocol

/// What the core asks its shell to do; the shell does exactly this and nothing else.
enum NodeEffect: Hashable, Sendable {
    /// Send the type-specific fields of a message on every medium; the shell adds the header
    /// (`seq` given here for sequenced messages, nil for `NS_` types) and signs it.
    case send(HAMessage, seq: UInt64?)
    /// Start (left to right) or stop (right to left) the resources of a group; report back with
    /// ``NodeEvent/groupActionFinished(key:action:succeeded:detail:)``.
    case runGroup(key: String, action: GroupAction)
    /// Write one daemon line to ha-log.
    case log(HALogLevel, String)
    /// Send an ICMP echo request to each address (ping nodes, every keepalive).
    case ping([String])
    /// Release done after a shutdown request: the process may exit.
    case exit
}
