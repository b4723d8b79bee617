import HAProtocol

extension ScriptInvocation {
    /// `info: Running /etc/ha.d/resource.d/hbdummy start`, logged before the action runs (spec §3.3).
    var runningLogLine: ResourceLogLine { ResourceLogLine(.info, "Running \(commandLine)") }
}

extension ScriptOutcome {
    /// The lines that report a failed action, in Heartbeat's words; none for success.
    ///
    /// - a non-zero exit: `ERROR: Return code N from PATH` (ResourceManager's text);
    /// - a signal: the same line with the shell's 128 + N, so existing alerts still match;
    /// - a timeout (Heartbeat has none): `ERROR: Resource script PATH ACTION timed out after T:
    ///   process group killed`, then `Return code 137 from PATH`;
    /// - a missing script: `ERROR: Cannot locate resource script NAME` (ResourceManager's text).
    var resultLogLines: [ResourceLogLine] {
        let path = invocation.path
        switch status {
        case .exited(0):
            return []
        case .exited(let code):
            return [ResourceLogLine(.error, "Return code \(code) from \(path)")]
        case .signaled(let signal):
            return [
                ResourceLogLine(.error, "Return code \(shellExitCode) from \(path)"),
                ResourceLogLine(.debug, "\(invocation.commandLine) was killed by signal \(signal)"),
            ]
        case .timedOut(let after):
            return [
                ResourceLogLine(
                    .error, "Resource script \(path) \(invocation.action.rawValue) timed out after \(Self.text(after)): process group killed"),
                ResourceLogLine(.error, "Return code \(shellExitCode) from \(path)"),
            ]
        case .notFound(let name):
            return [ResourceLogLine(.error, "Cannot locate resource script \(name)")]
        case .couldNotStart(let reason):
            return [ResourceLogLine(.error, "Cannot run resource script \(path): \(reason)")]
        }
    }

    /// Every non-empty line the action printed, stdout first, at `debug` priority.
    ///
    /// Heartbeat sends all resource script output to the debug log (spec §3.3).
    var outputLogLines: [ResourceLogLine] {
        (stdout + "\n" + stderr).split(whereSeparator: \.isNewline)
            .filter { !$0.allSatisfy(\.isWhitespace) }
            .map { ResourceLogLine(.debug, String($0)) }
    }

    /// `2 s`, `1500 ms`: whole seconds when exact, else milliseconds.
    private static func text(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds) s" }
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }
}
