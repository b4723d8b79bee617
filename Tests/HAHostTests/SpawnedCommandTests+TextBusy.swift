import Foundation
import Glibc
import HAHost
import Testing

extension SpawnedCommandTests {
    /// Another thread's fork holds a script's write descriptor until its exec, so a script
    /// written a moment ago can be "Text file busy" for that instant. ResourceScriptRunnerTests
    /// failed on it under load (`couldNotStart(... Text file busy)`), and a resource script being
    /// deployed at the moment of a failover would fail its start the same way.
    @Test("a program still open for writing elsewhere a moment longer is started once it is closed")
    func textFileBusyIsRetried() throws {
        let path = NSTemporaryDirectory() + "hahost-txtbsy-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        try #require(fd >= 0)
        let script = "#!/bin/sh\necho started\n"
        #expect(script.withCString { write(fd, $0, strlen($0)) } == script.utf8.count)
        let closer = Thread {
            usleep(5_000)
            close(fd)
        }
        closer.start()
        let command = SpawnedCommand.run(ProcessLaunch([path]), timeout: .seconds(5))
        #expect(command.outcome == .exited(0), "\(command.outcome)")
        #expect(command.text == "started\n")
    }
}
