/// Parses `/proc/drbd` of every DRBD generation into a `DRBDStatus`.
///
/// Handles DRBD 8.0 (`st:`), 8.2 to 8.4 (`ro:`), 4 to 6 flag characters, a blank protocol,
/// `cs:Unconfigured` minors, minors of any width, blank lines anywhere, the tab-indented resync
/// and verify progress lines (`sync'ed:`/`verified:`, K/M units, `stalled`), DRBD 9's
/// version-only form, 9.x `(compat 8.4)` blocks and DRBD 9 debugfs `proc_drbd` blocks (whose
/// `cs:` is a replication state and whose `pe:`/`ap:` are bracketed pairs). Unknown lines and
/// tokens are reported as problems, never fatal.
public enum DRBDProcParser {
    /// Parses the text of `/proc/drbd`.
    ///
    /// - Parameter resourceNames: maps a minor to its resource name (from the configuration or
    ///   `drbdadm sh-minor`); unmapped minors are named `drbd<minor>`.
    public static func parse(_ text: String, resourceNames: [Int: String] = [:]) -> DRBDParseResult {
        var status = DRBDStatus()
        var problems: [DRBDParseProblem] = []
        var current: Int?  // index of the resource of the block being read
        for (offset, line) in DRBDText.lines(text).enumerated() {
            let number = offset + 1
            let trimmed = DRBDText.trimming(line)
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("version:") {
                guard let version = DRBDModuleVersion(versionLine: trimmed) else {
                    problems.append(DRBDParseProblem(line: number, message: "malformed version line", text: line))
                    continue
                }
                status.module = version
                current = nil
            } else if isBuildLine(trimmed) {
                status.module = status.module ?? DRBDModuleVersion(release: "")
                status.module?.build = String(trimmed)
            } else if trimmed.hasPrefix("Transports") {
                status.module = status.module ?? DRBDModuleVersion(release: "")
                if let colon = trimmed.firstIndex(of: ":"),
                    let close = trimmed[colon...].firstIndex(of: ")")
                {
                    let rest = trimmed[trimmed.index(after: close)...]
                    status.module?.transports = String(DRBDText.trimming(rest.drop { $0 == ":" }))
                }
            } else if let minor = minorNumber(trimmed) {
                let name = resourceNames[minor] ?? "drbd\(minor)"
                let (resource, headProblems) = parseHead(trimmed, name: name, minor: minor, line: number)
                problems += headProblems
                status.resources.append(resource)
                current = status.resources.count - 1
            } else if let current {
                if let problem = applyDetail(trimmed, to: &status.resources[current], line: number) {
                    problems.append(problem)
                }
            } else {
                problems.append(DRBDParseProblem(line: number, message: "unrecognised line", text: line))
            }
        }
        return DRBDParseResult(status: status, problems: problems)
    }

    static func isBuildLine(_ line: Substring) -> Bool {
        ["GIT-hash:", "srcversion:", "built-in", "SVN Revision:", "reproducible build"].contains { line.hasPrefix($0) }
    }

    /// The minor of a block head (`0: cs:...`, `147: cs:...`), nil for any other line.
    static func minorNumber(_ line: Substring) -> Int? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let digits = line[..<colon]
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// Reads `N: cs:<c> ro:<r>/<r> ds:<d>/<d> [A|B|C] <flags>` into a one-minor resource.
    static func parseHead(
        _ line: Substring, name: String, minor: Int, line number: Int
    ) -> (DRBDResource, [DRBDParseProblem]) {
        var problems: [DRBDParseProblem] = []
        var cs: String?
        var roles: (Substring, Substring?)?
        var disks: (Substring, Substring?)?
        var proto: String?
        var flags: String?
        for word in DRBDText.words(line).dropFirst() {
            if let (key, value) = DRBDText.keyValue(word) {
                switch key {
                case "cs": cs = String(value)
                case "ro", "st": roles = DRBDText.pair(value)
                case "ds": disks = DRBDText.pair(value)
                default: problems.append(DRBDParseProblem(line: number, message: "unknown field", text: word))
                }
            } else if word == "A" || word == "B" || word == "C" {
                proto = String(word)
            } else if word.count <= 8, word.allSatisfy({ "rsapudbn-".contains($0) }) {
                flags = String(word)
            } else {
                problems.append(DRBDParseProblem(line: number, message: "unknown token", text: word))
            }
        }
        guard let cs else {
            problems.append(DRBDParseProblem(line: number, message: "block without cs:", text: line))
            return (DRBDResource(name: name, devices: [DRBDDevice(volume: 0, minor: minor)]), problems)
        }
        var resource = DRBDResource.legacy(
            name: name, minor: minor, connectionState: cs, role: roles.map { String($0.0) },
            peerRole: roles?.1.map(String.init), disk: disks.map { String($0.0) }, peerDisk: disks?.1.map(String.init))
        if cs != "Unconfigured", roles == nil || disks == nil {
            problems.append(DRBDParseProblem(line: number, message: "block without ro: or ds:", text: line))
        }
        resource.devices[0].flags = flags
        resource.connections[0].replicationProtocol = proto
        if let flags {
            let characters = Array(flags)
            resource.ioSuspended = characters.first == "s"
            var reasons: [String] = []
            if characters.count > 1, characters[1] == "a" { reasons.append("dependency") }
            if characters.count > 2, characters[2] == "p" { reasons.append("peer") }
            if characters.count > 3, characters[3] == "u" { reasons.append("user") }
            if !resource.connections[0].peerDevices.isEmpty {
                resource.connections[0].peerDevices[0].resyncSuspendedReasons = reasons
            }
        }
        return (resource, problems)
    }

    /// Applies a counters or progress line to the current block; returns a problem when unknown.
    static func applyDetail(_ line: Substring, to resource: inout DRBDResource, line number: Int) -> DRBDParseProblem? {
        let hasPeer = !resource.connections.isEmpty && !resource.connections[0].peerDevices.isEmpty
        if line.hasPrefix("[") || line.contains("sync'ed:") || line.contains("verified:") || line.hasPrefix("finish:")
            || line == "stalled" || isOldVerifyLine(line)
        {
            guard hasPeer else { return DRBDParseProblem(line: number, message: "progress without a peer", text: line) }
            var sync = resource.connections[0].peerDevices[0].sync ?? DRBDSyncProgress()
            let understood = sync.applyProcLine(line)
            resource.connections[0].peerDevices[0].sync = sync
            return understood ? nil : DRBDParseProblem(line: number, message: "malformed progress line", text: line)
        }
        for prefix in ["resync:", "act_log:", "blocked on", "al-extents", "sector pos"] where line.hasPrefix(prefix) {
            return nil  // LRU and detail statistics the model does not keep
        }
        let pairs = DRBDText.words(line).compactMap(DRBDText.keyValue)
        guard !pairs.isEmpty else { return DRBDParseProblem(line: number, message: "unrecognised line", text: line) }
        var malformed: [Substring] = []
        for (key, value) in pairs {
            let amount = DRBDText.unsigned(value)
            switch key {
            case "ns" where hasPeer: resource.connections[0].peerDevices[0].sentKiB = amount
            case "nr" where hasPeer: resource.connections[0].peerDevices[0].receivedKiB = amount
            case "oos" where hasPeer: resource.connections[0].peerDevices[0].outOfSyncKiB = amount
            case "dw" where !resource.devices.isEmpty: resource.devices[0].writtenKiB = amount
            case "dr" where !resource.devices.isEmpty: resource.devices[0].readKiB = amount
            case "wo":
                resource.writeOrdering = String(value)
                continue
            default: continue
            }
            if amount == nil { malformed.append(key) }
        }
        if !malformed.isEmpty {
            return DRBDParseProblem(line: number, message: "malformed counter \(malformed.joined(separator: ", "))", text: line)
        }
        return nil
    }

    /// 8.2 to 8.3.9 print verify progress as one line `<pct>%      <done>/<total>`.
    static func isOldVerifyLine(_ line: Substring) -> Bool {
        guard let first = DRBDText.words(line).first, first.hasSuffix("%") else { return false }
        return DRBDText.decimal(first.dropLast()) != nil
    }
}
