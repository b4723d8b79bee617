import Testing

@testable import HAProtocol

@Suite struct ClusterConfigTests {
    let haCF = "logfile /x\nkeepalive 1\ndeadtime 10\nucast hb0 192.0.2.12\nauto_failback on\nnode alpha\nnode bravo\n"
    let keys = "auth 1\n1 sha1 somesecret\n"

    @Test("an owner that is not a node in ha.cf is an error in haresources")
    func ownerNotANode() {
        let result = ClusterConfig.parse(haCF: haCF, authKeys: keys, haResources: "charlie 192.0.2.100\n")
        #expect(result.diagnostics.map(\.description) == ["haresources:1: error: owner 'charlie' is not a node in ha.cf (nodes: alpha, bravo)"])
    }

    @Test("host facts are warnings by default and errors on the node")
    func hostFacts() {
        let host = HostFacts(nodeName: "laptop", interfaces: ["lo", "eth0"], scripts: ["apache"])
        let resources = "alpha IPaddr2::192.0.2.100/24/hb0 hbdummy\n"
        let off = ClusterConfig.parse(haCF: haCF, authKeys: keys, haResources: resources, host: host)
        #expect(!off.diagnostics.hasErrors)
        #expect(
            off.diagnostics.map(\.description) == [
                "ha.cf:7: warning: this host 'laptop' is not a node (nodes: alpha, bravo); node names must match uname -n",
                "ha.cf:4: warning: ucast interface 'hb0' does not exist on this host",
                "haresources:1: warning: IPaddr2 interface 'hb0' does not exist on this host",
                "haresources:1: warning: resource script 'hbdummy' not found in /etc/ha.d/resource.d or /etc/init.d",
            ])
        let on = ClusterConfig.parse(haCF: haCF, authKeys: keys, haResources: resources, host: host, onNode: true)
        #expect(on.diagnostics.count == 4 && on.diagnostics.allSatisfy { $0.severity == .error })
    }
}
