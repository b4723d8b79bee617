import Glibc
import HAProtocol

/// Where a node reads its DRBD state: `/proc/drbd` (8.x, and 9's compat form) or the output
/// of `drbdsetup status --verbose --statistics` (9.x, and 8.4), chosen by
/// ``choose(procDRBD:drbdsetup:procFile:searchPath:)``; or nothing to read.
public enum DRBDSource: Sendable, Equatable, CustomStringConvertible {
    case procFile(String)
    case drbdsetup(String)
    /// Not read here (a node read through its daemon elsewhere, a Heartbeat node's probe).
    case none
    /// Nothing to read on this node, and why (`no /proc/drbd, no drbdsetup`).
    case unavailable(String)

    /// For the DRBD panel and `haconsole status`: the file, or the command with its path.
    public var description: String {
        switch self {
        case .procFile(let path): path
        case .drbdsetup(let path): "\(path) status"
        case .none: "no DRBD"
        case .unavailable(let reason): "no DRBD: \(reason)"
        }
    }

    /// For the console's header, short: `/proc/drbd`, `drbdsetup status`, `none: why`.
    public var label: String {
        switch self {
        case .procFile(let path): path
        case .drbdsetup: "drbdsetup status"
        case .none: "none"
        case .unavailable(let reason): "none: \(reason)"
        }
    }

    /// Whether ``read()`` has anything to read (else it answers at once, with nothing).
    public var isReadable: Bool {
        switch self {
        case .procFile, .drbdsetup: true
        case .none, .unavailable: false
        }
    }

    /// Reads and parses the current state; nil with a reason when it cannot.
    public func read() -> (status: DRBDStatus?, problem: String?) {
        switch self {
        case .none, .unavailable:
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
