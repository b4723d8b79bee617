import HAProtocol

extension ExportBuilder {
    /// Ping nodes matter to resources only with ipfail (without it they are status only, spec
    /// §4.7): then they become an `ocf:pacemaker:ping` clone and, for every group, a rule that
    /// keeps it off a node where no ping node answers.
    mutating func exportConnectivity() {
        let cf = config.haCF
        let ipfail = cf.respawn.first { $0.command.first?.hasSuffix("/ipfail") == true }
        guard !cf.pingNodes.isEmpty else { return }
        guard let ipfail else {
            note(
                files.haCF, cf.pingNodes[0].line, .notExported,
                "ping nodes without ipfail only show status in Heartbeat; add ocf:pacemaker:ping if resources should follow connectivity")
            return
        }
        let addresses = cf.pingNodes.flatMap(\.addresses)
        let ping = PacemakerPrimitive(
            id: ids.make("ping"), standard: "ocf", provider: "pacemaker", type: "ping",
            parameters: [NameValue("host_list", addresses.joined(separator: " ")), NameValue("multiplier", "1000"), NameValue("dampen", "5s")],
            operations: [PacemakerOperation(name: "monitor", intervalSeconds: 10, timeoutSeconds: 60)])
        configuration.resources.append(.clone(id: ids.make("ping", "clone"), primitive: ping, meta: []))
        let rule = PacemakerRule(
            score: "-INFINITY",
            expressions: [.init(attribute: "pingd", operation: "not_defined"), .init(attribute: "pingd", operation: "lte", value: "0")])
        for group in groupIDs {
            configuration.constraints.append(.locationRule(id: ids.make("connected", group), resource: group, rule: rule))
        }
        note(
            files.haCF, ipfail.line, .changed,
            "ipfail moved resources to the node that heard more ping nodes; exported as Pacemaker's usual rule: never run where no ping node answers")
    }

    /// What has no place in a Pacemaker configuration: respawned programs, the heartbeat media.
    mutating func noteDaemonsAndMedia() {
        let cf = config.haCF
        for child in cf.respawn where child.command.first?.hasSuffix("/ipfail") != true {
            let command = child.command.joined(separator: " ")
            note(
                files.haCF, child.line, .notExported,
                "\(child.failfast ? "failfast" : "respawn") \(child.user) \(command): run it as a systemd service (Restart=always), or as an ocf:heartbeat:anything resource"
            )
        }
        if let medium = cf.media.first {
            note(
                files.haCF, medium.line, .changed,
                "heartbeat media (\(Array(Set(cf.media.map(\.typeName))).sorted().joined(separator: ", "))) become corosync knet links: set each node's ring0_addr in corosync.conf"
            )
        }
    }
}
