import Foundation
import HAHost
import HAProtocol
import Testing

/// `hadaemon config check` end to end: the real binary on real files.
@Suite struct ConfigCheckCommandTests {
    func check(_ dir: String, _ extra: [String] = []) throws -> CommandResult {
        try run("hadaemon", ["config", "check", "--config-dir", dir, "--node", "alpha"] + extra)
    }

    @Test("the real two-node configuration is valid; host facts are only warnings")
    func netnsValid() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let dir = try tmp.copyConfig("alpha-bravo-netns")
        let result = try check(dir)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.lines.allSatisfy { $0.contains(": warning: ") })
        #expect(result.lines.contains("\(dir)/haresources:1: warning: resource script 'hbdummy' not found in \(dir)/resource.d or /etc/init.d"))
        #expect(result.stderr.contains("0 errors"))
    }

    @Test("on the node itself a missing script is an error")
    func onNode() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let dir = try tmp.copyConfig("alpha-bravo-netns")
        let result = try check(dir, ["--on-node"])
        #expect(result.status == 1)
        #expect(result.lines.contains("\(dir)/haresources:1: error: resource script 'hbdummy' not found in \(dir)/resource.d or /etc/init.d"))
    }

    @Test("the cookbook pair is valid")
    func cookbookValid() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let dir = try tmp.copyConfig("cookbook-ucast")
        let result = try check(dir)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(!result.stdout.contains("error:"))
    }

    @Test("the ldirectord pair is invalid as written: no multicast group, single-colon IPaddr2")
    func ldirectordInvalid() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let dir = try tmp.copyConfig("ldirectord-mcast")
        let result = try check(dir)
        #expect(result.status == 1)
        let errors = result.lines.filter { $0.contains(": error: ") }
        #expect(
            errors == [
                "\(dir)/ha.cf:14: error: mcast lan0: bad address '255.0.0.1': a multicast group must be in 224.0.0.0/4, e.g. 239.0.0.1",
                "\(dir)/haresources:2: error: resource 'IPaddr2:xx.xx.xx.xx/24' has a single ':'; script arguments are separated by '::' (IPaddr2::xx.xx.xx.xx/24)",
                "\(dir)/haresources:3: error: resource 'IPaddr2:yy.yy.yy.yy/24' has a single ':'; script arguments are separated by '::' (IPaddr2::yy.yy.yy.yy/24)",
            ])
    }

    /// Invalid variants of the real configuration, each with the one line that must be reported.
    static let variants: [(name: String, file: String, old: String?, new: String, expected: String)] = [
        (
            "deadtime too small", "ha.cf", "deadtime 10", "deadtime 2",
            "ha.cf:6: error: deadtime (2000 ms) must be greater than 2 x keepalive (1000 ms) (Heartbeat: Dead time [2000] is too small compared to keeplive [1000])"
        ),
        (
            "unknown directive", "ha.cf", "crm off", "crm off\nheartbeat_interval 2",
            "ha.cf:16: error: unknown directive 'heartbeat_interval' (Heartbeat: Illegal directive [heartbeat_interval]): 'heartbeat_interval 2'"
        ),
        (
            "missing key index", "authkeys", "auth 1", "auth 2",
            "authkeys:1: error: auth 2 selects a key index that no line defines (add '2 sha1 SECRET')"
        ),
        (
            "initdead < deadtime", "ha.cf", "initdead 20", "initdead 5",
            "ha.cf:8: error: initdead (5000 ms) is smaller than deadtime (10000 ms); it must be at least deadtime"
        ),
        (
            "mcast ttl 5", "ha.cf", "ucast hb0 192.0.2.12", "mcast hb0 239.0.0.1 694 5 0",
            "ha.cf:11: error: mcast hb0: bad ttl '5': Heartbeat 3.0.6 accepts 0-4 (its man page says 0-255, its code refuses more than 4)"
        ),
        (
            "owner not a node", "haresources", "alpha IPaddr2::192.0.2.100/24/hb0 hbdummy", "charlie IPaddr2::192.0.2.100/24/hb0 hbdummy",
            "haresources:1: error: owner 'charlie' is not a node in ha.cf (nodes: alpha, bravo)"
        ),
        (
            "ucast peer out of range", "ha.cf", "ucast hb0 192.0.2.12", "ucast hb0 192.0.2.311",
            "ha.cf:11: error: ucast hb0: bad peer '192.0.2.311': not an IPv4 address (four numbers 0-255) nor a host name"
        ),
        (
            "ucast peer of three numbers", "ha.cf", "ucast hb0 192.0.2.12", "ucast hb0 192.0.2",
            "ha.cf:11: error: ucast hb0: bad peer '192.0.2': not an IPv4 address (four numbers 0-255) nor a host name"
        ),
        ("NUL in ha.cf", "ha.cf", "node bravo", "node bra\u{0}vo", "ha.cf:14: error: control byte 0x00 in line; remove it"),
        (
            "NUL in haresources", "haresources", "alpha IPaddr2::192.0.2.100/24/hb0 hbdummy", "alpha IPaddr2::192.0.2.100/24/hb0 hb\u{0}dummy",
            "haresources:1: error: control byte 0x00 in line; remove it"
        ),
    ]

    @Test("each invalid variant gives exit 1 and the right error line", arguments: variants.indices)
    func invalidVariant(index: Int) throws {
        let variant = Self.variants[index]
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let dir = try tmp.copyConfig("alpha-bravo-netns")
        let path = dir + "/" + variant.file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingLine(variant.old!, with: variant.new).write(toFile: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir + "/authkeys")
        let result = try check(dir)
        #expect(result.status == 1, "\(variant.name): \(result.stdout)")
        #expect(result.lines.filter { $0.contains(": error: ") } == ["\(dir)/\(variant.expected)"], "\(variant.name)")
    }

    @Test("authkeys readable by group or others (mode 644) is refused")
    func authkeysMode() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let dir = try tmp.copyConfig("alpha-bravo-netns")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir + "/authkeys")
        let result = try check(dir)
        #expect(result.status == 1)
        #expect(
            result.lines.filter { $0.contains(": error: ") } == [
                "\(dir)/authkeys: error: mode 0644 lets group or others read the keys; run chmod 600 on it"
            ])
    }

    @Test("a NUL in authkeys is refused on its line; the key it was on is then missing")
    func authkeysNUL() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let dir = try tmp.copyConfig("alpha-bravo-netns")
        try "auth 1\n1 sha1 some\u{0}secret\n".write(toFile: dir + "/authkeys")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir + "/authkeys")
        let result = try check(dir)
        #expect(result.status == 1)
        #expect(
            result.lines.filter { $0.contains(": error: ") } == [
                "\(dir)/authkeys:1: error: auth 1 selects a key index that no line defines (add '1 sha1 SECRET')",
                "\(dir)/authkeys:2: error: control byte 0x00 in line; remove it",
            ])
    }

    @Test("crc is valid but warned about, with the way out")
    func crcWarning() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let dir = try tmp.copyConfig("alpha-bravo-netns")
        try "auth 1\n1 crc\n".write(toFile: dir + "/authkeys")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir + "/authkeys")
        let result = try check(dir)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(
            result.lines.contains(
                "\(dir)/authkeys:2: warning: key 1 uses crc, which authenticates nothing: anyone on the network segment can forge packets"
                    + " this node accepts; use 'N sha1 SECRET' (or md5) with a secret known only to the nodes"), "\(result.lines)")
    }

    @Test("a configuration file over 1 MiB is refused without being parsed, quickly")
    func oversizedFile() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let dir = try tmp.copyConfig("alpha-bravo-netns")
        let path = dir + "/ha.cf"
        let padding = String(repeating: "#" + String(repeating: " ", count: 1023) + "\n", count: 2048)
        try (String(contentsOfFile: path, encoding: .utf8) + padding).write(toFile: path)
        let started = SystemClock.now()
        let result = try check(dir)
        let took = SystemClock.now() - started
        print("config check of a 2 MiB ha.cf: \(took)")
        #expect(result.status == 1)
        #expect(
            result.lines.filter { $0.contains(": error: ") } == [
                "\(dir)/ha.cf: error: cannot read the main configuration: 2099429 bytes is more than the 1048576 (1 MiB) a configuration file may have"
            ], "\(result.lines)")
        #expect(took < .seconds(5))
    }

    @Test("a missing directory names each file that cannot be read")
    func missingFiles() throws {
        let result = try check("/nonexistent-hadaemon-dir")
        #expect(result.status == 1)
        #expect(result.lines.contains("/nonexistent-hadaemon-dir/ha.cf: error: cannot read the main configuration: no such file"))
        #expect(result.lines.contains("/nonexistent-hadaemon-dir/authkeys: error: cannot read the authentication keys: no such file"))
    }
}
