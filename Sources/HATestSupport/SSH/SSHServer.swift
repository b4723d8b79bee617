import Foundation
import Glibc
import HAHost
import HAProtocol

/// A real OpenSSH server on 127.0.0.1, for reading a node through `ssh` as an operator would:
/// its own port, host key, client key, `authorized_keys` and config in a scratch directory, so
/// nothing of the host's ssh setup is used or touched. `sshd -D -e` runs in a session of its own
/// and logs to a file; ``shutdown()`` ends it (by pid) and removes the directory.
public final class SSHServer: Sendable {
    public static let daemonPath = "/usr/sbin/sshd"

    public let directory: String
    public let port: Int
    private let process: ChildProcess

    /// Starts the server and returns once it listens (at most 10 s). Throws, naming what is
    /// missing, when OpenSSH's server is not installed.
    public init() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.daemonPath) else {
            throw HarnessError.missingFile(Self.daemonPath, hint: "apt-get install openssh-server (scripts/setup does)")
        }
        guard geteuid() == 0 else { throw HarnessError.notRoot(euid: geteuid()) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ha-sshd-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        self.directory = directory
        do {
            // The privilege-separation directory every sshd needs (the package's tmpfiles make it at boot).
            try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            for key in ["host_key", "client_key", "stranger_key"] {
                try HostCommand.check(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", key, "-f", directory + "/" + key])
            }
            try FileManager.default.copyItem(atPath: directory + "/client_key.pub", toPath: directory + "/authorized_keys")
            var started: (ChildProcess, Int)?
            for _ in 0..<5 where started == nil {
                let port = Int.random(in: 20000...60000)
                let config = """
                    ListenAddress 127.0.0.1:\(port)
                    HostKey \(directory)/host_key
                    AuthorizedKeysFile \(directory)/authorized_keys
                    PidFile \(directory)/sshd.pid
                    PermitRootLogin prohibit-password
                    PasswordAuthentication no
                    KbdInteractiveAuthentication no
                    UsePAM no
                    StrictModes no
                    LogLevel INFO

                    """
                try config.write(toFile: directory + "/sshd_config", atomically: true, encoding: .utf8)
                let log = directory + "/sshd.log"
                try? FileManager.default.removeItem(atPath: log)
                let child = try ChildProcess.spawn(
                    [Self.daemonPath, "-D", "-e", "-f", directory + "/sshd_config"], stderr: .file(log), newSession: true)
                let deadline = SystemClock.now() + .seconds(10)
                while SystemClock.now() < deadline {
                    let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                    if text.contains("Server listening on 127.0.0.1 port \(port)") {
                        started = (child, port)
                        break
                    }
                    if let status = child.reapIfExited() {
                        // Most likely the port was taken: try another; anything else is reported below.
                        if !text.contains("Address already in use") {
                            throw HarnessError.toolUnavailable("sshd", detail: "exited \(status): \(text)")
                        }
                        break
                    }
                    usleep(10_000)
                }
                if started == nil, child.reapIfExited() == nil {
                    child.send(SIGKILL, toGroup: true)
                    _ = child.waitBlocking(timeout: .seconds(5))
                }
            }
            guard let (child, port) = started else { throw HarnessError.toolUnavailable("sshd", detail: "did not listen on 127.0.0.1") }
            process = child
            self.port = port
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// The `ssh` words that reach this server as root with `key` (`client_key`, the authorized
    /// one, or `stranger_key`), the host key learned on first use, the user's ssh config unread.
    public func clientWords(key: String = "client_key") -> [String] {
        [
            "ssh", "-F", "/dev/null", "-p", String(port), "-i", directory + "/" + key, "-o", "UserKnownHostsFile=\(directory)/known_hosts",
            "-o", "StrictHostKeyChecking=accept-new", "root@127.0.0.1",
        ]
    }

    /// How many connections were let in (`Accepted publickey` lines in the server's log).
    public var acceptedConnections: Int {
        ((try? String(contentsOfFile: directory + "/sshd.log", encoding: .utf8)) ?? "").components(separatedBy: "Accepted publickey").count - 1
    }

    public var log: String { (try? String(contentsOfFile: directory + "/sshd.log", encoding: .utf8)) ?? "" }

    /// Ends the listener and the sessions it started (all in its session's group or children
    /// of it, SIGTERM then SIGKILL, by pid), and removes the directory.
    public func shutdown() {
        let sessions = ((try? HostCommand.check(["ps", "-o", "pid=", "--ppid", String(process.pid)])) ?? "")
            .split(separator: "\n").compactMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }
        for pid in sessions { Glibc.kill(pid, SIGTERM) }
        process.send(SIGTERM, toGroup: true)
        if process.waitBlocking(timeout: .seconds(5)) == nil {
            process.send(SIGKILL, toGroup: true)
            _ = process.waitBlocking(timeout: .seconds(5))
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
