/// `hb_standby` and `hb_takeover` (spec §4.6.5, observed §4): one optional argument,
/// `all|foreign|local|failback` (default `all`); anything else prints `usage:` and exits 1.
public enum ResourceMoveCommand: String, Sendable, CaseIterable {
    case standby = "hb_standby"
    case takeover = "hb_takeover"

    /// The resources `arguments` (argv without the program name) names, or nil for a usage error.
    public static func resources(_ arguments: [String]) -> ControlRequest.Resources? {
        switch arguments.count {
        case 0: .all
        case 1: ControlRequest.Resources(rawValue: arguments[0])
        default: nil
        }
    }

    /// What the shell script prints on a bad argument (to stdout, then exit 1).
    public func usage(program: String) -> String {
        let verb = self == .standby ? "standby" : "take over"
        return """
            usage:
            \(program) [all|foreign|local|failback]

            all: \(verb) all resources
            foreign: \(verb) foreign resources
            local: \(verb) local resources
            failback: \(verb) foreign resources (same as 'foreign')

            """
    }

    /// `hb_standby`'s one line before it asks (`Nov 22 03:05:47 Going standby [all].`; `date`'s
    /// `%b %d %T`); `hb_takeover` prints nothing.
    public func announcement(_ resources: ControlRequest.Resources, at timestamp: HALogTimestamp) -> String? {
        self == .standby ? "\(timestamp.syslogText(dayPadding: "0")) Going standby [\(resources.rawValue)]." : nil
    }
}
