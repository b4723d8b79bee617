import Crypto

/// Fingerprints of procedure files, so an audit record names the exact text that ran.
enum SOPDigest {
    /// SHA-256 of `text`'s UTF-8 bytes, as 64 lowercase hex digits.
    static func sha256(_ text: String) -> String {
        let hexDigits = Array("0123456789abcdef")
        return SHA256.hash(data: Array(text.utf8)).map { "\(hexDigits[Int($0 >> 4)])\(hexDigits[Int($0 & 0xF)])" }
            .joined()
    }
}
