import HAProtocol

/// What the core asks its shell to do; the shell does exactly this and nothing else.
public enum NodeEffect: Hashable, Sendable {
    /// Send the type-specific fields of a message on every medium; the shell adds the header
    /// (`seq` given here for sequenced messages, nil for `NS_` types) and signs it.
    case send(HAMessage, seq: UInt64?)
    /// Start (left to right) or stop (right to left) the resources of a group; report back with
    /// ``NodeEvent/groupActionFinished(key:action:succeeded:detail:)``.
    case runGroup(key: String, action: GroupAction)
    /// Reset `node` with `device` (cluster-glue's `stonith … -T reset NODE`) without blocking;
    /// report back with ``NodeEvent/fenceFinished(node:result:detail:)``.
    case fence(node: String, device: StonithDevice)
    /// Run `drbdadm outdate RESOURCE` for the peer `requester` without blocking; report back with
    /// ``NodeEvent/outdateFinished(resource:requester:exitStatus:)``.
    case outdate(resource: String, requester: String)
    /// An operator confirmed that `node`, whose meatware reset runs, is off: run `meatclient -c
    /// NODE` without blocking. The reset's own run then ends as ``fence(node:device:)`` says.
    case confirmFence(node: String)
    /// Kill the run of `node`'s reset without a result: a meatware wait that became moot (the
    /// peer is heard again). No ``NodeEvent/fenceFinished(node:result:detail:)`` follows.
    case cancelFence(node: String)
    /// Write one daemon line to ha-log.
    case log(HALogLevel, String)
    /// Send an ICMP echo request to each address (ping nodes, every keepalive).
    case ping([String])
    /// Release done after a shutdown request: the process may exit.
    case exit
    /// The answer to a ``NodeEvent/control(_:from:)`` request, to send back to its client.
    case answer(ControlResponse)
    /// A reload changed the keys: sign with and accept these from now on.
    case rekey(AuthKeys)
    /// A reload changed where ha-log goes: reopen the files.
    case reopenLogs(logfile: String?, debugfile: String?)
}
