/// What a configuration check knows about the host it runs on; nil means "not looked at".
///
/// The daemon fills this from `uname -n`, `/sys/class/net` and the script directories; tests make
/// it up. Keeping the facts a value keeps ``ClusterConfig/validate(haCF:authKeys:haResources:host:onNode:)`` pure.
public struct HostFacts: Hashable, Sendable {
    /// This node's name, lower-cased.
    public var nodeName: String?
    /// Network interfaces present.
    public var interfaces: Set<String>?
    /// Resource scripts found in `resource.d/` or `/etc/init.d/` (executable regular files).
    public var scripts: Set<String>?
    /// Where scripts were looked for, for messages.
    public var scriptDirectories: [String]

    /// Where Heartbeat looks for resource scripts on a node laid out as installed, in order.
    public static let standardScriptDirectories = ["/etc/ha.d/resource.d", "/etc/init.d"]

    public init(
        nodeName: String? = nil, interfaces: Set<String>? = nil, scripts: Set<String>? = nil,
        scriptDirectories: [String] = standardScriptDirectories
    ) {
        self.nodeName = nodeName
        self.interfaces = interfaces
        self.scripts = scripts
        self.scriptDirectories = scriptDirectories
    }
}
