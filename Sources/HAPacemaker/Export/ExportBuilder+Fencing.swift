import HAProtocol

extension ExportBuilder {
    /// The parameter names of the usual cluster-glue plugins, in `stonith -p` order, as
    /// `stonith -t TYPE -n` prints them (cluster-glue 1.0.12).
    static let knownStonithParameters: [String: [String]] = [
        "external/ipmi": ["hostname", "ipaddr", "userid", "passwd", "interface"],
        "ipmilan": ["hostname", "ipaddr", "port", "auth", "priv", "login", "password", "reset_method"],
        "null": ["hostlist"], "ssh": ["hostlist"], "external/ssh": ["hostlist"], "meatware": ["hostlist"],
        "suicide": [], "external/libvirt": ["hostlist", "hypervisor_uri", "reboot_method"],
        "apcsmart": ["ttydev", "hostlist"], "rcd_serial": ["hostlist", "ttydev", "dtr_rts", "msduration"],
        "external/rackpdu": ["hostlist", "pduip", "community"], "wti_nps": ["ipaddr", "password"],
    ]

    /// Each `stonith`/`stonith_host` line as a `stonith:` resource running the same plugin
    /// (Pacemaker runs cluster-glue plugins through fence_legacy), banned from the nodes a
    /// host-specific line is not for; `stonith-enabled` says whether any made it.
    mutating func exportFencing() {
        var exported = 0
        for device in config.haCF.stonithDevices {
            guard let parameters = stonithParameters(device) else { continue }
            let primitive = PacemakerPrimitive(
                id: ids.make("fence", device.type.replacingSlashes, device.host == "*" ? "" : device.host), standard: "stonith",
                type: device.type, parameters: parameters,
                operations: [PacemakerOperation(name: "monitor", intervalSeconds: 3600, timeoutSeconds: 60)])
            configuration.resources.append(.primitive(primitive))
            exported += 1
            if device.host != "*" {
                for node in config.haCF.nodes where node != device.host {
                    configuration.constraints.append(
                        .location(id: ids.make("ban", primitive.id, node), resource: primitive.id, node: node, score: "-INFINITY"))
                }
            }
            if device.type == "null" || device.isManual {
                let what = device.isManual ? "meatware still waits for meatclient -c NODE" : "the null plugin resets nothing"
                note(files.haCF, device.line, .changed, "\(device.type) exported as it is: \(what); configure a real fence device")
            }
        }
        configuration.properties.insert(NameValue("stonith-enabled", exported > 0 ? "true" : "false"), at: 0)
        if exported == 0 {
            note(
                files.haCF, 0, .changed,
                "no STONITH device exported: stonith-enabled=false, as unfenced as the pair ran; Pacemaker needs a fence device to recover safely from a node that stops answering"
            )
        }
    }

    /// The plugin's parameters by name, or nil (and a note) when they cannot be named.
    private mutating func stonithParameters(_ device: StonithDevice) -> [NameValue]? {
        switch device.parameters {
        case .file(let path):
            note(
                files.haCF, device.line, .notExported,
                "stonith \(device.type) reads its parameters from \(path): give them by name (stonith -t \(device.type) -n lists the names) in a stonith:\(device.type) resource"
            )
            return nil
        case .positional(let values):
            guard let names = host.stonithParameterNames(device.type) ?? Self.knownStonithParameters[device.type] else {
                note(
                    files.haCF, device.line, .notExported,
                    "unknown STONITH plugin \(device.type): its parameter names are not known here (run stonith -t \(device.type) -n)")
                return nil
            }
            if names.count == 1 { return [NameValue(names[0], values.joined(separator: " "))] }
            guard values.count == names.count else {
                note(
                    files.haCF, device.line, .notExported,
                    "\(device.type) takes \(names.count) parameters (\(names.joined(separator: " "))); the line gives \(values.count)")
                return nil
            }
            return zip(names, values).map { NameValue($0, $1) }
        }
    }
}

extension String {
    /// `external/ipmi` → `external-ipmi`, for IDs.
    fileprivate var replacingSlashes: String { split(separator: "/").joined(separator: "-") }
}
