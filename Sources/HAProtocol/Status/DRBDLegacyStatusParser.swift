/// Parses the machine-readable status of DRBD 8.3/8.4 userlands: `drbdadm status` XML and
/// `drbdadm sh-status` shell assignments.
///
/// The XML is not well-formed (bare attribute words such as `suspended`), so it is read
/// leniently, one `<resource .../>` element per line. Both give per-minor `cs`, roles and disk
/// states, resource names, and the resync percentage.
public enum DRBDLegacyStatusParser {
    /// Parses 8.3 `drbdadm status` XML (`<drbd-status>` with one `<resource>` per minor).
    public static func parseXML(_ text: String) -> DRBDParseResult {
        var status = DRBDStatus()
        var problems: [DRBDParseProblem] = []
        for (offset, line) in DRBDText.lines(text).enumerated() {
            let trimmed = DRBDText.trimming(line)
            if trimmed.hasPrefix("<drbd-status") {
                let attributes = xmlAttributes(trimmed)
                var module = DRBDModuleVersion(versionLine: "version: \(attributes["version"] ?? "")") ?? DRBDModuleVersion(release: "")
                module.api = attributes["api"].flatMap { Int($0) }
                status.module = module
            } else if trimmed.hasPrefix("<resource ") {
                let attributes = xmlAttributes(trimmed)
                guard let cs = attributes["cs"] else {
                    problems.append(DRBDParseProblem(line: offset + 1, message: "resource without cs", text: line))
                    continue
                }
                let minor = attributes["minor"].flatMap { Int($0) }
                var resource = DRBDResource.legacy(
                    name: attributes["name"] ?? minor.map { "drbd\($0)" } ?? "", minor: minor, connectionState: cs,
                    role: attributes["ro1"], peerRole: attributes["ro2"], disk: attributes["ds1"], peerDisk: attributes["ds2"])
                if cs != "Unconfigured" {
                    resource.ioSuspended = attributes["suspended"] != nil
                    resource.connections[0].peerDevices[0].resyncSuspendedReasons =
                        [("aftr_isp", "dependency"), ("peer_isp", "peer"), ("user_isp", "user")]
                        .filter { attributes[$0.0] != nil }.map(\.1)
                    if let percent = attributes["resynced_percent"].flatMap({ DRBDText.decimal($0) }) {
                        resource.connections[0].peerDevices[0].sync = DRBDSyncProgress(percentDone: percent)
                    }
                }
                status.resources.append(resource)
            } else if !trimmed.isEmpty, !trimmed.hasPrefix("<resources"), !trimmed.hasPrefix("</") {
                problems.append(DRBDParseProblem(line: offset + 1, message: "unrecognised line", text: line))
            }
        }
        return DRBDParseResult(status: status, problems: problems)
    }

    /// The attributes of one XML start tag; bare words map to themselves.
    static func xmlAttributes(_ tag: Substring) -> [String: String] {
        var attributes: [String: String] = [:]
        var rest = tag.drop { $0 != " " }
        while let start = rest.firstIndex(where: { $0 != " " && $0 != "/" && $0 != ">" }) {
            rest = rest[start...]
            let name = rest.prefix { $0 != "=" && $0 != " " && $0 != ">" && $0 != "/" }
            rest = rest[name.endIndex...]
            guard !name.isEmpty else { break }
            if rest.hasPrefix("=\"") {
                let value = rest.dropFirst(2).prefix { $0 != "\"" }
                attributes[String(name)] = String(value)
                rest = rest.dropFirst(2 + value.count).dropFirst()
            } else {
                attributes[String(name)] = String(name)
            }
        }
        return attributes
    }

    /// Parses `drbdadm sh-status`: `_drbd_version=`, then per minor `_minor= _res_name= _known=
    /// _cstate= _role= _peer= _disk= _pdsk= _flags_susp= ... _resynced_percent=`, each block
    /// ended by `_sh_status_process`.
    public static func parseShStatus(_ text: String) -> DRBDParseResult {
        var status = DRBDStatus()
        var problems: [DRBDParseProblem] = []
        var block: [String: String] = [:]
        func finish() {
            guard let minor = block["_minor"].flatMap({ Int($0) }) else { return }
            let name = block["_res_name"].flatMap { $0.isEmpty ? nil : $0 } ?? "drbd\(minor)"
            let cs = block["_known"] == "Unconfigured" ? "Unconfigured" : (block["_cstate"] ?? "Unconfigured")
            var resource = DRBDResource.legacy(
                name: name, minor: minor, connectionState: cs, role: block["_role"], peerRole: block["_peer"],
                disk: block["_disk"], peerDisk: block["_pdsk"])
            if cs != "Unconfigured" {
                resource.ioSuspended = block["_flags_susp"] == "1"
                resource.connections[0].peerDevices[0].resyncSuspendedReasons =
                    [("_flags_aftr_isp", "dependency"), ("_flags_peer_isp", "peer"), ("_flags_user_isp", "user")]
                    .filter { block[$0.0] == "1" }.map(\.1)
                if let percent = block["_resynced_percent"].flatMap({ DRBDText.decimal($0) }) {
                    resource.connections[0].peerDevices[0].sync = DRBDSyncProgress(percentDone: percent)
                }
            }
            status.resources.append(resource)
            block = [:]
        }
        for (offset, line) in DRBDText.lines(text).enumerated() {
            let trimmed = DRBDText.trimming(line)
            if trimmed.isEmpty { continue }
            if trimmed == "_sh_status_process" {
                finish()
                continue
            }
            guard trimmed.hasPrefix("_"), let equals = trimmed.firstIndex(of: "=") else {
                problems.append(DRBDParseProblem(line: offset + 1, message: "expected _key=value", text: line))
                continue
            }
            let key = String(trimmed[..<equals])
            let value = String(DRBDText.trimming(trimmed[trimmed.index(after: equals)...], " \t\"'"))
            switch key {
            case "_drbd_version":
                status.module = DRBDModuleVersion(versionLine: "version: \(value)") ?? DRBDModuleVersion(release: value)
            case "_drbd_api":
                status.module = status.module ?? DRBDModuleVersion(release: "")
                status.module?.api = Int(value)
            case "_minor":
                finish()
                block[key] = value
            default:
                block[key] = value
            }
        }
        finish()
        return DRBDParseResult(status: status, problems: problems)
    }
}
