import Foundation
import Glibc
import HAFixtures
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// The real haconsole, started with no flags on a DRBD 9 node: `/proc/drbd` holds only the
/// module's version lines (all DRBD 9 leaves there), and `drbdsetup` is on the PATH.
///
/// The node is made in a mount namespace of the console's own (`unshare --mount`): the real
/// /proc is bound aside, a tmpfs over `/proc` links back to each of its entries and adds a `drbd`
/// file with DRBD 9.1's version lines. (A test machine seldom has the DRBD module loaded, so
/// there is usually no `/proc/drbd` to bind a file over.) The stand-in `drbdsetup` first on the PATH prints
/// `COMPOSED-9-two-resources-r0-splitbrain-alpha-verbose-statistics.txt`: r0 StandAlone with
/// 89 MiB out of sync (as `COMPOSED-9-splitbrain-alpha`, one peer), r1 Connected and UpToDate.
/// No daemon: `$HADAEMON_SOCKET` names a socket that is not there (the documented variable, so
/// that a daemon on this host is never read), and the readings are filed under this host's name.
@Suite(.serialized)
struct ConsoleDRBD9TmuxTests {
    typealias Tmux = ConsoleSOPTmuxTests.Tmux
    typealias Scratch = ConsoleResponsivenessTmuxTests.Scratch

    /// A script that runs its arguments as a program on a DRBD 9 node whose `drbdsetup` does
    /// `body` (after recording its PID for the cleanup); run it under `unshare --mount`.
    static func drbd9Node(_ scratch: Scratch, drbdsetup body: String) throws -> String {
        let bin = scratch.directory + "/bin"
        let realProc = scratch.directory + "/real-proc"
        let version = scratch.directory + "/proc-drbd"
        mkdir(bin, 0o755)
        mkdir(realProc, 0o755)
        _ = try scratch.script("bin/drbdsetup", body)
        try Fixtures.text("drbd/proc-drbd/9.1-version-only.txt").write(toFile: version, atomically: true, encoding: .utf8)
        return try scratch.script(
            "drbd9-node",
            """
            set -e
            mount --bind /proc \(realProc)
            mount -t tmpfs -o size=1m drbd9-proc /proc
            for entry in \(realProc)/*; do ln -s "$entry" "/proc/${entry##*/}"; done
            cp \(version) /proc/drbd
            PATH=\(bin):$PATH exec "$@"
            """)
    }

    /// The command for tmux: haconsole with no arguments on that node.
    static func console(_ scratch: Scratch, drbdsetup body: String) throws -> String {
        let node = try drbd9Node(scratch, drbdsetup: body)
        return
            "env HADAEMON_SOCKET=\(scratch.missingSocket) TERM=xterm-256color unshare --mount --propagation private \(node) \(try ConsoleSOPTmuxTests.console())"
    }

    /// A `drbdsetup` body that prints the two resources for `status --verbose --statistics` only.
    static func printsTwoResources(_ scratch: Scratch) throws -> String {
        let status = scratch.directory + "/status.txt"
        try Fixtures.text("drbd/status-text/COMPOSED-9-two-resources-r0-splitbrain-alpha-verbose-statistics.txt")
            .write(toFile: status, atomically: true, encoding: .utf8)
        return "[ \"$*\" = 'status --verbose --statistics' ] || { echo \"unexpected: $*\" >&2; exit 20; }\ncat \(status)"
    }

    @Test("with no flags on a DRBD 9 node the console reads drbdsetup status: both resources, and r0's StandAlone alert")
    func everyResourceAndTheStandAloneAlert() async throws {
        let scratch = try Scratch()
        defer { scratch.close() }
        let command = try Self.console(scratch, drbdsetup: try Self.printsTwoResources(scratch))
        let tmux = try Tmux(command: command, width: 110, height: 36)
        defer { tmux.close() }
        try await tmux.waitFor("may be in split brain", timeout: .seconds(15))
        let screen = tmux.screen()
        let rows = screen.split(separator: "\n")
        #expect(rows.contains { $0.contains("r0") && $0.contains("StandAlone") }, "r0's row:\n\(screen)")
        #expect(rows.contains { $0.contains("r1") && $0.contains("Connected") }, "r1's row:\n\(screen)")
        #expect(rows.contains { $0.contains("r0 may be in split brain (StandAlone") }, "the alert:\n\(screen)")
        // The header's `DRBD: drbdsetup status` gives way to the long DOWN reason here (it is
        // drawn where there is room: HeaderDRBDRenderTests); the panel's title names it too.
        #expect(rows.contains { $0.contains("─ DRBD ") && $0.contains("/bin/drbdsetup status") }, "the panel names the source:\n\(screen)")
    }

    @Test("with no flags on a DRBD 9 node, a drbdsetup that hangs for a minute leaves the console answering keys")
    func hungDRBDSetup() async throws {
        let scratch = try Scratch()
        defer { scratch.close() }
        let tmux = try Tmux(command: try Self.console(scratch, drbdsetup: "exec sleep 60"), width: 110, height: 36)
        defer { tmux.close() }
        try await tmux.waitFor("drbdsetup status failed", timeout: .seconds(15))  // one read hung and was given up
        var pressedWhileHung = 0
        for index in 0..<8 {
            let opening = index % 2 == 0
            let start = SystemClock.now()
            try tmux.keys(opening ? "?" : "Escape")
            while tmux.screen().contains(" Help ") != opening {
                guard SystemClock.now() - start < .seconds(1) else {
                    throw HarnessError.timedOut(waitingFor: "the help to \(opening ? "open" : "close")", after: .seconds(1), cluster: tmux.screen())
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            if Self.aliveScripts(scratch) > 0 { pressedWhileHung += 1 }
            try await Task.sleep(for: .milliseconds(300))
        }
        #expect(pressedWhileHung > 0, "no key landed while a drbdsetup was stuck")
    }

    /// How many stand-in `drbdsetup`s are stuck now: the scripts that recorded their PID and
    /// became `sleep` (the console recorded its own PID too, and is not one).
    static func aliveScripts(_ scratch: Scratch) -> Int {
        let text = (try? String(contentsOfFile: scratch.pids, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { pid_t($0) }.filter {
            $0 > 1 && (try? String(contentsOfFile: "/proc/\($0)/comm", encoding: .utf8)) == "sleep\n"
        }.count
    }
}
