import HAProtocol

/// The keys of the fuzz targets: one per method, so a forged packet with a valid crc (which needs
/// no secret, as with `auth 1` / `1 crc`) reaches whatever the authenticator guards.
enum WireKeys {
    static let crc = SigningKey(index: 1, method: .crc, secret: [])
    static let sha1 = SigningKey(index: 2, method: .sha1, secret: Array("fuzzsecret".utf8))
    static let md5 = SigningKey(index: 3, method: .md5, secret: Array("fuzzsecret".utf8))
    static let all = [crc, sha1, md5]
    static let authenticators = all.map { MessageAuthenticator(outbound: $0, accepting: all) }
}
