import Testing

@testable import HAProtocol

@Suite struct AuthKeysTests {
    func messages(_ text: String) -> [String] { AuthKeys.parse(text, file: "authkeys").diagnostics.map(\.description) }

    @Test("auth 1 with a sha1 key selects that key")
    func selectsKey() {
        let result = AuthKeys.parse("auth 1\n1 sha1 somesecret\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.value.signingKey == SigningKey(index: 1, method: .sha1, secret: Array("somesecret".utf8)))
    }

    @Test("several keys may coexist for rotation; comments and blank lines are ignored")
    func rotation() {
        let result = AuthKeys.parse("# keys\n\nauth 2\n1 md5 old\n2 sha1 new\n3 crc\n")
        #expect(!result.diagnostics.hasErrors)
        #expect(result.value.keys.count == 3)
        #expect(result.value.signingKey?.method == .sha1)
    }

    @Test("a selected index that no line defines is an error on the auth line")
    func missingIndex() {
        #expect(messages("auth 2\n1 sha1 x\n").contains("authkeys:1: error: auth 2 selects a key index that no line defines (add '2 sha1 SECRET')"))
    }

    @Test("auth after its key line is refused, as Heartbeat 3.0.6 does")
    func orderingQuirk() {
        #expect(messages("1 sha1 x\nauth 1\n").contains { $0.hasPrefix("authkeys:2: error: 'auth 1' must come before key line 1") })
    }

    @Test(
        "bad lines name what is wrong",
        arguments: [
            ("auth 1\n16 sha1 x\n", "authkeys:2: error: invalid key index '16': must be 0-15"),
            ("auth 1\n1 sha256 x\n", "authkeys:2: error: invalid auth method 'sha256': must be crc, md5 or sha1"),
            ("auth 1\n1 sha1\n", "authkeys:2: error: auth method sha1 requires a key"),
            ("auth 1\n1 crc key\n", "authkeys:2: error: auth method crc does not use a key; remove 'key'"),
            ("authenticate 1\n1 crc\n", "authkeys:1: error: invalid auth line 'authenticate 1': write 'auth N' with N the key index to sign with"),
            ("1 sha1 x\n", "authkeys: error: missing 'auth N' line selecting the key to sign with"),
        ])
    func badLines(text: String, expected: String) {
        #expect(messages(text).contains(expected), "\(messages(text))")
    }

    @Test("every crc key line is a warning with the way out: crc authenticates nothing, selected or only accepted")
    func crcWarning() {
        let selected = messages("auth 1\n1 crc\n")
        #expect(
            selected == [
                "authkeys:2: warning: key 1 uses crc, which authenticates nothing: anyone on the network segment can forge packets"
                    + " this node accepts; use 'N sha1 SECRET' (or md5) with a secret known only to the nodes"
            ])
        // An accepted key signs nothing of ours but still lets a forger in.
        let accepted = messages("auth 2\n1 crc\n2 sha1 secret\n")
        #expect(accepted.count == 1 && accepted[0].hasPrefix("authkeys:2: warning: key 1 uses crc, which authenticates nothing"), "\(accepted)")
        #expect(messages("auth 1\n1 sha1 secret\n").isEmpty)
    }

    @Test(
        "a group- or world-readable file is refused; 0600 and 0620 pass, as in Heartbeat",
        arguments: [(0o100644, true), (0o100640, true), (0o100604, true), (0o100600, false), (0o100620, false), (0o100400, false)] as [(UInt32, Bool)]
    )
    func mode(mode: UInt32, refused: Bool) {
        let problem = AuthKeys.checkMode(mode, file: "authkeys")
        #expect((problem != nil) == refused)
        if mode == 0o100644 { #expect(problem?.description == "authkeys: error: mode 0644 lets group or others read the keys; run chmod 600 on it") }
    }
}
