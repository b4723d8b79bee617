import HAProtocol

extension ExportBuilder {
    /// Each haresources line: its DRBD disks as promotable clones, the rest as one group in the
    /// same order, on the preferred node, after and with the disks' Promoted instances.
    mutating func exportGroups() {
        for group in config.haResources.groups {
            var members: [PacemakerPrimitive] = []
            var disks: [(clone: String, resource: ResourceSpec)] = []
            for resource in group.resources {
                switch map(resource) {
                case .primitive(let primitive): members.append(primitive)
                case .drbd(let name):
                    if !members.isEmpty {
                        note(
                            files.haResources, resource.line, .changed,
                            "\(resource.text) follows \(members.map(\.id).joined(separator: ", ")) on its line; under Pacemaker the whole group starts after the DRBD disk is promoted"
                        )
                    }
                    disks.append((exportDRBD(name), resource))
                case .notExported(let reason): note(files.haResources, resource.line, .notExported, "\(resource.text): \(reason)")
                }
            }
            placeGroup(group, members: members, disks: disks.map(\.clone))
        }
    }

    /// The group resource and its constraints; a line with only DRBD disks puts their Promoted
    /// instance on the preferred node instead.
    private mutating func placeGroup(_ group: ResourceGroup, members: [PacemakerPrimitive], disks: [String]) {
        let score = "\(PacemakerExport.preferredNodeScore)"
        guard !members.isEmpty else {
            for clone in disks {
                configuration.constraints.append(
                    .location(id: ids.make("prefer", clone, group.node), resource: clone, node: group.node, score: score, role: "Promoted"))
                groupIDs.append(clone)
            }
            if disks.isEmpty { note(files.haResources, group.line, .notExported, "the line for \(group.node) has no resource left to export") }
            return
        }
        let id = ids.make("group", members[0].id)
        configuration.resources.append(.group(id: id, members: members))
        groupIDs.append(id)
        configuration.constraints.append(.location(id: ids.make("prefer", id, group.node), resource: id, node: group.node, score: score))
        for clone in disks {
            configuration.constraints.append(
                .colocation(id: ids.make(id, "with", clone), resource: id, with: clone, withRole: "Promoted", score: "INFINITY"))
            configuration.constraints.append(
                .order(id: ids.make(clone, "before", id), first: clone, firstAction: "promote", then: id, thenAction: "start"))
        }
    }

    /// `drbddisk::R` → a promotable `ocf:linbit:drbd` clone of R (one per DRBD resource).
    private mutating func exportDRBD(_ name: String) -> String {
        let primitive = PacemakerPrimitive(
            id: ids.make("drbd", name), standard: "ocf", provider: "linbit", type: "drbd",
            parameters: [NameValue("drbd_resource", name)],
            operations: [
                PacemakerOperation(name: "monitor", intervalSeconds: 29, timeoutSeconds: 20, role: "Promoted"),
                PacemakerOperation(name: "monitor", intervalSeconds: 31, timeoutSeconds: 20, role: "Unpromoted"),
            ])
        let clone = ids.make(primitive.id, "clone")
        let meta = [
            NameValue("promotable", "true"), NameValue("promoted-max", "1"), NameValue("promoted-node-max", "1"),
            NameValue("clone-max", "2"), NameValue("clone-node-max", "1"), NameValue("notify", "true"),
        ]
        configuration.resources.append(.promotable(id: clone, primitive: primitive, meta: meta))
        return clone
    }
}
