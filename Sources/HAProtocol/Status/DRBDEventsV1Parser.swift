/// Folds DRBD 8.x `drbdsetup <dev> events` (version 1) lines into a status.
///
/// Lines: `<seq> ST <minor>[,<res>[<vol>]] { cs:.. ro:../.. ds:../.. flags }` (current state;
/// `ST-new` is the state after a change, `ST-prev` the one before and is skipped),
/// `<seq> UH <minor>[,...] <helper>` (helper called; `split-brain` marks the connection
/// `splitBrainReported`), `<seq> UH-post ... <helper> 0x<code>` and `<seq> SP <minor>[,...] <pct>`
/// (resync progress).
public enum DRBDEventsV1Parser {
    /// Parses a capture of the stream.
    public static func parse(_ text: String) -> DRBDParseResult {
        var status = DRBDStatus()
        var problems: [DRBDParseProblem] = []
        for (offset, line) in DRBDText.lines(text).enumerated() where !DRBDText.trimming(line).isEmpty {
            if let problem = apply(line, to: &status) {
                problems.append(DRBDParseProblem(line: offset + 1, message: problem, text: line))
            }
        }
        return DRBDParseResult(status: status, problems: problems)
    }

    /// Applies one line; returns what was wrong with it, if anything.
    static func apply(_ line: Substring, to status: inout DRBDStatus) -> String? {
        let words = DRBDText.words(line)
        guard words.count >= 3, UInt64(words[0]) != nil else { return "expected <seq> <type> <minor>" }
        guard let (minor, name, volume) = identity(words[2]) else { return "malformed device identity" }
        switch words[1] {
        case "ST", "ST-new":
            guard let open = words.firstIndex(of: "{") else { return "state without { }" }
            var fields: [Substring: Substring] = [:]
            for word in words[(open + 1)...] where word != "}" {
                if let (key, value) = DRBDText.keyValue(word) { fields[key] = value }
            }
            guard let cs = fields["cs"] else { return "state without cs:" }
            let roles = fields["ro"].map(DRBDText.pair)
            let disks = fields["ds"].map(DRBDText.pair)
            var resource = DRBDResource.legacy(
                name: name, minor: minor, volume: volume, connectionState: String(cs), role: roles.map { String($0.0) },
                peerRole: roles?.1.map(String.init), disk: disks.map { String($0.0) }, peerDisk: disks?.1.map(String.init))
            if let index = status.resourceIndex(named: name) {
                // Keep what the new state line does not carry: the split-brain mark and progress.
                let old = status.resources[index]
                if let oldConnection = old.connections.first, !resource.connections.isEmpty {
                    resource.connections[0].splitBrainReported = oldConnection.splitBrainReported
                    if resource.connections[0].peerDevices.first?.replication.isResyncing == true {
                        resource.connections[0].peerDevices[0].sync = oldConnection.peerDevices.first?.sync
                    }
                }
                status.resources[index] = resource
            } else {
                status.resources.append(resource)
            }
        case "ST-prev", "UH-post":
            break
        case "UH":
            guard words.count >= 4 else { return "helper call without helper name" }
            if words[3] == "split-brain" {
                let index = status.resourceIndexCreatingIfMissing(named: name)
                if status.resources[index].connections.isEmpty {
                    status.resources[index].connections.append(DRBDConnection())
                }
                status.resources[index].connections[0].splitBrainReported = true
            }
        case "SP":
            guard words.count >= 4, let percent = DRBDText.decimal(words[3]) else { return "progress without percent" }
            let index = status.resourceIndexCreatingIfMissing(named: name)
            if status.resources[index].connections.isEmpty {
                status.resources[index].connections.append(DRBDConnection())
            }
            let peer = status.resources[index].connections[0].peerDeviceIndexCreatingIfMissing(volume: volume)
            status.resources[index].connections[0].peerDevices[peer].sync = DRBDSyncProgress(percentDone: percent)
        default:
            return "unknown event type"
        }
        return nil
    }

    /// `0` or `0,r0[0]`: the minor, the resource name (`drbd<minor>` when absent) and the volume.
    static func identity(_ word: Substring) -> (Int, String, Int)? {
        let (minorText, rest) = split(word, at: ",")
        guard let minor = Int(minorText) else { return nil }
        guard let rest, !rest.isEmpty else { return (minor, "drbd\(minor)", 0) }
        let (name, volumeText) = split(rest, at: "[")
        let volume = volumeText.flatMap { Int($0.prefix { $0 != "]" }) } ?? 0
        return (minor, String(name), volume)
    }

    private static func split(_ word: Substring, at separator: Character) -> (Substring, Substring?) {
        guard let index = word.firstIndex(of: separator) else { return (word, nil) }
        return (word[..<index], word[word.index(after: index)...])
    }
}
