import Foundation
import Glibc
import HAHost
import Testing

@testable import HAConsole

struct CommandPrefixTests {
    /// Runs `argv` to completion with `SpawnedCommand` (bounded) and returns its output and outcome.
    static func run(_ argv: [String]) -> (String, SpawnedCommand.Outcome?) {
        let command = SpawnedCommand(argv, deadline: SystemClock.milliseconds() + 5000)
        for _ in 0..<5000 {
            if command.poll(now: SystemClock.milliseconds()) != nil { break }
            usleep(1000)
        }
        return (command.text, command.outcome)
    }

    @Test("a prefix that executes its arguments gets the command's argv untouched")
    func execPrefix() {
        let argv = ["sh", "-c", "echo 'a b'; exit 3"]
        #expect(CommandPrefix([]).command(argv) == argv)
        #expect(CommandPrefix(["ip", "netns", "exec", "n1"]).command(argv) == ["ip", "netns", "exec", "n1"] + argv)
    }

    @Test("behind ssh: no prompts, one shared connection, and the command as one quoted string")
    func sshPrefix() {
        let prefix = CommandPrefix(["ssh", "root@bravo"], controlDirectory: "/run/user/0/haconsole")
        #expect(
            prefix.command(["tail", "-F", "/var/log/ha-log"]) == [
                "ssh", "-o", "BatchMode=yes", "-o", "ControlMaster=auto", "-o", "ControlPersist=60", "-o",
                "ControlPath=/run/user/0/haconsole/ssh-%C", "root@bravo", "tail -F /var/log/ha-log",
            ])
        // The user's own choices win, in either spelling; without a private directory, no sharing.
        let own = CommandPrefix(["/usr/bin/ssh", "-oBatchMode=no", "-o", "controlmaster=no", "bravo"], controlDirectory: nil)
        #expect(own.command(["true"]) == ["/usr/bin/ssh", "-oBatchMode=no", "-o", "controlmaster=no", "bravo", "true"])
        #expect(CommandPrefix(["sshpass"]).isSSH == false)
    }

    @Test("the quoted string gives the remote shell back the same argv, whatever the words hold")
    func quotingRoundTrip() {
        let words = ["sh", "-c", "printf '%s\\n' \"$HOME\"; echo `x` $((1+2))", "it's", "", "a b\tc\nd", "--x=y", "é", "*", "\\", "'"]
        // What the remote shell does with ssh's string: parse it again. printf shows each word.
        let line = (["printf", "<%s>\\n"] + words).map(CommandPrefix.shellQuoted).joined(separator: " ")
        let (output, outcome) = Self.run(["/bin/sh", "-c", line])
        #expect(outcome == .exited(0))
        #expect(output == words.map { "<\($0)>\n" }.joined())
        #expect(CommandPrefix.shellQuoted("cl_status") == "cl_status" && CommandPrefix.shellQuoted("/var/log/ha-log") == "/var/log/ha-log")
    }

    @Test("a spawned command leads a session of its own: no terminal to prompt on, one group to kill")
    func ownSession() {
        let (output, outcome) = Self.run(["/bin/sh", "-c", "echo $$; cut -d' ' -f6 /proc/$$/stat; cut -d' ' -f7 /proc/$$/stat"])
        #expect(outcome == .exited(0))
        let fields = output.split(separator: "\n").map(String.init)
        #expect(fields.count == 3 && fields[0] == fields[1], "pid, session: \(fields)")
        #expect(fields.last == "0", "a controlling terminal: \(fields)")
    }
}
