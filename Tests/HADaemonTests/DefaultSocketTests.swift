import Foundation
import Testing

/// Every client honours `$HADAEMON_SOCKET` (`DefaultPaths.socket`), as `cl_status`, `hb_standby`
/// and `hadaemon bridge` always did; `--socket` still wins over it.
@Suite struct DefaultSocketTests {
    static let nowhere = "/nonexistent/hadaemon-default-socket-test.sock"

    @Test(
        "a client command with no --socket asks the socket $HADAEMON_SOCKET names",
        arguments: [["hadaemon", "status"], ["hadaemon", "standby"], ["hadaemon", "takeover"], ["haconsole", "status", "--json"]])
    func environmentNamesTheSocket(command: [String]) throws {
        let result = try run(command[0], Array(command.dropFirst()), environment: ["HADAEMON_SOCKET": Self.nowhere])
        #expect(result.status != 0)
        #expect((result.stdout + result.stderr).contains("cannot connect to hadaemon at \(Self.nowhere)"), "\(result)")
    }

    @Test("--socket wins over $HADAEMON_SOCKET")
    func optionWins() throws {
        let given = "/nonexistent/hadaemon-given.sock"
        let result = try run("hadaemon", ["status", "--socket", given], environment: ["HADAEMON_SOCKET": Self.nowhere])
        #expect(result.stderr.contains("cannot connect to hadaemon at \(given)"), "\(result)")
    }
}
