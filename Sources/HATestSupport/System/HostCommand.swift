import Foundation
import Glibc

/// What a short command printed and how it ended.
public struct CommandOutput: Sendable {
    public var status: ExitStatus
    public var stdout: String
    public var stderr: String
    public var succeeded: Bool { status == .exited(0) }
}

/// Runs short host commands (`ip`, `iptables`, `python3`) to completion, capturing their output,
/// with a deadline. Uses `ChildProcess`, never Foundation's `Process` (swift-stack.md §3.2).
public enum HostCommand {
    /// Runs `arguments` and returns its output whatever the exit status; throws only when it
    /// cannot be spawned or outlives `timeout` (then it is SIGKILLed).
    public static func run(_ arguments: [String], timeout: Duration = .seconds(10)) throws -> CommandOutput {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard GNUFunctions.pipe2(&outPipe, O_CLOEXEC) == 0 else { throw HarnessError.system(call: "pipe2", errno: errno) }
        guard GNUFunctions.pipe2(&errPipe, O_CLOEXEC) == 0 else {
            closeAll(outPipe)
            throw HarnessError.system(call: "pipe2", errno: errno)
        }
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(arguments, stdout: .descriptor(outPipe[1]), stderr: .descriptor(errPipe[1]))
        } catch {
            closeAll(outPipe + errPipe)
            throw error
        }
        close(outPipe[1])
        close(errPipe[1])
        defer { closeAll([outPipe[0], errPipe[0]]) }
        var readers = [PipeReader(fd: outPipe[0]), PipeReader(fd: errPipe[0])]
        let deadline = ContinuousClock.now + timeout
        var status: ExitStatus?
        while status == nil {
            // Not waiting for EOF alone: a daemon spawned concurrently elsewhere in the process
            // could hold a pipe end for a moment. The exit status is what ends the loop.
            var fds = readers.filter { !$0.atEnd }.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            if fds.isEmpty { usleep(500) } else { _ = poll(&fds, nfds_t(fds.count), 5) }
            for index in readers.indices { readers[index].readAvailable() }
            status = child.reapIfExited()
            if status == nil && ContinuousClock.now >= deadline {
                child.send(SIGKILL, toGroup: false)
                _ = child.waitBlocking(timeout: .seconds(2))
                throw HarnessError.commandTimedOut(arguments: arguments, after: timeout)
            }
        }
        for index in readers.indices { readers[index].readAvailable() }
        return CommandOutput(status: status!, stdout: readers[0].text, stderr: readers[1].text)
    }

    /// Runs `arguments` and returns its standard output; throws `commandFailed` on a non-zero exit.
    @discardableResult
    public static func check(_ arguments: [String], timeout: Duration = .seconds(10)) throws -> String {
        let output = try run(arguments, timeout: timeout)
        guard output.succeeded else {
            throw HarnessError.commandFailed(arguments: arguments, status: output.status, stdout: output.stdout, stderr: output.stderr)
        }
        return output.stdout
    }

    /// The absolute path of `tool`: from PATH, then the sbin directories a non-login root shell
    /// may lack (`ip` and `iptables` live in /usr/sbin); `tool` itself if found nowhere.
    public static func resolve(_ tool: String) -> String {
        guard !tool.contains("/") else { return tool }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        return directories.map { $0 + "/" + tool }.first { access($0, X_OK) == 0 } ?? tool
    }

    private static func closeAll(_ fds: [Int32]) {
        for fd in fds where fd >= 0 { close(fd) }
    }
}

/// Collects what arrives on the read end of a pipe without ever blocking.
private struct PipeReader {
    let fd: Int32
    var bytes: [UInt8] = []
    var atEnd = false

    init(fd: Int32) {
        self.fd = fd
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func readAvailable() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !atEnd {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += buffer[0..<count]
            } else if count == 0 {
                atEnd = true
            } else {
                return  // EAGAIN: nothing more for now
            }
        }
    }
}
