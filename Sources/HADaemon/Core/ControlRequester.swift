import HAProtocol

/// Who sent a control request, as far as the socket could tell: enough for the core to decide
/// whether a change is allowed and to name the requester in ha-log.
struct ControlRequester: Hashable, Sendable {
    /// How ha-log names the requester (`uid 0 pid 4242`).
    var name: String
    /// Root or a member of the socket's change group (SO_PEERCRED): only they may change things.
    var mayChange: Bool
}
