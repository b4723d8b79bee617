import HAProtocol

/// Who sent a control request, as far as the socket could tell: enough for the core to decide
/// whether a change is allowed and to name the requester in ha-log.
public struct ControlRequester: Hashable, Sendable {
    /// How ha-log names the requester (`uid 0 pid 4242`).
    public var name: String
    /// Root or a member of the socket's change group (SO_PEERCRED): only they may change things.
    public var mayChange: Bool

    public init(name: String, mayChange: Bool) {
        self.name = name
        self.mayChange = mayChange
    }
}
