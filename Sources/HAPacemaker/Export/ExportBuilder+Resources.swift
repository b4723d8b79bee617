import HAProtocol

/// What one haresources token becomes.
enum MappedResource {
    case primitive(PacemakerPrimitive)
    /// `drbddisk::NAME`: a promotable clone, made by the group that holds it.
    case drbd(String)
    case notExported(String)
}

extension ExportBuilder {
    /// The resource-agents that Heartbeat's `resource.d/` wrappers call, with the OCF
    /// parameters their positional arguments become (the wrappers' `OCF_RESKEY_` lines), and
    /// how many arguments a wrapper needs at least.
    static let wrappedAgents: [String: (parameters: [String], required: Int, monitor: Int)] = [
        "Filesystem": (["device", "directory", "fstype", "options"], 2, 20),
        "MailTo": (["email", "subject"], 1, 30),
        "IPsrcaddr": (["ipaddress"], 1, 10),
        "Delay": (["startdelay", "stopdelay"], 0, 30),
        "apache": (["configfile"], 0, 10),
        "Xinetd": (["service"], 1, 10),
        "portblock": (["protocol", "portno", "action"], 3, 10),
        "LVM": (["volgrpname"], 1, 10),
        "Raid1": (["raidconf", "raiddev"], 2, 10),
    ]

    /// The Pacemaker resource for one haresources token.
    mutating func map(_ resource: ResourceSpec) -> MappedResource {
        let script = resource.script
        let arguments = resource.arguments
        switch script {
        case "IPaddr", "IPaddr2":
            guard let address = resource.address else { return .notExported("no IPv4 address to export (\(script) needs ip[/bits[/nic]])") }
            return .primitive(addressPrimitive(address, script: script))
        case "drbddisk":
            guard let name = arguments.first, arguments.count == 1, name != "all" else {
                return .notExported(
                    "drbddisk without one resource name manages every DRBD resource; ocf:linbit:drbd needs one name per clone: write drbddisk::NAME for each"
                )
            }
            return .drbd(name)
        case "SendArp":
            let parts = arguments.first?.split(separator: "/").map(String.init) ?? []
            guard arguments.count == 1, parts.count == 2 else { return .notExported("SendArp needs one argument ip/nic") }
            return .primitive(agent("SendArp", id: ids.make("arp", parts[0]), [NameValue("ip", parts[0]), NameValue("nic", parts[1])], monitor: 10))
        case "AudibleAlarm":
            return .primitive(
                agent(
                    "AudibleAlarm", id: ids.make("alarm"), arguments.isEmpty ? [] : [NameValue("nodelist", arguments.joined(separator: " "))],
                    monitor: 30))
        default:
            if let wrapped = Self.wrappedAgents[script] {
                guard arguments.count >= wrapped.required, arguments.count <= wrapped.parameters.count else {
                    return .notExported(
                        "\(script) takes \(wrapped.required)–\(wrapped.parameters.count) arguments (\(wrapped.parameters.joined(separator: ", "))); the line gives \(arguments.count)"
                    )
                }
                let parameters = zip(wrapped.parameters, arguments).map { NameValue($0, $1) }
                let id = ids.make(script.lowercased(), arguments.first.map { ($0 as String).split(separator: "/").last.map(String.init) ?? $0 } ?? "")
                var primitive = agent(script, id: id, parameters, monitor: wrapped.monitor)
                if script == "Filesystem" {
                    primitive.operations = [
                        PacemakerOperation(name: "monitor", intervalSeconds: 20, timeoutSeconds: 40),
                        PacemakerOperation(name: "start", intervalSeconds: 0, timeoutSeconds: 60),
                        PacemakerOperation(name: "stop", intervalSeconds: 0, timeoutSeconds: 60),
                    ]
                }
                return .primitive(primitive)
            }
            return mapScript(resource)
        }
    }

    /// A script that is not a resource-agents wrapper: an init script without arguments is an
    /// `lsb:` resource; anything with arguments has no Pacemaker class left to run it.
    private mutating func mapScript(_ resource: ResourceSpec) -> MappedResource {
        let script = resource.script
        guard !script.isEmpty, !script.contains("/"), !script.contains(":"), !script.contains("=") else {
            return .notExported("'\(script)' is not a script name Pacemaker can run")
        }
        guard resource.arguments.isEmpty else {
            return .notExported(
                "Pacemaker has no class for Heartbeat resource scripts with arguments (removed in Pacemaker 2.0): write an OCF agent, or an init script that needs none"
            )
        }
        if host.isHeartbeatScript(script) {
            note(
                files.haResources, resource.line, .changed,
                "\(script) is a resource.d script: Pacemaker runs lsb:\(script) from /etc/init.d, so install it there; its status must exit 3 when stopped (LSB), where Heartbeat read the words 'running' or 'OK'"
            )
        }
        return .primitive(
            PacemakerPrimitive(
                id: ids.make("svc", script), standard: "lsb", type: script,
                operations: [PacemakerOperation(name: "monitor", intervalSeconds: 15, timeoutSeconds: 15)]))
    }

    /// `IPaddr::192.0.2.100/24/eth0:vip` → `ocf:heartbeat:IPaddr2` (IPaddr's replacement, which
    /// takes the same address, prefix, interface and label).
    private mutating func addressPrimitive(_ address: IPAddressArgument, script: String) -> PacemakerPrimitive {
        var parameters = [NameValue("ip", address.address.description)]
        if let bits = address.prefixLength { parameters.append(NameValue("cidr_netmask", "\(bits)")) }
        if let nic = address.interface { parameters.append(NameValue("nic", nic)) }
        if let label = address.label { parameters.append(NameValue("iflabel", label)) }
        if let broadcast = address.broadcast { parameters.append(NameValue("broadcast", broadcast.description)) }
        return agent("IPaddr2", id: ids.make("ip", address.address.description), parameters, monitor: 10)
    }

    /// An `ocf:heartbeat:` primitive with one monitor (timeout twice the interval).
    private func agent(_ type: String, id: String, _ parameters: [NameValue], monitor: Int) -> PacemakerPrimitive {
        PacemakerPrimitive(
            id: id, standard: "ocf", provider: "heartbeat", type: type, parameters: parameters,
            operations: [PacemakerOperation(name: "monitor", intervalSeconds: monitor, timeoutSeconds: 2 * monitor)])
    }
}
