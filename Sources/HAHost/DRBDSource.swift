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
            let launch = ProcessLaunch([path, "status", "--verbose", "--statistics"], standardError: .null)
            let command = SpawnedCommand.run(launch, timeout: .seconds(2), limit: 4 << 20)
            guard command.outcome == .exited(0) else { return (nil, "\(path) status failed") }
            return (DRBDStatusTextParser.parse(command.text).status, nil)
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
