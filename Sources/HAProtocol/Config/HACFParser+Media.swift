extension HACFParser {
    /// The port for a bcast/ucast line: fixed by the first such line, as Heartbeat's plugins read it once.
    mutating func portForBroadcastOrUnicast() -> Int {
        if let port = mediaPort { return port }
        mediaPort = config.udpport
        mediaPortFixedAt = lineNumber
        return config.udpport
    }

    mutating func applyMediaToken(_ name: String, _ token: String) {
        switch name {
        case "bcast":
            let port = portForBroadcastOrUnicast()
            config.media.append(Medium(kind: .bcast, interface: token, port: port, line: lineNumber))
        case "serial":
            guard token.hasPrefix("/") else { return error("serial needs a tty device path such as /dev/ttyS0, not '\(token)'") }
            config.media.append(Medium(kind: .serial, interface: token, port: 0, line: lineNumber))
        default:  // ping, ping6
            if name == "ping", let problem = Self.peerProblem(token) {
                return error("ping: bad address '\(token)': \(problem)")
            }
            config.pingNodes.append(HACF.PingNode(name: token, addresses: [token], line: lineNumber))
        }
    }

    mutating func applyWholeLine(_ name: String, _ rest: String) {
        let fields = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        switch name {
        case "ucast", "ucast6":
            guard let device = fields.first else { return error("\(name) needs an interface and a peer address: '\(lineText)'") }
            guard fields.count >= 2 else {
                return error("\(name) \(device): missing target IP address/hostname: '\(lineText)'")
            }
            if name == "ucast", let problem = Self.peerProblem(fields[1]) {
                return error("ucast \(device): bad peer '\(fields[1])': \(problem)")
            }
            if fields.count > 2 { warning("\(name) takes one peer per line; '\(fields[2...].joined(separator: " "))' is ignored") }
            let port = portForBroadcastOrUnicast()
            let kind: Medium.Kind = name == "ucast" ? .ucast(peer: fields[1]) : .ucast6(peer: fields[1])
            config.media.append(Medium(kind: kind, interface: device, port: port, line: lineNumber))
        case "mcast":
            applyMcast(fields)
        case "mcast6":
            applyMcast6(fields)
        case "ping_group":
            guard fields.count >= 2 else { return error("ping_group needs a name and at least one address: '\(lineText)'") }
            for address in fields[1...] {
                if let problem = Self.peerProblem(address) { return error("ping_group \(fields[0]): bad address '\(address)': \(problem)") }
            }
            config.pingNodes.append(HACF.PingNode(name: fields[0], addresses: Array(fields[1...]), line: lineNumber))
        case "respawn", "failfast":
            guard applyClientChild(name, fields) else { return }
        case "stonith":
            // Heartbeat's messages (spec §1, `stonith`): a type, then its parameter file.
            guard let type = fields.first else { return error("No Stonith type given: '\(lineText)'") }
            guard fields.count >= 2 else { return error("Invalid Stonith config file []: '\(lineText)'") }
            config.stonithDevices.append(StonithDevice(host: "*", type: type, parameters: .file(fields[1]), line: lineNumber))
        case "stonith_host":
            guard let host = fields.first else { return error("No Stonith hostname argument given: '\(lineText)'") }
            guard fields.count >= 2 else { return error("No Stonith type given: '\(lineText)'") }
            config.stonithDevices.append(
                StonithDevice(
                    host: host == "*" ? host : host.lowercased(), type: fields[1], parameters: .positional(Array(fields[2...])),
                    line: lineNumber))
        default:  // apiauth
            guard applyAPIAuth(fields) else { return }
        }
        record(name, rest)
    }

    /// `mcast dev group port ttl loop` with Heartbeat's ranges (source: ttl 0...4, loop 0 or 1).
    mutating func applyMcast(_ fields: [String]) {
        let names = ["interface", "mcast address", "port", "ttl", "loop"]
        guard fields.count >= 5 else {
            let device = fields.first ?? "?"
            return error("mcast \(device): missing \(names[max(fields.count, 1)]) (mcast dev group port ttl loop): '\(lineText)'")
        }
        let device = fields[0]
        var ok = true
        let group = IPv4Address(fields[1])
        if group?.isMulticast != true {
            error("mcast \(device): bad address '\(fields[1])': a multicast group must be in 224.0.0.0/4, e.g. 239.0.0.1")
            ok = false
        }
        let port = Int(fields[2]) ?? 0
        if !(1...65535).contains(port) {
            error("mcast \(device): bad port '\(fields[2])'")
            ok = false
        }
        let ttl = Int(fields[3]) ?? -1
        if !(0...4).contains(ttl) {
            error("mcast \(device): bad ttl '\(fields[3])': Heartbeat 3.0.6 accepts 0-4 (its man page says 0-255, its code refuses more than 4)")
            ok = false
        }
        if fields[4] != "0" && fields[4] != "1" {
            error("mcast \(device): bad loop '\(fields[4])': must be 0 or 1")
            ok = false
        }
        if ok, let group {
            config.media.append(
                Medium(
                    kind: .mcast(group: group, port: port, ttl: ttl, loop: fields[4] == "1"), interface: device,
                    port: port, line: lineNumber))
        }
    }

    mutating func applyMcast6(_ fields: [String]) {
        guard fields.count >= 5 else { return error("mcast6 needs 'dev group port hops loop': '\(lineText)'") }
        guard fields[1].lowercased().hasPrefix("ff") else {
            return error("mcast6 \(fields[0]): bad address '\(fields[1])': an IPv6 multicast group starts with ff")
        }
        guard let port = Int(fields[2]), (1...65535).contains(port) else { return error("mcast6 \(fields[0]): bad port '\(fields[2])'") }
        guard let hops = Int(fields[3]), (0...4).contains(hops) else { return error("mcast6 \(fields[0]): bad hops '\(fields[3])' (0-4)") }
        guard fields[4] == "0" || fields[4] == "1" else { return error("mcast6 \(fields[0]): bad loop '\(fields[4])' (0 or 1)") }
        config.media.append(
            Medium(
                kind: .mcast6(group: fields[1], port: port, hops: hops, loop: fields[4] == "1"), interface: fields[0],
                port: port, line: lineNumber))
    }

    /// Why `text` cannot name a ucast peer or a ping node, or nil when it can.
    ///
    /// Heartbeat resolves these with `gethostbyname` at start (spec §1.3 ucast), so host names
    /// stay allowed. But its resolver also takes `192.0.2` as 192.0.0.2 and `1234` as 0.0.4.210,
    /// and fails at start on `192.0.2.311`: anything that looks like a number must be a strict
    /// dotted quad (``IPv4Address``). A host name is labels of ASCII letters, digits and `-`
    /// (1–63 characters, no `-` at either end, 253 in all), not all digits, and when dotted its
    /// last label begins with a letter (no top-level domain is numeric, RFC 3696 §2).
    static func peerProblem(_ text: String) -> String? {
        if IPv4Address(text) != nil { return nil }
        let problem = "not an IPv4 address (four numbers 0-255) nor a host name"
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...253).contains(text.utf8.count), labels.allSatisfy(Self.isHostLabel) else { return problem }
        guard let last = labels.last, labels.count == 1 ? last.contains(where: \.isLetter) : last.first?.isLetter == true else { return problem }
        return nil
    }

    static func isHostLabel(_ label: Substring) -> Bool {
        (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
            && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}
