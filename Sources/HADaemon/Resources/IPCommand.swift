import Glibc
import HAProtocol

/// The `ip` command (iproute2), optionally aimed at a named network namespace with `ip -n NS`.
///
/// Every call runs through ``ProcessGroupRunner``, so a hung `ip` is killed like a hung script.
struct IPCommand: Sendable {
    /// Where `ip` is looked for when no path is configured.
    static let searchPaths = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"]

    /// The `ip` binary; nil when none was found (every operation then fails with that reason).
    var path: String?
    /// The namespace to operate in; nil for the daemon's own.
    var netns: String?
    var runner: ProcessGroupRunner

    /// Uses `path`, or the first executable of ``searchPaths``.
    init(path: String?, netns: String?, runner: ProcessGroupRunner) {
        self.path = path ?? Self.searchPaths.first { access($0, X_OK) == 0 }
        self.netns = netns
        self.runner = runner
    }

    /// Why an `ip` call failed, with what it printed.
    struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        var description: String
        /// The failed run, when `ip` ran at all.
        var result: ProcessGroupRunner.Result?
    }

    /// Runs `ip [-n NS] arguments…` and returns its result whatever the exit status.
    ///
    /// - Throws: ``Failure`` only when there is no `ip` binary.
    func run(_ arguments: [String]) async throws(Failure) -> ProcessGroupRunner.Result {
        guard let path else { throw Failure(description: "no ip command (looked in \(Self.searchPaths.joined(separator: ", ")))") }
        let prefix = netns.map { ["-n", $0] } ?? []
        return await runner.run(path, arguments: prefix + arguments, environment: ["PATH": ResourceScriptRunner.defaultPath, "LC_ALL": "C"])
    }

    /// Runs `ip` and insists on exit 0.
    ///
    /// - Throws: ``Failure`` naming the command and quoting its stderr.
    func check(_ arguments: [String]) async throws(Failure) -> String {
        let result = try await run(arguments)
        guard result.status == .exited(0) else {
            var reason = result.stderr.drop(while: \.isWhitespace)
            while reason.last?.isWhitespace == true { reason.removeLast() }
            throw Failure(description: "ip \(arguments.joined(separator: " ")) failed (\(result.status)): \(reason)", result: result)
        }
        return result.stdout
    }

    /// The host's IPv4 addresses (`ip -o -4 addr show`).
    func addresses() async throws(Failure) -> [InterfaceAddress] {
        InterfaceAddress.parse(ipAddressOutput: try await check(["-o", "-4", "addr", "show"]))
    }

    /// The Ethernet link `name` (`ip -o link show dev NAME`).
    func link(_ name: String) async throws(Failure) -> NetworkLink {
        let output = try await check(["-o", "link", "show", "dev", name])
        guard let link = output.split(whereSeparator: \.isNewline).lazy.compactMap(NetworkLink.init(ipLinkLine:)).first else {
            throw Failure(description: "\(name) is not an Ethernet interface: \(output)")
        }
        return link
    }
}
