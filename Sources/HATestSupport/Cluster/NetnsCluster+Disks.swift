import Foundation
import Glibc

extension NetnsCluster {
    /// Mounts a tmpfs of `megabytes` over `node`'s log directory, so that its ha-log can be
    /// filled up (`fillLogDisk`). Call it before the node's daemon first starts: a daemon keeps
    /// its log open. `shutdown` unmounts it.
    public func mountLogDisk(_ name: String, megabytes: Int) throws {
        let node = try node(name)
        guard (1...1024).contains(megabytes) else { throw HarnessError.invalidSpec("a log disk of \(megabytes) MB: 1 to 1024") }
        try state.withLock { state in
            guard !state.isShutDown else { throw HarnessError.shutDown }
            state.mounts.append(node.logDirectory)
        }
        try HostCommand.check(["mount", "-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0755", "tmpfs", node.logDirectory])
    }

    /// Fills `node`'s log disk with a filler file until the file system refuses (ENOSPC);
    /// returns the bytes written. Bounded by the disk's size (and 1 GiB in any case).
    @discardableResult
    public func fillLogDisk(_ name: String) throws -> Int {
        let path = try Self.fillerPath(node(name))
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw HarnessError.system(call: "open \(path)", errno: errno) }
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x2e, count: 65536)
        var written = 0
        // Whole chunks, then single bytes: the last few bytes of the disk are filled too, so
        // the daemon's next line cannot fit.
        for size in [chunk.count, 4096, 1] {
            while written < 1 << 30 {
                let count = chunk.withUnsafeBytes { write(fd, $0.baseAddress, size) }
                if count <= 0 { break }
                written += count
            }
        }
        return written
    }

    /// Deletes the filler `fillLogDisk` wrote: the disk has room again.
    public func freeLogDisk(_ name: String) throws {
        unlink(try Self.fillerPath(node(name)))
    }

    private static func fillerPath(_ node: ClusterNode) -> String { node.logDirectory + "/filler" }
}

extension NetnsCluster {
    /// Makes `flaky`'s `action` (`start` or `stop`) on `node` hang (`hangs`) or return again;
    /// a hung action returns within 0.1 s of the flag's removal. Needs `installsFlakyScript`.
    public func hangFlaky(_ name: String, _ action: String, _ hangs: Bool) throws {
        guard action == "start" || action == "stop" else { throw HarnessError.invalidSpec("flaky action \(action)") }
        let path = try node(name).resourceStateDirectory + "/flaky-hang-" + action
        if hangs {
            guard FileManager.default.createFile(atPath: path, contents: Data()) else {
                throw HarnessError.system(call: "create \(path)", errno: errno)
            }
        } else {
            unlink(path)
        }
    }
}
