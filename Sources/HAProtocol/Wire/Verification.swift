/// What `MessageAuthenticator.verify(_:)` established about an accepted datagram.
public struct Verification: Hashable, Sendable {
    /// The outcome of the embedded classic `auth` field of a netstring datagram: information
    /// only, since 3.0.6 does not enforce it (observed §2a).
    public enum EmbeddedAuth: Hashable, Sendable {
        /// The message carries no `auth` field (`msgfmt netstring`).
        case absent
        /// The field verifies; for classic datagrams this is the enforced signature itself.
        case valid
        /// The field is present but does not verify, for the reason given.
        case invalid(WireError)
    }

    /// The key index of the enforced signature.
    public var keyIndex: Int
    /// Whether the embedded classic `auth` field verifies too.
    public var embeddedAuth: EmbeddedAuth

    /// A verification result from its parts.
    public init(keyIndex: Int, embeddedAuth: EmbeddedAuth) {
        self.keyIndex = keyIndex
        self.embeddedAuth = embeddedAuth
    }
}
