import HAHost
import Testing

@testable import HAProtocol

/// Hostile or broken bytes in the three files: they are read in time linear in their size, and
/// control bytes are refused with the line they are on (issue 10).
@Suite struct ConfigInputSafetyTests {
    static let validHACF = "logfile /x\nucast hb0 192.0.2.11\nnode alpha\nnode bravo\nauto_failback on\n"

    /// Runs `body` and returns how long it took, printed so a slow parser shows in the test log.
    func timed(_ what: String, _ body: () -> Void) -> Duration {
        let started = SystemClock.now()
        body()
        let took = SystemClock.now() - started
        print("\(what): \(took)")
        return took
    }

    static let blanks = String(repeating: " ", count: 70_000)
    static let tabs = String(repeating: "\t", count: 70_000)

    @Test("ha.cf lines with 70,000 trailing blanks (spaces, tabs, before a comment) parse in well under a second")
    func haCFTrailingBlanks() {
        let text =
            "node alpha\(Self.blanks)\nlogfile /x\(Self.tabs)\nucast hb0 192.0.2.11\(Self.blanks)\nauto_failback on\(Self.blanks)# c\(Self.blanks)\n"
            + "\(Self.blanks)node bravo\n"
        var result: Parsed<HACF>?
        let took = timed("ha.cf, 70,000 trailing blanks x 5") { result = HACFParser.parse(text) }
        #expect(took < .seconds(1))
        #expect(result?.value.nodes == ["alpha", "bravo"])
        #expect(result?.diagnostics.hasErrors == false, "\(result?.diagnostics ?? [])")
    }

    @Test("authkeys lines with 70,000 trailing blanks parse in well under a second")
    func authKeysTrailingBlanks() {
        let text = "auth 1\(Self.blanks)\n1 sha1 secret\(Self.tabs)\n\(Self.blanks)\n# \(Self.blanks)\n"
        var result: Parsed<AuthKeys>?
        let took = timed("authkeys, 70,000 trailing blanks x 4") { result = AuthKeys.parse(text) }
        #expect(took < .seconds(1))
        #expect(result?.value.signingKey?.secret == Array("secret".utf8))
    }

    @Test("haresources with 70,000 trailing blanks and a 70,000-line continuation parses in well under a second")
    func haResourcesLongLines() {
        let continued = String(repeating: "\t\\\n", count: 70_000)
        let text = "alpha 192.0.2.100\(Self.blanks)\nbravo \(continued)hbdummy\(Self.tabs)\\\n\(Self.blanks)other\n"
        var result: Parsed<HAResources>?
        let took = timed("haresources, 70,000 blanks and continuations") { result = HAResourcesParser.parse(text) }
        #expect(took < .seconds(1))
        #expect(result?.value.groups.map(\.key) == ["192.0.2.100", "hbdummy"])
        #expect(result?.value.groups.last?.resources.map(\.text) == ["hbdummy", "other"])
    }

    @Test("one 1 MiB line of blanks and commas in ha.cf parses in well under a second")
    func haCFHugeTokenLine() {
        let text = Self.validHACF + "node" + String(repeating: " ,\t", count: 350_000) + "charlie\n"
        var result: Parsed<HACF>?
        let took = timed("ha.cf, one 1 MiB line of delimiters") { result = HACFParser.parse(text) }
        #expect(took < .seconds(1))
        #expect(result?.value.nodes == ["alpha", "bravo", "charlie"])
    }

    @Test(
        "a NUL or other control byte is an error naming file, line and byte, in each of the three files",
        arguments: [
            ("ha.cf", Self.validHACF + "node ch\u{0}arlie\n", "ha.cf:6: error: control byte 0x00 in line; remove it"),
            ("ha.cf", "logfile /x\u{1B}[31m\n" + Self.validHACF, "ha.cf:1: error: control byte 0x1B in line; remove it"),
            ("ha.cf", Self.validHACF + "node a\rb\n", "ha.cf:6: error: control byte 0x0D in line; remove it"),
            ("authkeys", "auth 1\n1 sha1 sec\u{0}ret\n", "authkeys:2: error: control byte 0x00 in line; remove it"),
            ("authkeys", "auth 1\u{7F}\n1 sha1 secret\n", "authkeys:1: error: control byte 0x7F in line; remove it"),
            ("haresources", "alpha 192.0.2.100 hb\u{0}dummy\n", "haresources:1: error: control byte 0x00 in line; remove it"),
            ("haresources", "alpha \\\n 192.0.2.100\u{8}\n", "haresources:2: error: control byte 0x08 in line; remove it"),
        ])
    func controlBytes(file: String, text: String, expected: String) {
        let diagnostics: [ConfigDiagnostic] =
            switch file {
            case "ha.cf": HACFParser.parse(text, file: file).diagnostics
            case "authkeys": AuthKeys.parse(text, file: file).diagnostics
            default: HAResourcesParser.parse(text, file: file).diagnostics
            }
        #expect(diagnostics.map(\.description).contains(expected), "\(diagnostics)")
    }

    @Test("a line with a control byte is not read at all: the NUL cannot cut a key or a node name short")
    func controlByteLineIgnored() {
        let keys = AuthKeys.parse("auth 1\n1 sha1 secret\n1 sha1 a\u{0}\n")
        #expect(keys.value.signingKey?.secret == Array("secret".utf8))
        let cf = HACFParser.parse(Self.validHACF + "node ch\u{0}arlie\n")
        #expect(cf.value.nodes == ["alpha", "bravo"])
    }

    @Test("tab, CR at a line's end (CRLF files) and form feed in ha.cf stay allowed")
    func allowedControls() {
        let crlf = Self.validHACF.replacingOccurrences("\n", with: "\r\n")
        let cf = HACFParser.parse(crlf + "node\tcharlie\u{0C}delta\r\n")
        #expect(!cf.diagnostics.hasErrors, "\(cf.diagnostics)")
        #expect(cf.value.nodes == ["alpha", "bravo", "charlie", "delta"])
        let keys = AuthKeys.parse("auth 1\r\n1\tsha1 secret\r\n")
        #expect(keys.diagnostics.isEmpty && keys.value.signingKey?.secret == Array("secret".utf8))
        let resources = HAResourcesParser.parse("alpha\t192.0.2.100 \\\r\n hbdummy\r\n")
        #expect(resources.diagnostics.isEmpty && resources.value.groups.first?.resources.count == 2)
    }

    @Test("a file full of control bytes gives a bounded number of diagnostics")
    func boundedDiagnostics() {
        let text = String(repeating: "\u{0}\n", count: 10_000)
        let diagnostics = AuthKeys.parse(text).diagnostics
        #expect(diagnostics.count < 30, "\(diagnostics.count)")
        #expect(diagnostics.map(\.description).contains("authkeys:21: error: control bytes on 9980 more lines; the file is not a text configuration"))
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
