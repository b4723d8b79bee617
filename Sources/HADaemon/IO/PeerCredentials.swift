import Glibc
import HAHost

/// Who is on the other end of a Unix socket (SO_PEERCRED), and whether they may change things.
struct PeerCredentials: Sendable, CustomStringConvertible {
    var pid: Int32
    var uid: UInt32
    var gid: UInt32

    /// Reads the credentials of a connected Unix socket.
    init?(fd: Int32) {
        var raw = [Int32](repeating: -1, count: 3)  // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        var length = socklen_t(12)
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &raw, &length) == 0 else { return nil }
        pid = raw[0]
        uid = UInt32(bitPattern: raw[1])
        gid = UInt32(bitPattern: raw[2])
    }

    /// Root, or a member of `group` (primary or supplementary, from /proc/PID/status).
    func isAllowedToChange(group: UInt32?) -> Bool {
        if uid == 0 { return true }
        guard let group else { return false }
        if gid == group { return true }
        guard let status = readWholeFile("/proc/\(pid)/status") else { return false }
        for line in status.split(separator: "\n") where line.hasPrefix("Groups:") {
            return line.dropFirst(7).split(separator: " ").contains { UInt32($0.trimmingCharacters()) == group }
        }
        return false
    }

    var description: String { "uid \(uid) pid \(pid)" }

    /// The gid of the named group, if it exists.
    static func groupID(named name: String) -> UInt32? {
        guard let entry = getgrnam(name) else { return nil }
        return entry.pointee.gr_gid
    }
}

extension Substring {
    func trimmingCharacters() -> Substring { drop(while: { $0 == "\t" || $0 == " " }) }
}
