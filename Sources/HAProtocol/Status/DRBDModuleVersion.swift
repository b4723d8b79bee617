/// The DRBD kernel module's identity from the header of `/proc/drbd`.
///
/// Parsed from `version: 8.4.11-1 (api:1/proto:86-101)` (8.0 prints a single `proto:86`, 9.3
/// compat builds append ` (compat 8.4)`), the build line (`GIT-hash: ...`, `srcversion: ...`,
/// `built-in`, `SVN Revision: ...`) and DRBD 9's `Transports (api:21): tcp (9.1.22)` line.
public struct DRBDModuleVersion: Hashable, Sendable, Codable {
    /// The release as printed, with any package suffix (`8.4.11-1`, `9.0.16-0rc2`).
    public var release: String
    /// The numeric parts of the release, when it starts with `major.minor.patch`.
    public var major: Int?
    /// See `major`.
    public var minor: Int?
    /// See `major`.
    public var patch: Int?
    /// The genetlink/user API number (`api:`): 86 or 88 on 8.x before 8.4, 1 on 8.4, 2 on 9.
    public var api: Int?
    /// The lowest network protocol version the module speaks.
    public var protocolMin: Int?
    /// The highest network protocol version the module speaks (equals `protocolMin` on 8.0).
    public var protocolMax: Int?
    /// True for DRBD 9 modules built with 8.4 compatibility, whose `/proc/drbd` shows 8.4 blocks.
    public var isCompat84: Bool
    /// The build line as printed, trimmed (`GIT-hash: ... build by ...`, `srcversion: ...`).
    public var build: String?
    /// DRBD 9's loaded transports as printed after `Transports (api:N): `.
    public var transports: String?

    /// Creates a version from its parts.
    public init(
        release: String, major: Int? = nil, minor: Int? = nil, patch: Int? = nil, api: Int? = nil,
        protocolMin: Int? = nil, protocolMax: Int? = nil, isCompat84: Bool = false, build: String? = nil,
        transports: String? = nil
    ) {
        self.release = release
        self.major = major
        self.minor = minor
        self.patch = patch
        self.api = api
        self.protocolMin = protocolMin
        self.protocolMax = protocolMax
        self.isCompat84 = isCompat84
        self.build = build
        self.transports = transports
    }

    /// Parses a `version:` line; nil when the line does not start with `version:` and a release.
    ///
    /// Missing or malformed `(api:/proto:)` parts leave those fields nil.
    public init?(versionLine line: some StringProtocol) {
        let text = line.drop { $0 == " " || $0 == "\t" }
        guard text.hasPrefix("version:") else { return nil }
        let words = DRBDText.words(text.dropFirst("version:".count))
        guard let first = words.first else { return nil }
        self.init(release: String(first))
        let numbers = first.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }.split(separator: ".")
        major = numbers.count > 0 ? Int(numbers[0]) : nil
        minor = numbers.count > 1 ? Int(numbers[1]) : nil
        patch = numbers.count > 2 ? Int(numbers[2]) : nil
        for word in words.dropFirst() {
            let inner = DRBDText.trimming(word, "()")
            for part in inner.split(separator: "/") {
                if part.hasPrefix("api:") {
                    api = Int(part.dropFirst(4))
                } else if part.hasPrefix("proto:") {
                    let range = part.dropFirst(6).split(separator: "-", maxSplits: 1)
                    protocolMin = range.first.flatMap { Int($0) }
                    protocolMax = range.count > 1 ? Int(range[1]) : protocolMin
                }
            }
        }
        isCompat84 = text.contains("(compat 8.4)")
    }

    /// True when this module lists resources in `/proc/drbd`: any 8.x, or 9.x built with compat 8.4.
    ///
    /// On plain DRBD 9 an empty `/proc/drbd` does not mean "no resources": ask `drbdsetup`.
    public var listsResourcesInProc: Bool {
        guard let major else { return true }
        return major < 9 || isCompat84
    }
}
