import Glibc
import HAHost
import Testing

@Suite("SpawnedCommand: one process runner for every program")
struct SpawnedCommandTests {
    static func run(_ script: String, timeout: Duration = .seconds(10), limit: Int = 1 << 20, separateStderr: Bool = false) -> SpawnedCommand {
        let launch = ProcessLaunch(["/bin/sh", "-c", script], standardError: separateStderr ? .capture : .standardOutput)
        return SpawnedCommand.run(launch, timeout: timeout, limit: limit)
    }

    @Test("captures stdout and stderr on one pipe, or apart")
    func capturesOutput() {
        let merged = Self.run("echo out; echo err >&2")
        #expect(merged.outcome == .exited(0))
        #expect(merged.text == "out\nerr\n")
        let apart = Self.run("echo out; echo err >&2", separateStderr: true)
        #expect(String(decoding: apart.output, as: UTF8.self) == "out\n")
        #expect(String(decoding: apart.errorOutput, as: UTF8.self) == "err\n")
        #expect(!apart.outputTruncated)
    }

    @Test("keeps output up to the limit, reads the rest and says it was cut")
    func boundedOutput() {
        let command = Self.run("head -c 300000 /dev/zero", limit: 1000)
        #expect(command.outcome == .exited(0))
        #expect(command.output.count == 1000)
        #expect(command.outputTruncated)
    }

    @Test("reports exit codes and signals as outcomes")
    func statuses() {
        #expect(Self.run("exit 3").outcome == .exited(3))
        #expect(Self.run("kill -USR1 $$").outcome == .signalled(SIGUSR1))
    }

    @Test("a program that cannot start is an outcome with the reason, not a throw")
    func spawnFailure() {
        let command = SpawnedCommand.run(ProcessLaunch(["/nonexistent/hahost-test-program"]), timeout: .seconds(1))
        #expect(command.outcome == .notStarted("/nonexistent/hahost-test-program: No such file or directory"))
        #expect(command.startFailure?.errno == ENOENT)
        #expect(command.pid == 0 && command.fd == -1)
    }

    @Test("gives the child exactly the environment asked for")
    func environment() {
        let command = SpawnedCommand.run(ProcessLaunch(["/usr/bin/env"], environment: ["HAHOST_TEST": "1"]), timeout: .seconds(5))
        #expect(command.text == "HAHOST_TEST=1\n")
    }

    @Test("the direct child's exit ends the run even while a grandchild holds stdout")
    func grandchildDoesNotHoldTheRun() {
        let started = SystemClock.milliseconds()
        let command = Self.run("sleep 30 & echo started")
        defer { kill(-command.pid, SIGKILL) }
        #expect(command.outcome == .exited(0))
        #expect(command.text == "started\n")
        #expect(SystemClock.milliseconds() - started < 5000)
    }

    @Test("a timeout kills the whole group, a grandchild that ignores SIGTERM included")
    func timeoutKillsTheGroup() throws {
        // The grandchild ignores SIGTERM (so does the sleep it runs), keeps stdout open and
        // prints its pid; the direct child just waits.
        let script = "sh -c 'trap \"\" TERM; echo $$; while :; do sleep 0.05; done' & sleep 30"
        let started = SystemClock.milliseconds()
        let launch = ProcessLaunch(["/bin/sh", "-c", script])
        let command = SpawnedCommand.run(launch, timeout: .milliseconds(300), killGrace: .milliseconds(200))
        #expect(command.outcome == .timedOut)
        #expect(SystemClock.milliseconds() - started < 5000)
        let grandchild = try #require(pid_t(command.text.split(separator: "\n").first ?? ""))
        #expect(ProcessProbe.isGone(grandchild), "grandchild \(grandchild) outlived the timeout")
    }

    @Test("a group that ignores SIGTERM is SIGKILLed when the kill grace ends")
    func killGraceEnds() {
        let started = SystemClock.milliseconds()
        let launch = ProcessLaunch(["/bin/sh", "-c", "trap '' TERM; echo $$; sleep 30"])
        let command = SpawnedCommand.run(launch, timeout: .milliseconds(200), killGrace: .milliseconds(300))
        let elapsed = SystemClock.milliseconds() - started
        #expect(command.outcome == .timedOut)
        #expect(elapsed >= 500 && elapsed < 5000, "took \(elapsed) ms")
        #expect(command.text == "\(command.pid)\n")
        #expect(ProcessProbe.isGone(command.pid))
    }

    @Test("a child starts with no blocked signals and SIGPIPE at its default, whatever the parent has")
    func signalMaskReset() throws {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        var saved = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &saved)
        let previousPipe = signal(SIGPIPE, SIG_IGN)
        defer {
            signal(SIGPIPE, previousPipe)
            pthread_sigmask(SIG_SETMASK, &saved, nil)
        }
        let command = SpawnedCommand.run(ProcessLaunch(["grep", "-E", "^Sig(Blk|Ign):", "/proc/self/status"]), timeout: .seconds(5))
        #expect(command.outcome == .exited(0))
        let fields = ProcessProbe.signalFields(command.text)
        #expect(fields["SigBlk"] == 0, "\(command.text)")
        // Signals 1-31 (bits 0-30); glibc may keep its internal real-time ones.
        #expect((fields["SigIgn"] ?? 1) & 0x7fff_ffff == 0, "\(command.text)")
    }

    @Test("polled from a loop, it runs without blocking and is reaped when done")
    func nonBlockingPoll() {
        let command = SpawnedCommand(["/bin/sh", "-c", "sleep 0.2; echo late"], deadline: SystemClock.milliseconds() + 5000)
        #expect(command.poll(now: SystemClock.milliseconds()) == nil)
        #expect(command.fd >= 0)
        while command.poll(now: SystemClock.milliseconds()) == nil {
            var poller = pollfd(fd: command.fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&poller, 1, 10)
        }
        #expect(command.outcome == .exited(0))
        #expect(command.text == "late\n")
        #expect(command.fd == -1)
    }

    @Test("a polled command past its deadline is killed with its group")
    func pollDeadline() {
        let command = SpawnedCommand(["/bin/sh", "-c", "sleep 30"], deadline: SystemClock.milliseconds() + 50)
        while command.poll(now: SystemClock.milliseconds()) == nil { usleep(5000) }
        #expect(command.outcome == .timedOut)
        #expect(ProcessProbe.isGone(command.pid))
    }
}

/// Reads what `/proc` says about a process.
enum ProcessProbe {
    /// True once `pid` no longer exists or is a zombie (killed, waiting for init to reap it);
    /// waits up to two seconds for that.
    static func isGone(_ pid: pid_t) -> Bool {
        let deadline = SystemClock.milliseconds() + 2000
        repeat {
            if kill(pid, 0) == -1 && errno == ESRCH { return true }
            if state(pid) == "Z" { return true }
            usleep(10_000)
        } while SystemClock.milliseconds() < deadline
        return false
    }

    /// The state letter in `/proc/PID/stat` (after the parenthesised name), nil when unreadable.
    static func state(_ pid: pid_t) -> Character? {
        guard let text = readWholeFile("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        return text[close...].dropFirst(2).first
    }

    /// `SigBlk: 0000…` lines as numbers.
    static func signalFields(_ text: String) -> [String: UInt64] {
        var fields: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            fields[String(parts[0])] = UInt64(String(parts[1].filter { !$0.isWhitespace }), radix: 16)
        }
        return fields
    }
}

@Suite("ProcessLaunch: where the child's descriptors and directory are")
struct ProcessLaunchTests {
    @Test("writes to a file in the directory asked for, reading a descriptor of ours")
    func fileAndDirectory() throws {
        var template = Array("/tmp/hahost-launch-XXXXXX".utf8CString)
        let directory = String(cString: try #require(mkdtemp(&template)))
        let file = directory + "/out"
        defer {
            unlink(file)
            rmdir(directory)
        }
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        _ = "piped\n".withCString { write(fds[1], $0, 6) }
        close(fds[1])
        defer { close(fds[0]) }
        let launch = ProcessLaunch(
            ["/bin/sh", "-c", "pwd; cat"], standardInput: .descriptor(fds[0]), standardOutput: .file(file), workingDirectory: directory)
        let command = SpawnedCommand.run(launch, timeout: .seconds(5))
        #expect(command.outcome == .exited(0))
        #expect(command.fd == -1 && command.output.isEmpty)
        #expect(readWholeFile(file) == directory + "\npiped\n")
    }
}

@Suite("DRBDSource: drbdsetup through the runner")
struct DRBDSourceTests {
    @Test("a hung drbdsetup is a problem after two seconds, and its whole group is gone")
    func hungDrbdsetup() throws {
        var template = Array("/tmp/hahost-drbd-XXXXXX".utf8CString)
        let directory = String(cString: try #require(mkdtemp(&template)))
        let script = directory + "/drbdsetup"
        let pidFile = directory + "/grandchild"
        defer {
            unlink(script)
            unlink(pidFile)
            rmdir(directory)
        }
        let text = "#!/bin/sh\nsh -c 'trap \"\" TERM; echo $$ > \(pidFile); exec sleep 60' &\nsleep 60\n"
        let fd = open(script, O_WRONLY | O_CREAT | O_TRUNC, 0o755)
        _ = text.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        let started = SystemClock.milliseconds()
        let reading = DRBDSource.drbdsetup(script).read()
        #expect(reading.status == nil && reading.problem == "\(script) status failed")
        #expect(SystemClock.milliseconds() - started < 4000)
        let grandchild = try #require(readWholeFile(pidFile).flatMap { pid_t($0.filter(\.isNumber)) })
        #expect(ProcessProbe.isGone(grandchild), "drbdsetup's child \(grandchild) outlived the read")
    }
}
