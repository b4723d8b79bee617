import Glibc
import HAProtocol

/// Where the console reads this node's DRBD state: `/proc/drbd` (8.x, and 9's compat form) or
/// the output of `drbdsetup status --verbose --statistics` (9.x).
public enum DRBDSource: Sendable, Equatable, CustomStringConvertible {
    case procFile(String)
    case drbdsetup(String)
    case none

    /// `--proc-drbd` / `--drbdsetup` when given; else /proc/drbd when it lists resources, else
    /// drbdsetup on the PATH, else none.
    public static func choose(procDRBD: String?, drbdsetup: String?) -> DRBDSource {
        if let procDRBD { return .procFile(procDRBD) }
        if let drbdsetup { return .drbdsetup(drbdsetup) }
        if access("/proc/drbd", R_OK) == 0 { return .procFile("/proc/drbd") }
        for directory in ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] where access(directory + "/drbdsetup", X_OK) == 0 {
            return .drbdsetup(directory + "/drbdsetup")
        }
        return .none
    }

    public var description: String {
        switch self {
        case .procFile(let path): path
        case .drbdsetup(let path): "\(path) status"
        case .none: "no DRBD"
        }
    }

    /// Reads and parses the current state; nil with a reason when it cannot.
    public func read() -> (status: DRBDStatus?, problem: String?) {
        switch self {
        case .none:
            return (nil, nil)
        case .procFile(let path):
            guard let text = readWholeFile(path) else { return (nil, "cannot read \(path): \(String(cString: strerror(errno)))") }
            return (DRBDProcParser.parse(text).status, nil)
        case .drbdsetup(let path):
            guard let text = runCapturing(path, ["status", "--verbose", "--statistics"]) else {
                return (nil, "\(path) status failed")
            }
            return (DRBDStatusTextParser.parse(text).status, nil)
        }
    }
}

/// The whole file, or nil.
public func readWholeFile(_ path: String, limit: Int = 4 << 20) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while result.count < limit {
        let n = read(fd, &buffer, buffer.count)
        if n <= 0 { break }
        result += buffer[0..<n]
    }
    return String(decoding: result, as: UTF8.self)
}

/// Runs a short command with a 2 s limit and returns its standard output (nil on failure).
public func runCapturing(_ path: String, _ arguments: [String]) -> String? {
    var pipeFDs: [Int32] = [0, 0]
    guard pipe(&pipeFDs) == 0 else { return nil }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var pid = pid_t()
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else {
        close(pipeFDs[0])
        close(pipeFDs[1])
        return nil
    }
    close(pipeFDs[1])
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    var poller = pollfd(fd: pipeFDs[0], events: Int16(POLLIN), revents: 0)
    let deadline = SystemClock.milliseconds() + 2000
    while SystemClock.milliseconds() < deadline {
        guard poll(&poller, 1, 100) >= 0 else { break }
        if poller.revents == 0 { continue }
        let n = read(pipeFDs[0], &buffer, buffer.count)
        if n <= 0 { break }
        output += buffer[0..<n]
    }
    close(pipeFDs[0])
    var status: Int32 = 0
    // Output is complete; give the child until the deadline to exit, then kill it.
    while waitpid(pid, &status, WNOHANG) == 0 {
        if SystemClock.milliseconds() >= deadline {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
            return nil
        }
        usleep(1000)
    }
    return status == 0 ? String(decoding: output, as: UTF8.self) : nil
}
