/// Parses the human tables of DRBD 8.x: `drbd-overview` and `/etc/init.d/drbd status`.
///
/// Rows are `<minor>:<resource>[/<volume>] <cs> <role>/<peer-role> <disk>/<peer-disk> ...`; a row
/// may wrap onto an indented second line (drbd-overview), trailing columns (protocol, flags,
/// mount point and usage) are ignored, and `??not-found??` means the minor has no configured
/// resource (named `drbd<minor>`). The init script's header lines (`drbd driver loaded OK`,
/// the `/proc/drbd` version lines and the `m:res cs ro ds p` heading) are recognised.
/// These tables are meant for people; prefer any other source when there is one.
public enum DRBDLegacyTableParser {
    /// Parses either table.
    public static func parse(_ text: String) -> DRBDParseResult {
        var status = DRBDStatus()
        var problems: [DRBDParseProblem] = []
        var row: (line: Int, words: [Substring])?
        func finish() {
            guard let (number, words) = row else { return }
            row = nil
            guard words.count >= 2, let colon = words[0].firstIndex(of: ":"),
                let minor = Int(words[0][..<colon])
            else {
                problems.append(DRBDParseProblem(line: number, message: "malformed row", text: words.joined(separator: " ")))
                return
            }
            let (resourceName, volumeText) = DRBDText.pair(words[0][words[0].index(after: colon)...])
            let name = resourceName.isEmpty || resourceName.hasPrefix("??") ? "drbd\(minor)" : String(resourceName)
            let roles = words.count > 2 ? DRBDText.pair(words[2]) : nil
            let disks = words.count > 3 ? DRBDText.pair(words[3]) : nil
            var resource = DRBDResource.legacy(
                name: name, minor: minor, volume: volumeText.flatMap { Int($0) } ?? 0, connectionState: String(words[1]),
                role: roles.map { String($0.0) }, peerRole: roles?.1.map(String.init), disk: disks.map { String($0.0) },
                peerDisk: disks?.1.map(String.init))
            if words.count > 4, ["A", "B", "C"].contains(words[4]), !resource.connections.isEmpty {
                resource.connections[0].replicationProtocol = String(words[4])
            }
            if words[1] != "Unconfigured", roles == nil || disks == nil {
                problems.append(DRBDParseProblem(line: number, message: "row without roles or disk states", text: words.joined(separator: " ")))
            }
            if let index = status.resourceIndex(named: name), resource.devices.first?.volume != 0 {
                status.resources[index].devices += resource.devices
                if !status.resources[index].connections.isEmpty, let peer = resource.connections.first?.peerDevices.first {
                    status.resources[index].connections[0].peerDevices.append(peer)
                }
            } else {
                status.resources.append(resource)
            }
        }
        for (offset, line) in DRBDText.lines(text).enumerated() {
            let trimmed = DRBDText.trimming(line)
            if trimmed.isEmpty { continue }
            let words = DRBDText.words(trimmed)
            if trimmed.hasPrefix("version:") {
                finish()
                status.module = DRBDModuleVersion(versionLine: trimmed)
            } else if DRBDProcParser.isBuildLine(trimmed) {
                status.module = status.module ?? DRBDModuleVersion(release: "")
                status.module?.build = String(trimmed)
            } else if trimmed.hasPrefix("drbd driver") || trimmed.hasPrefix("m:res") {
                finish()
            } else if DRBDText.indent(line) == 0, let first = words.first, let colon = first.firstIndex(of: ":"),
                Int(first[..<colon]) != nil
            {
                finish()
                row = (offset + 1, words)
            } else if DRBDText.indent(line) > 0, row != nil {
                row!.words += words
            } else if DRBDText.indent(line) > 0, words == ["mounted", "fstype"] {
                continue  // the init script's heading wraps in narrow terminals
            } else {
                problems.append(DRBDParseProblem(line: offset + 1, message: "unrecognised line", text: line))
            }
        }
        finish()
        return DRBDParseResult(status: status, problems: problems)
    }
}
