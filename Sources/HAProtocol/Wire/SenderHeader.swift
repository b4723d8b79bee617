/// The header fields a sender adds to every message it transmits (spec §5.2, observed §2).
///
/// `stamp(_:)` appends or overwrites, in this order: `destuuid` (only when the message has a
/// `dest` and `destinationUUID` is known), `src`, `srcuuid`, `seq`, `hg`, `ts`, `ld`, `ttl`.
/// For unsequenced `NS_` types `seq` and `ld` are left out and an existing `src` or `ts` is
/// kept. The `auth` field and trailer are added later, when the message is sealed.
public struct SenderHeader: Hashable, Sendable {
    /// The local node name (lower case), sent as `src`.
    public var node: String
    /// The local node's 16-byte UUID, sent raw as the binary field `srcuuid`.
    public var uuid: [UInt8]
    /// The process-wide sequence number, sent as lower-case hex; ignored for `NS_` types.
    public var seq: UInt64
    /// The generation number (`hg`), lower-case hex.
    public var generation: UInt64
    /// The sender's Unix time in seconds (`ts`), lower-case hex. Time is a parameter here.
    public var timestamp: UInt64
    /// The first line of `/proc/loadavg` (`ld`), or `n/a`; ignored for `NS_` types.
    public var load: String
    /// The forwarding budget (`ttl`), decimal: hopfudge + node count; 3 on two nodes.
    public var ttl: Int
    /// The UUID of the node named by the message's `dest`, sent as `destuuid` when known.
    public var destinationUUID: [UInt8]?

    /// A header with the given values.
    public init(
        node: String, uuid: [UInt8], seq: UInt64, generation: UInt64, timestamp: UInt64,
        load: String, ttl: Int = 3, destinationUUID: [UInt8]? = nil
    ) {
        self.node = node
        self.uuid = uuid
        self.seq = seq
        self.generation = generation
        self.timestamp = timestamp
        self.load = load
        self.ttl = ttl
        self.destinationUUID = destinationUUID
    }

    /// Adds the header fields to `message` in Heartbeat's order.
    public func stamp(_ message: inout HAMessage) {
        let unsequenced = message.isUnsequenced
        if message.dest != nil, let destinationUUID {
            message.set(.binary("destuuid", destinationUUID))
        }
        if !unsequenced || message.field("src") == nil {
            message.set(.string("src", node))
        }
        message.set(.binary("srcuuid", uuid))
        if !unsequenced {
            message.set(.string("seq", Hex.unpadded(seq)))
        }
        message.set(.string("hg", Hex.unpadded(generation)))
        if !unsequenced || message.field("ts") == nil {
            message.set(.string("ts", Hex.unpadded(timestamp)))
        }
        if !unsequenced {
            message.set(.string("ld", load))
        }
        message.set(.string("ttl", String(ttl)))
    }

    /// A copy of `message` with the header fields added.
    public func stamped(_ message: HAMessage) -> HAMessage {
        var copy = message
        stamp(&copy)
        return copy
    }
}
