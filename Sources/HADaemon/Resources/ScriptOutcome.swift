/// What happened when a resource action ran: how it ended, what it printed, how long it took.
///
/// A non-zero exit is a normal result here, never a thrown error (STYLE.md, "Errors"); only
/// ``Status/exited(_:)`` with 0 counts as success. Output beyond the runner's limit is dropped
/// and ``outputTruncated`` says so.
struct ScriptOutcome: Hashable, Sendable {
    /// How the action ended.
    enum Status: Hashable, Sendable {
        /// The script exited with this code (0 = success).
        case exited(Int32)
        /// The script was killed by this signal, and not by our timeout.
        case signaled(Int32)
        /// The script overran the timeout; its whole process group was killed.
        case timedOut(after: Duration)
        /// No regular executable file of this name in any resource directory.
        case notFound(String)
        /// The script exists but could not be executed (spawn failure, missing `ip` command); the reason.
        case couldNotStart(String)
    }

    var invocation: ScriptInvocation
    var status: Status
    var stdout: String = ""
    var stderr: String = ""
    /// True when stdout or stderr exceeded the capture limit and was cut.
    var outputTruncated = false
    /// Wall time on the monotonic clock from spawn (or lookup) to the end of the run.
    var duration: Duration = .zero

    /// True only for a clean exit with code 0.
    var succeeded: Bool { status == .exited(0) }

    /// The exit code Heartbeat's shell-based ResourceManager would have seen.
    ///
    /// A signal N reads as 128 + N, as `sh` reports it; a timeout reads as a SIGKILL (137); a
    /// missing script as 127 and an unexecutable one as 126, like `sh` does.
    var shellExitCode: Int32 {
        switch status {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        case .timedOut: 137
        case .notFound: 127
        case .couldNotStart: 126
        }
    }
}
