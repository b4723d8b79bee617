import Testing

@testable import HAProtocol

@Suite struct MoonshineHeartbeatTests {
    func basic() -> MoonshineHeartbeat {
        var m = MoonshineHeartbeat()
        m.resources = [.init(name: "haproxy1", values: ["12.34.56.80"], line: 4)]
        m.nodes = [.init(name: "haproxy1", values: ["12.34.56.78"], line: 6), .init(name: "haproxy2", values: ["12.34.56.79"], line: 7)]
        m.password = "sekret"
        return m
    }

    @Test("the basic sample renders Moonshine's defaults, a ucast per node and a sha1 key")
    func renderBasic() throws {
        let rendered = try #require(basic().render(file: "basic.yml").value)
        #expect(
            rendered.haCF.contains(
                "keepalive 2\ndeadtime 30\nwarntime 10\ninitdead 120\nudpport 694\nucast eth0 12.34.56.78\nucast eth0 12.34.56.79\nauto_failback on\nnode haproxy1\nnode haproxy2\n"
            ))
        #expect(rendered.authKeys == "auth 1\n1 sha1 sekret\n")
        #expect(rendered.haResources == "haproxy1 12.34.56.80\n")
        let check = ClusterConfig.parse(haCF: rendered.haCF, authKeys: rendered.authKeys, haResources: rendered.haResources)
        #expect(!check.diagnostics.hasErrors, "\(check.diagnostics)")
    }

    @Test("missing password, unknown resource owner and a bad address are errors with lines")
    func renderErrors() {
        var m = basic()
        m.password = nil
        m.resources = [.init(name: "haproxy3", values: ["12.34.56.80"], line: 4)]
        m.nodes[1].values = ["twelve"]
        let messages = m.render(file: "m.yml").diagnostics.map(\.description)
        #expect(messages.contains("m.yml: error: :password: is required (the shared sha1 key)"))
        #expect(messages.contains("m.yml:4: error: :resources: :haproxy3: is not one of :nodes: (haproxy1, haproxy2)"))
        #expect(messages.contains("m.yml:7: error: :nodes: :haproxy2: must be one IPv4 address, not 'twelve'"))
    }
}
