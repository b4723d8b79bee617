/// What one `cl_status` run prints and returns: the two streams and the exit code.
public struct ClStatusOutput: Hashable, Sendable {
    /// Exit codes of Heartbeat's `cl_status` (spec §7).
    public enum ExitCode: Int32, Sendable {
        case ok = 0
        /// Node or link down, heartbeat stopped, client offline.
        case normalFailure = 1
        /// A bad sub-command, option or parameter.
        case parameterError = 11
        /// The daemon did not answer within 5 s.
        case timeout = 12
        case unknownError = 13
    }

    public var stdout: String
    public var stderr: String
    public var exitCode: Int32

    public init(stdout: String = "", stderr: String = "", exitCode: Int32 = 0) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
    }

    mutating func print(_ line: String) { stdout += line + "\n" }
    mutating func printError(_ line: String) { stderr += line + "\n" }
}
