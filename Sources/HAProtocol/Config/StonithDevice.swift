/// One STONITH device from a `stonith` or `stonith_host` line of `ha.cf` (spec §1, §4.6.3),
/// run through cluster-glue's `stonith` command.
///
/// `stonith TYPE FILE` reads the device's parameters from a file (`stonith -F FILE`);
/// `stonith_host HOST TYPE PARAMS…` gives them in the plugin's `getconfignames` order
/// (`stonith -p "PARAMS…"`). A `stonith_host` line whose host is neither `*` nor this node is
/// for another node's device: Heartbeat ignores it there, and so does ``usable(by:)``.
public struct StonithDevice: Hashable, Sendable {
    public enum Parameters: Hashable, Sendable {
        /// `stonith TYPE FILE`.
        case file(String)
        /// `stonith_host HOST TYPE PARAMS…`, in order.
        case positional([String])
    }

    /// The node that may use the device, lower-cased, or `*` for every node.
    public var host: String
    /// The plugin type: `external/ssh`, `ipmilan`, `meatware`, `null`…
    public var type: String
    public var parameters: Parameters
    public var line: Int

    public init(host: String, type: String, parameters: Parameters, line: Int) {
        self.host = host
        self.type = type
        self.parameters = parameters
        self.line = line
    }

    /// True when `node` (lower-cased) may reset peers with this device.
    public func usable(by node: String) -> Bool { host == "*" || host == node }

    /// The arguments of `stonith` that select and configure this device, before `-T reset NODE`.
    public var commandArguments: [String] {
        switch parameters {
        case .file(let path): ["-t", type, "-F", path]
        case .positional(let values): ["-t", type, "-p", values.joined(separator: " ")]
        }
    }
}

extension HACF {
    /// The device this node fences with: Heartbeat keeps only the last valid line that applies.
    public func stonithDevice(for node: String) -> StonithDevice? {
        stonithDevices.last { $0.usable(by: node) }
    }
}
