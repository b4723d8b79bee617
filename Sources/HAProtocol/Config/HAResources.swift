/// The parsed `haresources` file: resource groups, each homed on a preferred node (spec §3).
public struct HAResources: Hashable, Sendable {
    public var groups: [ResourceGroup] = []

    public init(groups: [ResourceGroup] = []) { self.groups = groups }

    /// The group whose key (first resource, as written) is `key`.
    public func group(key: String) -> ResourceGroup? { groups.first { $0.key == key } }
}

/// One logical `haresources` line: `node resource1 resource2 …`, started left to right.
public struct ResourceGroup: Hashable, Sendable {
    /// The preferred (home) node, lower-cased.
    public var node: String
    public var resources: [ResourceSpec]
    /// Line of the node name, 1-based.
    public var line: Int

    public init(node: String, resources: [ResourceSpec], line: Int) {
        self.node = node
        self.resources = resources
        self.line = line
    }

    /// Heartbeat's group key: the first resource as written.
    public var key: String { resources.first?.text ?? "" }
}

/// One resource: `Script`, `Script::arg::arg`, or a bare address meaning `IPaddr::address`.
public struct ResourceSpec: Hashable, Sendable {
    /// The token as written in the file (`192.0.2.100`, `IPaddr2::192.0.2.100/24/hb0`).
    public var text: String
    /// The script name looked up in `resource.d/` then `/etc/init.d/` (`IPaddr` for the shorthand).
    public var script: String
    /// The `::`-separated arguments, passed before the action.
    public var arguments: [String]
    /// For IPaddr and IPaddr2, the typed address argument.
    public var address: IPAddressArgument?
    /// Physical line the token was on.
    public var line: Int

    public init(text: String, script: String, arguments: [String], address: IPAddressArgument?, line: Int) {
        self.text = text
        self.script = script
        self.arguments = arguments
        self.address = address
        self.line = line
    }

    /// True for the address agents hadaemon runs itself (no resource-agents package needed).
    public var isBuiltInAddress: Bool { script == "IPaddr" || script == "IPaddr2" }
}

/// The argument of IPaddr/IPaddr2: `ip[/netmask[/nic-or-broadcast[/broadcast]]]`.
public struct IPAddressArgument: Hashable, Sendable, Codable {
    public var address: IPv4Address
    /// Prefix length in bits, when given.
    public var prefixLength: Int?
    /// Interface, when given (`eth0` of `eth0:vip`).
    public var interface: String?
    /// Alias label, when given (`vip` of `eth0:vip`).
    public var label: String?
    public var broadcast: IPv4Address?

    public init(
        address: IPv4Address, prefixLength: Int? = nil, interface: String? = nil, label: String? = nil,
        broadcast: IPv4Address? = nil
    ) {
        self.address = address
        self.prefixLength = prefixLength
        self.interface = interface
        self.label = label
        self.broadcast = broadcast
    }

    /// Parses the argument, or says what is wrong with it.
    public static func parse(_ text: String) -> Result<IPAddressArgument, IPAddressArgumentError> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 4 else { return .failure(.init("'\(text)' has more than 4 '/'-separated fields")) }
        guard let address = IPv4Address(parts[0]) else {
            return .failure(.init("'\(parts[0])' is not an IPv4 address"))
        }
        var result = IPAddressArgument(address: address)
        if parts.count > 1 {
            guard let bits = Int(parts[1]), (0...32).contains(bits) else {
                return .failure(.init("netmask '\(parts[1])' of '\(text)' is not a prefix length 0-32"))
            }
            result.prefixLength = bits
        }
        if parts.count > 2, !parts[2].isEmpty {
            if parts[2].first!.isNumber {
                guard let broadcast = IPv4Address(parts[2]) else {
                    return .failure(.init("broadcast '\(parts[2])' of '\(text)' is not an IPv4 address"))
                }
                result.broadcast = broadcast
            } else {
                let nic = parts[2].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                result.interface = String(nic[0])
                result.label = nic.count > 1 ? String(nic[1]) : nil
            }
        }
        if parts.count > 3 {
            guard let broadcast = IPv4Address(parts[3]) else {
                return .failure(.init("broadcast '\(parts[3])' of '\(text)' is not an IPv4 address"))
            }
            result.broadcast = broadcast
        }
        return .success(result)
    }
}

/// Why an IPaddr argument did not parse.
public struct IPAddressArgumentError: Error, Hashable, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
}
