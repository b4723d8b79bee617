import HAProtocol
import Testing

@testable import HAConsole

/// The header's last segment: where this node's DRBD state is read (``ConsoleState/drbdChoice``),
/// drawn only where it leaves the clock its place, shortened to its first word before that.
@Suite struct HeaderDRBDRenderTests {
    static func header(_ choice: String?, width: Int) -> String {
        var state = Pair.healthy()
        state.drbdChoice = choice
        return ConsoleView.render(state, width: width, height: 24).lines[0]
    }

    @Test("at 80 columns the header is as it was: the clock keeps its place")
    func eighty() {
        #expect(Self.header("drbdsetup status", width: 80) == Self.header(nil, width: 80))
        #expect(Self.header("drbdsetup status", width: 80).hasSuffix("03:10:11"))
    }

    @Test("with room, the source in full, before the clock")
    func wide() {
        #expect(
            Self.header("drbdsetup status", width: 100)
                == " linux-ha on alpha  daemon connected, data 400ms  links 2/2  DRBD: drbdsetup status        03:10:11")
        #expect(Self.header("none: no /proc/drbd, no drbdsetup", width: 120).contains("links 2/2  DRBD: none: no /proc/drbd, no drbdsetup  "))
    }

    @Test("short of room, the first word: `DRBD: none`")
    func shortened() {
        let line = Self.header("none: no /proc/drbd, no drbdsetup", width: 100)
        #expect(line.contains("links 2/2  DRBD: none  ") && line.hasSuffix("03:10:11"), "\(line)")
    }

    @Test("not read here (a Heartbeat node, a node behind a bridge): nothing")
    func notRead() {
        #expect(!Self.header(nil, width: 140).contains("DRBD"))
    }
}
