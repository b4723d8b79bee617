/// The digest methods Heartbeat's `authkeys` can name (spec §2.3).
public enum AuthMethod: String, Hashable, Sendable, Codable, CaseIterable {
    /// CRC-32/POSIX without length; no key, no authentication, only corruption detection.
    case crc
    /// HMAC-MD5.
    case md5
    /// HMAC-SHA1.
    case sha1
}

/// One `N method [key]` line of `authkeys`: what a message is signed or verified with.
public struct SigningKey: Hashable, Sendable {
    /// The key index, 0...15, carried in every signature as `N hex`.
    public var index: Int
    public var method: AuthMethod
    /// The key bytes exactly as written in the file (empty for `crc`).
    public var secret: [UInt8]

    public init(index: Int, method: AuthMethod, secret: [UInt8]) {
        self.index = index
        self.method = method
        self.secret = secret
    }
}
