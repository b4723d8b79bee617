/// The parts of `cl_status`'s output that come from the machine, not the cluster: what its
/// `cl_log` error lines start with (`Nov 22 03:04:35 alpha cl_status: [26446]: ERROR: …`).
public struct ClStatusContext: Hashable, Sendable {
    /// Local time of the run (no year is printed).
    public var timestamp: HALogTimestamp
    /// This machine's host name (`uname -n`).
    public var host: String
    /// The process id of this `cl_status`.
    public var pid: Int
    /// What `hbstatus -v` prints after `version:` and `hbparameter -p hbversion` answers.
    public var version: String

    /// Heartbeat 3.0.6's own version string: the release and the changeset it was built from.
    ///
    /// hadaemon prints it unchanged so that scripts comparing `hbstatus -v` output or the
    /// `hbversion` parameter against a 3.0.6 installation keep passing.
    public static let heartbeatVersion = "3.0.6 (node: 958e11be8686759f1b99204c17812f2c2633b169)"

    public init(timestamp: HALogTimestamp, host: String, pid: Int, version: String = ClStatusContext.heartbeatVersion) {
        self.timestamp = timestamp
        self.host = host
        self.pid = pid
        self.version = version
    }

    /// One `cl_log(LOG_ERR, …)` line as `cl_status` writes it to stderr, without the newline.
    func errorLine(_ message: String) -> String {
        HALogLine.daemon(at: timestamp, host: host, program: "cl_status", pid: pid, level: .error, message: message).formatted
    }
}
