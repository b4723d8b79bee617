/// One heartbeat path named in `ha.cf`: every message is sent on every medium.
public struct Medium: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Broadcast on `interface` to its broadcast address.
        case bcast
        /// Unicast to `peer` (an address or host name) out of `interface`.
        case ucast(peer: String)
        /// IPv4 multicast; `ttl` 0...4 and `loop` as Heartbeat accepts them.
        case mcast(group: IPv4Address, port: Int, ttl: Int, loop: Bool)
        case ucast6(peer: String)
        case mcast6(group: String, port: Int, hops: Int, loop: Bool)
        /// A serial line; `interface` holds the tty device.
        case serial
    }

    public var kind: Kind
    /// The network interface (or tty for serial).
    public var interface: String
    /// UDP port: `udpport` as it stood when the first bcast/ucast line was read, or mcast's own.
    public var port: Int
    /// Where it was declared, for diagnostics.
    public var line: Int

    public init(kind: Kind, interface: String, port: Int, line: Int) {
        self.kind = kind
        self.interface = interface
        self.port = port
        self.line = line
    }

    /// The name Heartbeat uses for the medium type (`ucast`, `bcast`, …).
    public var typeName: String {
        switch kind {
        case .bcast: "bcast"
        case .ucast: "ucast"
        case .mcast: "mcast"
        case .ucast6: "ucast6"
        case .mcast6: "mcast6"
        case .serial: "serial"
        }
    }
}
