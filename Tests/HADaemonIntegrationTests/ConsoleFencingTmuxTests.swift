import Foundation
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// The real haconsole at 80x24 on the survivor of a real fence (issue 12): the real `stonith`
/// command and the test plugin that powers a namespace node off. The device fails once, so the
/// screen shows the failing reset with its retry, then the history with the failure and the OK.
@Suite(.serialized)
struct ConsoleFencingTmuxTests {
    typealias Tmux = ConsoleSOPTmuxTests.Tmux

    @Test("killing the holder: bravo's console shows the failing reset, its retry, then FAILED and OK in the history")
    func fenceOnScreen() async throws {
        let plugin = try StonithTestPlugin()
        defer { plugin.remove() }
        let cluster = try await FencingTests().fencedPair(plugin)
        defer { cluster.shutdown() }
        let bravo = try cluster.node("bravo")
        let tmux = try Tmux(
            command: "TERM=xterm-256color \(try ConsoleSOPTmuxTests.console()) --socket \(bravo.socketPath) --log \(bravo.logFile)",
            width: 80, height: 24)
        defer { tmux.close() }
        try await tmux.waitFor("bravo fences with \(plugin.type)", timeout: .seconds(15))
        #expect(!tmux.screen().contains("─ Fencing"), "an idle device takes no panel")

        try plugin.failNext(1)
        try cluster.kill("alpha")
        try await tmux.waitFor("resetting alpha: attempt 2 in", timeout: .seconds(15))
        let failing = tmux.screen()
        #expect(failing.contains("CRIT fencing alpha is failing"), "\(failing)")
        #expect(failing.contains(", failed 1x, dead"), "\(failing)")
        #expect(try cluster.serviceAddressHolders() == ["alpha"], "no takeover while the device fails")

        try await tmux.waitFor("  OK      in ", timeout: .seconds(20))
        let done = tmux.screen()
        let lines = done.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let ok = try #require(lines.firstIndex { $0.contains("  alpha  external/hadtest") && $0.contains("  OK  ") }, "\(done)")
        #expect(lines[ok + 1].contains("  alpha  external/hadtest") && lines[ok + 1].contains("  FAILED  "), "newest first:\n\(done)")
        #expect(!done.contains("resetting alpha"), "nothing in progress once the device confirmed:\n\(done)")
        try await cluster.waitUntil("bravo holds the address alone", timeout: .seconds(10)) {
            try cluster.serviceAddressHolders() == ["bravo"]
        }
    }
}
