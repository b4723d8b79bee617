import Glibc

/// Why the integration harness could not do what a test asked; each case carries the values
/// needed to see what went wrong without rerunning the test.
public enum HarnessError: Error, CustomStringConvertible {
    /// Namespaces, veth pairs and iptables need root; the tests run as root here and in CI.
    case notRoot(euid: uid_t)
    /// The cluster description cannot be built (duplicate node, unknown group owner, ...).
    case invalidSpec(String)
    case unknownNode(String, known: [String])
    case spawnFailed(arguments: [String], errno: Int32)
    case commandFailed(arguments: [String], status: ExitStatus, stdout: String, stderr: String)
    case commandTimedOut(arguments: [String], after: Duration)
    /// A host tool the harness needs is missing or does not work inside a namespace.
    case toolUnavailable(String, detail: String)
    /// `shutdown()` has run: the cluster starts nothing more.
    case shutDown
    case alreadyRunning(node: String, pid: pid_t)
    case notRunning(node: String)
    /// The node ignored SIGTERM for `after`; the harness has SIGKILLed it.
    case stopTimedOut(node: String, after: Duration)
    /// `waitUntil` gave up; `cluster` describes every node's addresses and recent log lines.
    case timedOut(waitingFor: String, after: Duration, cluster: String)
    case control(socket: String, problem: String)
    case system(call: String, errno: Int32)
    case missingFile(String, hint: String)

    public var description: String {
        switch self {
        case .notRoot(let euid):
            return "the netns harness needs root (effective uid is \(euid)): it creates network namespaces, veth pairs and iptables rules"
        case .invalidSpec(let problem):
            return "invalid cluster spec: \(problem)"
        case .unknownNode(let name, let known):
            return "no node \(name) in this cluster (nodes: \(known.joined(separator: ", ")))"
        case .spawnFailed(let arguments, let errno):
            return "cannot spawn \(arguments.joined(separator: " ")): \(String(cString: strerror(errno)))"
        case .commandFailed(let arguments, let status, let stdout, let stderr):
            return "`\(arguments.joined(separator: " "))` \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
        case .commandTimedOut(let arguments, let after):
            return "`\(arguments.joined(separator: " "))` still running after \(after); killed"
        case .toolUnavailable(let tool, let detail):
            return "\(tool) does not work here (scripts/setup installs it): \(detail)"
        case .shutDown:
            return "the cluster has been shut down"
        case .alreadyRunning(let node, let pid):
            return "\(node) is already running (pid \(pid))"
        case .notRunning(let node):
            return "\(node) is not running"
        case .stopTimedOut(let node, let after):
            return "\(node) did not exit within \(after) of SIGTERM; killed it"
        case .timedOut(let what, let after, let cluster):
            return "timed out after \(after) waiting for \(what)\n\(cluster)"
        case .control(let socket, let problem):
            return "control socket \(socket): \(problem)"
        case .system(let call, let errno):
            return "\(call) failed: \(String(cString: strerror(errno)))"
        case .missingFile(let path, let hint):
            return "\(path) is missing: \(hint)"
        }
    }
}
