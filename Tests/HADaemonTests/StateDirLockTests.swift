import Foundation
import Glibc
import Testing

@testable import HADaemon

/// The state directory lock in one process: `flock` locks belong to an open file description, so
/// a second `acquire` here conflicts exactly as a second daemon would.
@Suite struct StateDirLockTests {
    @Test("the lock writes the pid as text, refuses a second holder naming pid and path, and is free again once released")
    func exclusive() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let directory = tmp.path + "/state"
        var lock: StateDirLock? = try StateDirLock.acquire(directory: directory, pid: 4242)
        #expect(try String(contentsOfFile: directory + "/hadaemon.lock", encoding: .utf8) == "4242\n")
        let refused = #expect(throws: DaemonError.self) { try StateDirLock.acquire(directory: directory, pid: 4343) }
        #expect(
            refused?.description
                == "another hadaemon (pid 4242) holds \(directory)/hadaemon.lock: one daemon per node and state directory; stop that one first")
        #expect(try String(contentsOfFile: directory + "/hadaemon.lock", encoding: .utf8) == "4242\n", "the refused one writes nothing")
        _ = lock
        lock = nil
        let next = try StateDirLock.acquire(directory: directory, pid: 4343)
        #expect(try String(contentsOfFile: next.path, encoding: .utf8) == "4343\n")
    }

    @Test("the lock's descriptor is close-on-exec: resource scripts never inherit it")
    func closeOnExec() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let lock = try StateDirLock.acquire(directory: tmp.path)
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap { Int32($0) }
        let held = descriptors.filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == lock.path }
        #expect(held.count == 1)
        for fd in held { #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC != 0) }
    }

    @Test("a state directory that cannot be written is refused with the path")
    func unwritable() throws {
        let error = #expect(throws: DaemonError.self) { try StateDirLock.acquire(directory: "/proc/hadaemon-no-such-dir") }
        #expect(error?.description.contains("/proc/hadaemon-no-such-dir") == true)
    }
}
