import Crypto

/// A short fingerprint of each configuration file, advertised in status messages so a node can
/// tell that its peer runs another configuration ("It needs to be the SAME on both nodes").
///
/// Comments, blank lines, runs of blanks and where each node logs do not count; the key secret is left out (a node with
/// another secret cannot talk to us anyway, and the secret should not leave the host).
public struct ConfigDigest: Hashable, Sendable, Codable, CustomStringConvertible {
    /// First 12 hex digits of SHA-256 over the normalised text of each file.
    public var haCF: String
    public var haResources: String
    public var authKeys: String

    public init(haCF: String, haResources: String, authKeys: String) {
        self.haCF = haCF
        self.haResources = haResources
        self.authKeys = authKeys
    }

    /// Fingerprints the three file texts.
    public init(haCFText: String, haResourcesText: String, authKeysText: String) {
        haCF = Self.fingerprint(Self.normalised(haCFText, keepFields: Int.max))
        haResources = Self.fingerprint(Self.normalised(haResourcesText, keepFields: Int.max))
        // `N method key`: keep index and method only; `auth N` is kept whole.
        authKeys = Self.fingerprint(Self.normalised(authKeysText, keepFields: 2))
    }

    /// `cf=… res=… keys=…`, the form carried on the wire.
    public var description: String { "cf=\(haCF) res=\(haResources) keys=\(authKeys)" }

    /// Reads the wire form back; nil when it is not one.
    public init?(_ text: String) {
        var parts: [String: String] = [:]
        for item in text.split(separator: " ") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            parts[String(pair[0])] = String(pair[1])
        }
        guard let cf = parts["cf"], let res = parts["res"], let keys = parts["keys"] else { return nil }
        self.init(haCF: cf, haResources: res, authKeys: keys)
    }

    /// The files whose fingerprints differ from `other`'s, by their usual names.
    public func differences(from other: ConfigDigest) -> [String] {
        var result: [String] = []
        if haCF != other.haCF { result.append("ha.cf") }
        if haResources != other.haResources { result.append("haresources") }
        if authKeys != other.authKeys { result.append("authkeys") }
        return result
    }

    /// Settings that may rightly differ per node (where it logs) and do not change cluster behaviour.
    static let nodeLocalDirectives: Set<String> = ["logfile", "debugfile", "logfacility"]

    static func normalised(_ text: String, keepFields: Int) -> String {
        var lines: [String] = []
        for raw in text.split(separator: "\n") {
            let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            var fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard !fields.isEmpty, !Self.nodeLocalDirectives.contains(String(fields[0])) else { continue }
            if fields[0] != "auth" { fields = Array(fields.prefix(keepFields)) }
            lines.append(fields.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    static func fingerprint(_ text: String) -> String {
        let digest = SHA256.hash(data: Array(text.utf8))
        let hex = digest.prefix(6).map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return hex.joined()
    }
}
