/// `hb_standby` and `hb_takeover` (spec §4.6.5, observed §4): one optional argument,
/// `all|foreign|local|failback` (default `all`). Their words are the shell scripts' of the Debian
/// package, byte for byte, and on the same streams: `usage:` on stdout and the synopsis on
/// stderr; `hb_standby`'s `Going standby [...]` on stderr.
public enum ResourceMoveCommand: String, Sendable, CaseIterable {
    case standby = "hb_standby"
    case takeover = "hb_takeover"

    /// What the script makes of its arguments.
    public enum Parsed: Equatable, Sendable {
        /// Ask the daemon to move `resources`.
        case ask(ControlRequest.Resources)
        /// Print `stdout` and `stderr`, ask nothing, exit 1.
        case usage(stdout: String, stderr: String)
    }

    /// What `program ARGUMENTS` (argv, the program name apart) does. `program` is printed as
    /// the script prints `$0`: as it was invoked. `hb_standby failback` asks for `foreign`
    /// (the script maps it before it logs); `hb_takeover failback` keeps the word.
    public func parse(_ arguments: [String], program: String) -> Parsed {
        let synopsis = "\(program) [all|foreign|local|failback]\n"
        guard arguments.count <= 1 else {
            return .usage(stdout: "\(program): too many arguments\nusage:\n", stderr: synopsis)
        }
        let word = arguments.first ?? "all"
        if word == "--help" { return .usage(stdout: "usage:\n", stderr: synopsis) }
        guard let resources = ControlRequest.Resources(rawValue: word) else {
            return .usage(stdout: "\(program): wrong resources(\(word)).\nusage:\n", stderr: synopsis)
        }
        return .ask(self == .standby && resources == .failback ? .foreign : resources)
    }

    /// `hb_standby`'s one line on stderr before it asks; `hb_takeover` prints nothing. Through
    /// `ha_log`: bare when stdin is a terminal, else after the date (`Nov 22 03:05:47 `, the
    /// default `HA_DATEFMT` `%b %d %T `).
    public func announcement(_ resources: ControlRequest.Resources, at timestamp: HALogTimestamp, onTerminal: Bool) -> String? {
        guard self == .standby else { return nil }
        let line = "Going standby [\(resources.rawValue)].\n"
        return onTerminal ? line : "\(timestamp.syslogText(dayPadding: "0")) \(line)"
    }
}
