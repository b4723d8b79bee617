import Glibc
import HAProtocol

/// Runs a resource's `start`, `stop` or `status` the way Heartbeat's ResourceManager does (spec §3).
///
/// - Lookup: `NAME` in each of ``directories`` in order (`/etc/ha.d/resource.d`, then
///   `/etc/init.d`); the first regular executable file wins; none → ``ScriptOutcome/Status/notFound(_:)``.
/// - Invocation: `PATH arg1 arg2 … ACTION` for `NAME::arg1::arg2`, with exactly ``environment``
///   plus a sane `PATH` when it has none, stdin from `/dev/null`.
/// - Each run is its own session with a timeout; on overrun its whole process group is killed
///   (``ProcessGroupRunner``). Every ending is a ``ScriptOutcome``, never a thrown error.
/// - `IPaddr` and `IPaddr2` (and bare addresses) are performed in-process by ``IPAddressResource``.
struct ResourceScriptRunner: Sendable {
    /// Heartbeat's lookup order (`$HA_RESOURCEDIR`, then `/etc/init.d`).
    static let defaultDirectories = HostFacts.standardScriptDirectories
    /// The `PATH` given to scripts whose environment does not set one.
    static let defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    var directories: [String]
    /// The scripts' environment (`HA_CURHOST`, `HA_DIR`, … of spec §3.6), `PATH` added if missing.
    var environment: [String: String]
    var process: ProcessGroupRunner
    var addresses: IPAddressResource

    /// A runner for scripts in `directories`, each run limited to `timeout`.
    ///
    /// - Parameters:
    ///   - ipCommand: the `ip` binary for the address agents; nil searches ``IPCommand/searchPaths``.
    ///   - netns: a named network namespace for the address agents (tests); nil for this one.
    ///   - killGrace: time between SIGTERM and SIGKILL to a timed-out script's group.
    ///   - outputLimit: bytes of stdout and of stderr kept per run.
    ///   - announcer: where gratuitous ARPs run; share one per daemon so `stop` can cancel them.
    init(
        directories: [String] = defaultDirectories, environment: [String: String] = [:], timeout: Duration, ipCommand: String? = nil,
        netns: String? = nil, killGrace: Duration = .seconds(2), outputLimit: Int = 64 * 1024, announcer: ARPAnnouncer = ARPAnnouncer()
    ) {
        self.directories = directories
        var environment = environment
        if environment["PATH"] == nil { environment["PATH"] = Self.defaultPath }
        self.environment = environment
        process = ProcessGroupRunner(timeout: timeout, killGrace: killGrace, outputLimit: outputLimit)
        addresses = IPAddressResource(ip: IPCommand(path: ipCommand, netns: netns, runner: process), announcer: announcer)
    }

    /// The first regular executable file named `script` in ``directories``, or nil.
    ///
    /// A name with a `/` is never looked up: `haresources` names scripts, not paths.
    func locate(_ script: String) -> String? {
        guard !script.isEmpty, !script.contains("/") else { return nil }
        return directories.lazy.map { Self.join($0, script) }.first { path in
            var info = stat()
            return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
        }
    }

    /// What running `action` on `resource` executes; the path is the script's name when not found.
    ///
    /// For the built-in address agents the path is where Heartbeat's wrapper would be, so the
    /// `Running …` log line reads as Heartbeat's.
    func invocation(for resource: ResourceSpec, _ action: ResourceAction) -> ScriptInvocation {
        invocation(for: resource, action, path: resource.isBuiltInAddress ? nil : locate(resource.script))
    }

    /// Runs `action` for `resource` and reports how it ended.
    func run(_ resource: ResourceSpec, _ action: ResourceAction) async -> ScriptOutcome {
        if resource.isBuiltInAddress {
            return await addresses.perform(resource.address, script: resource.script, invocation(for: resource, action, path: nil))
        }
        guard let path = locate(resource.script) else {
            return ScriptOutcome(invocation: invocation(for: resource, action, path: nil), status: .notFound(resource.script))
        }
        let invocation = invocation(for: resource, action, path: path)
        // ResourceManager's shell runs a file without `#!` as a shell script (ENOEXEC); execve would refuse it.
        let (executable, prefix) = Self.hasInterpreterLine(path) ? (path, []) : ("/bin/sh", [path])
        let result = await process.run(executable, arguments: prefix + resource.arguments + [action.rawValue], environment: environment)
        return ScriptOutcome(
            invocation: invocation, status: result.status, stdout: result.stdout, stderr: result.stderr,
            outputTruncated: result.outputTruncated, duration: result.duration)
    }

    /// Heartbeat's "we own this resource" test: runs `status` and applies ``ResourceStatusRule`` to stdout.
    ///
    /// The exit code is ignored (spec §3.3); a missing, failing or timed-out script is not owned
    /// unless what it printed says otherwise.
    func isRunning(_ resource: ResourceSpec) async -> Bool {
        ResourceStatusRule.indicatesRunning(await run(resource, .status).stdout)
    }

    private func invocation(for resource: ResourceSpec, _ action: ResourceAction, path: String?) -> ScriptInvocation {
        let builtInPath = Self.join(directories.first ?? Self.defaultDirectories[0], resource.script)
        return ScriptInvocation(
            resource: resource.text, path: path ?? (resource.isBuiltInAddress ? builtInPath : resource.script), arguments: resource.arguments,
            action: action, isBuiltIn: resource.isBuiltInAddress)
    }

    /// True when `path` starts with `#!` or is an ELF binary, i.e. the kernel can execute it directly.
    private static func hasInterpreterLine(_ path: String) -> Bool {
        guard let file = fopen(path, "rb") else { return true }
        defer { fclose(file) }
        var header = [UInt8](repeating: 0, count: 4)
        let count = fread(&header, 1, 4, file)
        return (count >= 2 && header[0] == UInt8(ascii: "#") && header[1] == UInt8(ascii: "!")) || (count == 4 && header == [0x7F, 0x45, 0x4C, 0x46])
    }

    /// `directory/name`, keeping a directory's own trailing slash (`/etc/ha.d//resource.d/` stays as written).
    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
