/// Reads ``PacemakerStatus`` from `crm_mon --output-as=xml` (its `api-version` 2.x) and,
/// optionally, the `<constraints>` of `cibadmin --query --scope constraints`.
///
/// Only the XML is read, never crm_mon's text. A document of another major API version, or one
/// that reports an error (`<status code≠0>`), is refused with crm_mon's own message.
public enum PacemakerStatusParser {
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The API major version this reader knows.
    public static let apiMajor = "2"

    public static func parse(crmMon: [UInt8], constraints: [UInt8]? = nil) throws(Failure) -> PacemakerStatus {
        let root: XMLElementNode
        do { root = try XMLDocumentParser.parse(crmMon) } catch { throw Failure(description: "crm_mon output: \(error)") }
        guard root.name == "pacemaker-result" else { throw Failure(description: "crm_mon output is <\(root.name)>, not <pacemaker-result>") }
        let version = root["api-version"] ?? ""
        guard version.split(separator: ".").first.map(String.init) == apiMajor else {
            throw Failure(description: "crm_mon speaks API \(version.isEmpty ? "(none)" : version); this console reads \(apiMajor).x")
        }
        if let status = root.child("status"), let code = status["code"], code != "0" {
            let errors = root.child("errors")?.children("error").map(\.text) ?? []
            throw Failure(description: "crm_mon: \(([status["message"] ?? "error \(code)"] + errors).joined(separator: ": "))")
        }
        let summary = root.child("summary")
        let dc = summary?.child("current_dc")
        let options = summary?.child("cluster_options")
        var result = PacemakerStatus(
            apiVersion: version, designatedController: dc?.bool("present") == true ? dc?["name"] : nil,
            hasQuorum: dc?.bool("with_quorum") ?? false, stonithEnabled: options?.bool("stonith-enabled") ?? false,
            maintenanceMode: options?.bool("maintenance-mode") ?? false)
        result.nodes = root.child("nodes")?.children("node").compactMap(node) ?? []
        result.resources = root.child("resources")?.children.compactMap(resource) ?? []
        result.failures = root.child("failures")?.children("failure").compactMap(failure) ?? []
        for event in root.child("fence_history")?.children("fence_event") ?? [] {
            guard let target = event["target"], let executor = event["delegate"] ?? event["origin"] else { continue }
            result.fenceEvents.append(
                .init(
                    action: event["action"] ?? "reboot", target: target, executor: executor, status: event["status"] ?? "pending",
                    reason: event["exit-reason"], completed: event["completed"]))
        }
        for ban in root.child("bans")?.children("ban") ?? [] {
            guard let id = ban["id"], let resource = ban["resource"], let node = ban["node"] else { continue }
            result.moveConstraints.append(.init(id: id, resource: resource, node: node, isBan: true))
        }
        if let constraints {
            do { try readConstraints(XMLDocumentParser.parse(constraints), into: &result) } catch {
                throw Failure(description: "cibadmin constraints: \(error)")
            }
        }
        return result
    }

    static func node(_ element: XMLElementNode) -> PacemakerStatus.Node? {
        guard let name = element["name"] else { return nil }
        return PacemakerStatus.Node(
            name: name, online: element.bool("online") ?? false, standby: element.bool("standby") ?? false,
            maintenance: element.bool("maintenance") ?? false, unclean: element.bool("unclean") ?? false,
            pending: element.bool("pending") ?? false, expectedUp: element.bool("expected_up") ?? true)
    }

    static func instance(_ element: XMLElementNode) -> PacemakerStatus.Instance? {
        guard element.name == "resource", let id = element["id"] else { return nil }
        return PacemakerStatus.Instance(
            id: id, agent: element["resource_agent"] ?? "", role: element["role"] ?? "Unknown",
            nodes: element.children("node").compactMap { $0["name"] }, failed: element.bool("failed") ?? false,
            managed: element.bool("managed") ?? true)
    }

    static func resource(_ element: XMLElementNode) -> PacemakerStatus.Resource? {
        switch element.name {
        case "resource": return instance(element).map { .primitive($0) }
        case "group":
            guard let id = element["id"] else { return nil }
            return .group(id: id, managed: element.bool("managed") ?? true, members: element.children.compactMap(instance))
        case "clone":
            guard let id = element["id"] else { return nil }
            // A clone of a group lists its instances as groups: their members count as instances.
            let instances = element.children.flatMap { child in
                child.name == "group" ? child.children.compactMap(instance) : [instance(child)].compactMap { $0 }
            }
            return .clone(id: id, promotable: element.bool("multi_state") ?? false, managed: element.bool("managed") ?? true, instances: instances)
        default: return nil
        }
    }

    static func failure(_ element: XMLElementNode) -> PacemakerStatus.Failure? {
        guard let key = element["op_key"], let node = element["node"] else { return nil }
        let task = element["task"] ?? ""
        // op_key is RESOURCE_TASK_INTERVAL; the resource ID may itself hold '_'.
        let suffix = "_\(task)_\(element["interval"] ?? "0")"
        let resource = key.hasSuffix(suffix) ? String(key.dropLast(suffix.count)) : key
        return PacemakerStatus.Failure(
            resource: resource, node: node, task: task, status: element["exitstatus"] ?? "", reason: element["exitreason"] ?? "",
            when: element["last-rc-change"] ?? "")
    }

    /// Moves and bans (`cli-prefer-…`, `cli-ban-…`) and the plain location preferences.
    static func readConstraints(_ root: XMLElementNode, into status: inout PacemakerStatus) {
        let section = root.name == "constraints" ? root : (root.child("configuration")?.child("constraints") ?? root)
        for location in section.children("rsc_location") {
            guard let id = location["id"], let resource = location["rsc"], let node = location["node"], let score = location["score"] else {
                continue
            }
            if id.hasPrefix("cli-") {
                let isBan = score.hasPrefix("-")
                if !status.moveConstraints.contains(where: { $0.id == id }) {
                    status.moveConstraints.append(.init(id: id, resource: resource, node: node, isBan: isBan))
                }
                continue
            }
            let value = score == "INFINITY" || score == "+INFINITY" ? 1_000_000 : score == "-INFINITY" ? -1_000_000 : Int(score.prefix(12)) ?? 0
            status.preferences[resource, default: []].append(.init(node: node, score: value))
        }
    }
}
