import Foundation
import Glibc
import HAHost

/// What a short command printed and how it ended.
public struct CommandOutput: Sendable {
    public var status: ExitStatus
    public var stdout: String
    public var stderr: String
    public var succeeded: Bool { status == .exited(0) }
}

/// Runs short host commands (`ip`, `iptables`, `python3`) to completion, capturing their output,
/// with a deadline. Uses HAHost's ``SpawnedCommand``, never Foundation's `Process` (swift-stack.md §3.2).
public enum HostCommand {
    /// Bytes kept of each stream: far more than any command here prints.
    static let outputLimit = 64 << 20

    /// Runs `arguments` and returns its output whatever the exit status; throws only when it
    /// cannot be spawned or outlives `timeout` (then its process group is SIGKILLed).
    public static func run(_ arguments: [String], timeout: Duration = .seconds(10)) throws -> CommandOutput {
        precondition(!arguments.isEmpty, "run needs a program")
        let launch = ProcessLaunch([resolve(arguments[0])] + arguments.dropFirst(), standardError: .capture)
        let command = SpawnedCommand.run(launch, timeout: timeout, limit: outputLimit)
        let status: ExitStatus
        switch command.outcome {
        case .exited(let code)?: status = .exited(code)
        case .signalled(let signal)?: status = .signaled(signal)
        case .timedOut?, nil: throw HarnessError.commandTimedOut(arguments: arguments, after: timeout)
        case .notStarted(let why)?:
            guard let failure = command.startFailure else { throw HarnessError.toolUnavailable(arguments[0], detail: why) }
            throw HarnessError(failure, arguments: arguments)
        }
        return CommandOutput(
            status: status, stdout: String(decoding: command.output, as: UTF8.self),
            stderr: String(decoding: command.errorOutput, as: UTF8.self))
    }

    /// Runs `arguments` and returns its standard output; throws `commandFailed` on a non-zero exit.
    @discardableResult
    public static func check(_ arguments: [String], timeout: Duration = .seconds(10)) throws -> String {
        let output = try run(arguments, timeout: timeout)
        guard output.succeeded else {
            throw HarnessError.commandFailed(arguments: arguments, status: output.status, stdout: output.stdout, stderr: output.stderr)
        }
        return output.stdout
    }

    /// The absolute path of `tool`: from PATH, then the sbin directories a non-login root shell
    /// may lack (`ip` and `iptables` live in /usr/sbin); `tool` itself if found nowhere.
    public static func resolve(_ tool: String) -> String {
        guard !tool.contains("/") else { return tool }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        return directories.map { $0 + "/" + tool }.first { access($0, X_OK) == 0 } ?? tool
    }
}
