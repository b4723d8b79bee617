import HAFixtures
import Testing

@testable import HAProtocol

/// Random and mutated configuration text: every parser answers with diagnostics, never a crash.
@Suite struct ConfigPropertyTests {
    static let haCF = """
        logfile /var/log/ha-log
        keepalive 100ms
        deadtime 1
        warntime 500ms
        initdead 10
        udpport 694
        ucast hb0 192.0.2.12
        mcast hb0 239.0.0.1 694 1 0
        bcast eth0, eth1
        auto_failback on
        node alpha, bravo
        ping_group routers 192.0.2.1 192.0.2.2
        respawn hacluster /usr/lib/heartbeat/ipfail
        """
    static let haResources =
        "alpha IPaddr2::192.0.2.100/24/hb0/192.0.2.255 \\\n  drbddisk::r0 Filesystem::/dev/drbd0::/data::ext4 # x\nbravo 192.0.2.101 apache\n"
    static let authKeys = "auth 1\n1 sha1 somesecret\n2 md5 other\n3 crc\n"
    static let alphabet: [Character] = Array("abcdeimnoprstu0123456789 .,:/#\\\n\t=-_ms") + ["\u{0}", "é", "\r"]

    @Test("4000 mutated and random ha.cf texts parse without crashing")
    func haCFNeverCrashes() {
        var rng = SeededGenerator(seed: 0x4A_CF)
        for i in 0..<4000 {
            let text = i % 3 == 0 ? Fuzz.text(&rng, alphabet: Self.alphabet) : Fuzz.mutate(Self.haCF, &rng)
            let result = HACFParser.parse(text)
            #expect(result.diagnostics.allSatisfy { $0.line >= 0 })
        }
    }

    @Test("4000 mutated and random haresources and authkeys texts parse without crashing")
    func othersNeverCrash() {
        var rng = SeededGenerator(seed: 0x4E_5E)
        for i in 0..<4000 {
            let random = Fuzz.text(&rng, alphabet: Self.alphabet, maxLength: 200)
            _ = HAResourcesParser.parse(i % 2 == 0 ? random : Fuzz.mutate(Self.haResources, &rng))
            _ = AuthKeys.parse(i % 2 == 0 ? random : Fuzz.mutate(Self.authKeys, &rng))
            _ = HeartbeatDuration.milliseconds(String(random.prefix(12)))
            _ = IPAddressArgument.parse(String(random.prefix(30)))
        }
    }

    @Test("valid timers survive a render-and-parse round trip", arguments: [1, 50, 100, 250, 999, 1000, 1500, 30_000])
    func durationRoundTrip(ms: Int) {
        #expect(HeartbeatDuration.milliseconds(HeartbeatDuration.text(milliseconds: ms)) == ms)
    }
}
