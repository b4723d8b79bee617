/// What the runner executes for one resource action: the script's path, its arguments and the action.
///
/// For the built-in address agents (`IPaddr`, `IPaddr2`) ``path`` is where Heartbeat would have
/// found the wrapper script (first resource directory), so log lines read exactly as Heartbeat's
/// do; ``isBuiltIn`` says no file was executed.
struct ScriptInvocation: Hashable, Sendable {
    /// The resource as written in `haresources` (`IPaddr2::192.0.2.10/24/eth0`, `hbdummy`).
    var resource: String
    /// The resolved script path, or the script name when it could not be found.
    var path: String
    /// The `::`-separated arguments, passed before the action.
    var arguments: [String]
    var action: ResourceAction
    /// True when hadaemon performed the action itself instead of executing ``path``.
    var isBuiltIn: Bool = false

    /// `PATH arg… ACTION`, as Heartbeat's ResourceManager prints it after `Running `.
    var commandLine: String { ([path] + arguments + [action.rawValue]).joined(separator: " ") }
}
