/// The two ways a Heartbeat message is framed in a datagram (spec §5.1).
public enum WireFraming: String, Hashable, Sendable {
    /// `###\n` + one netstring per field + `%%%\n` + auth trailer: what 3.0.6 sends.
    case netstring
    /// `>>>\n` + `name=value\n` lines + `<<<\n` + NUL, signed by its `auth` field: older glue.
    case classic
}

/// A datagram taken apart by `HeartbeatCodec.decode(_:)`, not yet verified.
public struct DecodedDatagram: Hashable, Sendable {
    /// The fields, in wire order, including any `auth` field.
    public var message: HAMessage
    /// Which framing the datagram used.
    public var framing: WireFraming
    /// The netstring auth trailer; nil for classic datagrams (their signature is the `auth` field).
    public var trailer: AuthToken?
    /// The whole datagram as received.
    public var bytes: [UInt8]
    /// For netstring, the bytes the trailer signs: from `###\n` through `%%%\n` inclusive.
    /// Nil for classic, which signs a re-serialisation rather than a slice (see `signedBytes`).
    public var signedRange: Range<Int>?

    /// A decoded datagram from its parts.
    public init(message: HAMessage, framing: WireFraming, trailer: AuthToken?, bytes: [UInt8], signedRange: Range<Int>?) {
        self.message = message
        self.framing = framing
        self.trailer = trailer
        self.bytes = bytes
        self.signedRange = signedRange
    }

    /// The exact bytes the datagram's enforced signature covers: the netstring slice
    /// `signedRange`, or for classic the classic text of every field but `auth` (spec §5.4).
    public var signedBytes: [UInt8] {
        if let signedRange { return Array(bytes[signedRange]) }
        return HeartbeatCodec.classicText(message, includingAuth: false)
    }
}
