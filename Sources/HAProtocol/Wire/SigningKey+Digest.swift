import Crypto

extension SigningKey {
    /// The digest Heartbeat's plugin for `method` computes over `bytes` with this key (spec §2.3).
    ///
    /// Lower-case hex: 40 digits for sha1, 32 for md5, 1...8 (unpadded) for crc, which ignores
    /// the secret.
    public func digest(_ bytes: some Collection<UInt8>) -> String {
        let key = SymmetricKey(data: secret)
        let data = Array(bytes)
        switch method {
        case .crc:
            return CRC32POSIX.hex(of: data)
        case .md5:
            return Hex.lowercase(HMAC<Insecure.MD5>.authenticationCode(for: data, using: key))
        case .sha1:
            return Hex.lowercase(HMAC<Insecure.SHA1>.authenticationCode(for: data, using: key))
        }
    }

    /// The signature of `bytes` as it travels: this key's index and the digest, `1 <hex>`.
    public func sign(_ bytes: some Collection<UInt8>) -> AuthToken {
        AuthToken(keyIndex: index, digest: digest(bytes))
    }
}
