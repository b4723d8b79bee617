import Testing

@testable import HAConsole

/// The script behind the Pacemaker `move` action: a group's name from a remote CIB or a
/// procedure file must reach the shell as data, and the wait must leave time for the clear.
@Suite struct PacemakerMoveScriptTests {
    @Test("a hostile group name appears once, single-quoted; every later use is \"$g\"")
    func quoting() {
        let hostile = #"web"; touch /tmp/pwned; echo "$(id)'"#
        let script = PacemakerFeed.moveScript(group: hostile)
        #expect(script.components(separatedBy: "touch /tmp/pwned").count == 2, "the name is written once")
        #expect(script.contains("g='web\"; touch /tmp/pwned; echo \"$(id)'\\''';"), "\(script)")
    }

    @Test("the wait for the group ends well before the action's timeout kills the script, so the clear runs")
    func waitInsideTimeout() {
        #expect(Int64(PacemakerFeed.moveWaitTenths) * 100 + 10_000 <= PacemakerFeed.commandTimeout)
    }
}
