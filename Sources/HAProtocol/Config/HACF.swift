/// The contents of `ha.cf` after parsing, defaults applied (spec §1).
///
/// Times are milliseconds. Every directive also lands in ``parameters`` under its name, as
/// Heartbeat records it for `cl_status hbparameter -p NAME`.
public struct HACF: Hashable, Sendable {
    /// Cluster members in file order, lower-cased (`node a, b c` declares three).
    public var nodes: [String] = []
    public var keepalive: Int = 1000
    public var deadtime: Int = 30000
    public var warntime: Int = 15000
    public var initdead: Int = 30000
    public var deadping: Int = 30000
    /// The port `bcast` and `ucast` use (mcast names its own).
    public var udpport: Int = 694
    public var media: [Medium] = []
    public var pingNodes: [PingNode] = []
    public var autoFailback: AutoFailback = .legacy
    public var logfile: String?
    public var debugfile: String?
    /// A syslog facility name, or nil for none.
    public var logfacility: String?
    public var useLogd: Bool = false
    public var debug: Int = 0
    public var msgfmt: MessageFormat = .classic
    public var uuidFrom: UUIDSource = .file
    public var generationMethod: GenerationMethod = .file
    public var maxRexmitDelay: Int = 250
    public var respawn: [ClientChild] = []
    /// `stonith` and `stonith_host` lines in file order (see ``stonithDevice(for:)``).
    public var stonithDevices: [StonithDevice] = []
    public var cluster: String = "linux-ha"
    /// Every recorded `name value` pair, last value wins, plus the computed defaults.
    public var parameters: [String: String] = [:]
    /// The line each directive was last given on, for diagnostics about derived values.
    public var lineOf: [String: Int] = [:]
    /// Fencing-class lines hadaemon does not honour, accepted only because the operator gave
    /// `--allow-unfenced` (see ``HACFRefusal``); the snapshot names them in an alert.
    public var overriddenLines: [OverriddenLine] = []

    public init() {}

    public enum AutoFailback: String, Hashable, Sendable, Codable {
        case on, off, legacy
    }

    public enum MessageFormat: String, Hashable, Sendable, Codable {
        case classic, netstring
    }

    public enum UUIDSource: String, Hashable, Sendable, Codable {
        case file, nodename
    }

    public enum GenerationMethod: String, Hashable, Sendable, Codable {
        case file, time
    }

    /// A `respawn` or `failfast` line: a child the daemon keeps running.
    public struct ClientChild: Hashable, Sendable {
        public var user: String
        public var command: [String]
        public var failfast: Bool
        public var line: Int

        public init(user: String, command: [String], failfast: Bool, line: Int) {
            self.user = user
            self.command = command
            self.failfast = failfast
            self.line = line
        }
    }

    /// A line accepted only by the operator's override: where it is and what it says.
    public struct OverriddenLine: Hashable, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var directive: String
        /// The line as written, without its comment.
        public var text: String

        public init(file: String, line: Int, directive: String, text: String) {
            self.file = file
            self.line = line
            self.directive = directive
            self.text = text
        }

        /// `ha.cf:12: stonith_host * null alpha bravo`.
        public var description: String { "\(file):\(line): \(text)" }
    }

    /// A ping node: one address, or a named group alive when any member answers.
    public struct PingNode: Hashable, Sendable {
        public var name: String
        public var addresses: [String]
        public var line: Int

        public init(name: String, addresses: [String], line: Int) {
            self.name = name
            self.addresses = addresses
            self.line = line
        }
    }
}
