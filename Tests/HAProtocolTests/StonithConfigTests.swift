import HAProtocol
import Testing

/// `stonith` and `stonith_host` lines become the device a node fences with (spec §1).
@Suite struct StonithConfigTests {
    func parse(_ lines: String) -> Parsed<HACF> {
        HACFParser.parse("node alpha bravo\nbcast hb0\n" + lines)
    }

    @Test("stonith_host keeps its positional parameters and applies to the host it names or to every host with *")
    func stonithHost() {
        let cf = parse("stonith_host * external/ssh alpha bravo\nstonith_host Bravo meatware\n").value
        #expect(cf.stonithDevice(for: "alpha")?.commandArguments == ["-t", "external/ssh", "-p", "alpha bravo"])
        #expect(cf.stonithDevice(for: "bravo")?.commandArguments == ["-t", "meatware", "-p", ""], "the last line that applies wins")
        #expect(cf.stonithDevice(for: "bravo")?.line == 4)
    }

    @Test("stonith TYPE FILE reads the parameters from the file")
    func stonithFile() {
        let cf = parse("stonith ipmilan /etc/ha.d/ipmi.cfg\n").value
        #expect(cf.stonithDevice(for: "alpha")?.commandArguments == ["-t", "ipmilan", "-F", "/etc/ha.d/ipmi.cfg"])
    }

    @Test("a stonith line without its arguments is an error in Heartbeat's words")
    func missingArguments() {
        #expect(parse("stonith_host\n").diagnostics.contains { $0.message.contains("No Stonith hostname argument given") })
        #expect(parse("stonith_host *\n").diagnostics.contains { $0.message.contains("No Stonith type given") })
        #expect(parse("stonith ipmilan\n").diagnostics.contains { $0.message.contains("Invalid Stonith config file") })
    }
}
