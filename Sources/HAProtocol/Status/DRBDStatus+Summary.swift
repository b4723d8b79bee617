extension DRBDStatus {
    /// A compact one-line encoding of the resources' states, for a Heartbeat status field.
    ///
    /// Carries, per resource: name, role, I/O suspension; per volume: disk, minor, quorum,
    /// client; per connection: peer name, state, peer role, peer node id, reported split brain;
    /// per peer volume: replication, peer disk, out-of-sync KiB and sync progress. Counters,
    /// module version and other details are left out. Grammar (names and unknown state words are
    /// percent-escaped, so only `[A-Za-z0-9._+-]`, `%` and the separators below appear: never a
    /// space, `,`, `=`, newline or NUL):
    ///
    ///     summary    := "" | resource *(";" resource)
    ///     resource   := name ":" role [":s0" | ":s1"] *("|" (device | connection))
    ///     device     := "v" volume ":" disk *(":" ("m" minor | "q0" | "q1" | "c0" | "c1"))
    ///     connection := "@" (name | "~") ":" state ":" peerRole *(":" ("n" id | "!")) *("/" peerVolume)
    ///     peerVolume := volume ":" replication ":" peerDisk *(":" option)
    ///     option     := "o" oosKiB | "y" | "p" percent | "r" leftKiB | "t" totalKiB | "e" etaSeconds
    ///                 | "s" KiB/s | "a" avgKiB/s | "w" wantKiB/s | "x" (stalled) | "V" (verify)
    ///
    /// `~` is a connection without a name, `y` marks sync progress, `!` a reported split brain.
    /// Example: `r0:Primary|v0:UpToDate:m0|@bravo:Connected:Secondary:n1/0:Established:UpToDate:o0`.
    /// `DRBDStatus(summary:)` decodes it; decoding then encoding gives the same text back.
    public var summary: String {
        resources.map(Self.summary(of:)).joined(separator: ";")
    }

    private static func summary(of resource: DRBDResource) -> String {
        var header = [escape(resource.name), escape(resource.role.spelling)]
        if let suspended = resource.ioSuspended { header.append(suspended ? "s1" : "s0") }
        var parts = [header.joined(separator: ":")]
        for device in resource.devices {
            var fields = ["v\(device.volume)", escape(device.disk.spelling)]
            if let minor = device.minor { fields.append("m\(minor)") }
            if let quorum = device.hasQuorum { fields.append(quorum ? "q1" : "q0") }
            if let client = device.isClient { fields.append(client ? "c1" : "c0") }
            parts.append(fields.joined(separator: ":"))
        }
        for connection in resource.connections {
            var fields = ["@" + (connection.name.map(escape) ?? "~"), escape(connection.state.spelling), escape(connection.peerRole.spelling)]
            if let id = connection.peerNodeID { fields.append("n\(id)") }
            if connection.splitBrainReported { fields.append("!") }
            var text = fields.joined(separator: ":")
            for peer in connection.peerDevices {
                text += "/" + summary(of: peer)
            }
            parts.append(text)
        }
        return parts.joined(separator: "|")
    }

    private static func summary(of peer: DRBDPeerDevice) -> String {
        var fields = ["\(peer.volume)", escape(peer.replication.spelling), escape(peer.peerDisk.spelling)]
        if let oos = peer.outOfSyncKiB { fields.append("o\(oos)") }
        if let sync = peer.sync {
            fields.append("y")
            if let value = sync.percentDone { fields.append("p\(value)") }
            if let value = sync.remainingKiB { fields.append("r\(value)") }
            if let value = sync.totalKiB { fields.append("t\(value)") }
            if let value = sync.etaSeconds { fields.append("e\(value)") }
            if let value = sync.speedKiBPerSecond { fields.append("s\(value)") }
            if let value = sync.averageKiBPerSecond { fields.append("a\(value)") }
            if let value = sync.wantKiBPerSecond { fields.append("w\(value)") }
            if sync.isStalled { fields.append("x") }
            if sync.isVerify { fields.append("V") }
        }
        return fields.joined(separator: ":")
    }

    /// Decodes a `summary`; throws a problem naming the offending part when it is malformed.
    ///
    /// The result holds only what the summary carries (no module version, no counters).
    public init(summary: String) throws(DRBDParseProblem) {
        self.init()
        guard !summary.isEmpty else { return }
        for text in summary.split(separator: ";", omittingEmptySubsequences: false) {
            resources.append(try Self.resource(fromSummary: text))
        }
    }

    private static func resource(fromSummary text: Substring) throws(DRBDParseProblem) -> DRBDResource {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        let header = parts[0].split(separator: ":", omittingEmptySubsequences: false)
        guard header.count >= 2, header.count <= 3 else { throw bad("resource header", parts[0]) }
        var resource = DRBDResource(name: try unescape(header[0]), role: DRBDRole(spelling: try unescape(header[1])))
        if header.count == 3 {
            guard header[2] == "s0" || header[2] == "s1" else { throw bad("resource option", header[2]) }
            resource.ioSuspended = header[2] == "s1"
        }
        for part in parts.dropFirst() {
            if part.hasPrefix("v") {
                resource.devices.append(try device(fromSummary: part))
            } else if part.hasPrefix("@") {
                resource.connections.append(try connection(fromSummary: part.dropFirst()))
            } else {
                throw bad("resource part", part)
            }
        }
        return resource
    }

    private static func device(fromSummary text: Substring) throws(DRBDParseProblem) -> DRBDDevice {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count >= 2, let volume = Int(fields[0].dropFirst()) else { throw bad("device", text) }
        var device = DRBDDevice(volume: volume, disk: DRBDDiskState(spelling: try unescape(fields[1])))
        for field in fields.dropFirst(2) {
            switch field.first {
            case "m": device.minor = try number(field)
            case "q" where field == "q0" || field == "q1": device.hasQuorum = field == "q1"
            case "c" where field == "c0" || field == "c1": device.isClient = field == "c1"
            default: throw bad("device option", field)
            }
        }
        return device
    }

    private static func connection(fromSummary text: Substring) throws(DRBDParseProblem) -> DRBDConnection {
        let items = text.split(separator: "/", omittingEmptySubsequences: false)
        let fields = items[0].split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count >= 3 else { throw bad("connection", items[0]) }
        var connection = DRBDConnection(
            name: fields[0] == "~" ? nil : try unescape(fields[0]),
            state: DRBDConnectionState(spelling: try unescape(fields[1])),
            peerRole: DRBDRole(spelling: try unescape(fields[2])))
        for field in fields.dropFirst(3) {
            switch field.first {
            case "n": connection.peerNodeID = try number(field)
            case "!" where field.count == 1: connection.splitBrainReported = true
            default: throw bad("connection option", field)
            }
        }
        for item in items.dropFirst() {
            connection.peerDevices.append(try peerDevice(fromSummary: item))
        }
        return connection
    }

    private static func peerDevice(fromSummary text: Substring) throws(DRBDParseProblem) -> DRBDPeerDevice {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count >= 3, let volume = Int(fields[0]) else { throw bad("peer volume", text) }
        var peer = DRBDPeerDevice(
            volume: volume, replication: DRBDReplicationState(spelling: try unescape(fields[1])),
            peerDisk: DRBDDiskState(spelling: try unescape(fields[2])))
        var sync: DRBDSyncProgress?
        for field in fields.dropFirst(3) {
            if field.first == "o" {
                peer.outOfSyncKiB = try number(field)
                continue
            }
            var progress = sync ?? DRBDSyncProgress()
            switch field.first {
            case "y" where field.count == 1: break
            case "p":
                guard let value = DRBDText.decimal(field.dropFirst()) ?? Double(String(field.dropFirst())), value.isFinite
                else { throw bad("percent", field) }
                progress.percentDone = value
            case "r": progress.remainingKiB = try number(field)
            case "t": progress.totalKiB = try number(field)
            case "e": progress.etaSeconds = try number(field)
            case "s": progress.speedKiBPerSecond = try number(field)
            case "a": progress.averageKiBPerSecond = try number(field)
            case "w": progress.wantKiBPerSecond = try number(field)
            case "x" where field.count == 1: progress.isStalled = true
            case "V" where field.count == 1: progress.isVerify = true
            default: throw bad("peer volume option", field)
            }
            sync = progress
        }
        peer.sync = sync
        return peer
    }

    private static func number<T: FixedWidthInteger>(_ field: Substring) throws(DRBDParseProblem) -> T {
        guard let value = T(field.dropFirst()) else { throw bad("number", field) }
        return value
    }

    private static func bad(_ what: String, _ text: Substring) -> DRBDParseProblem {
        DRBDParseProblem(line: 0, message: "malformed summary \(what)", text: text)
    }

    /// Bytes other than `[A-Za-z0-9._+-]` become `%XX`.
    static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isPlain(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func unescape(_ text: Substring) throws(DRBDParseProblem) -> String {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if isPlain(byte) {
                bytes.append(byte)
                continue
            }
            guard byte == UInt8(ascii: "%"), let high = iterator.next().flatMap(hexValue),
                let low = iterator.next().flatMap(hexValue)
            else { throw bad("escape", text) }
            bytes.append(high << 4 | low)
        }
        guard let string = String(validating: bytes, as: UTF8.self) else { throw bad("UTF-8", text) }
        return string
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
