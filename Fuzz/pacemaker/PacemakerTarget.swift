import HAProtocol

/// Target `pacemaker`: bytes as Pacemaker's tools print them, which the console reads from
/// another machine through ssh — the XML parser, then `crm_mon --output-as=xml` (with the part
/// after the first NUL as `cibadmin`'s constraints) into ``PacemakerStatus`` and the console's
/// snapshot.
///
/// Properties beyond "no trap": a parsed tree never nests deeper, or holds more elements, than
/// the parser's limits; every snapshot group is a top-level resource, every holder a node.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPacemaker(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    if let root = try? XMLDocumentParser.parse(bytes) {
        FuzzInput.require(depth(root) <= XMLDocumentParser.Limits.maximumDepth, "a tree deeper than the limit")
    }
    let split = bytes.firstIndex(of: 0)
    let crmMon = split.map { Array(bytes[..<$0]) } ?? bytes
    let constraints = split.map { Array(bytes[($0 + 1)...]) }
    if let status = try? PacemakerStatusParser.parse(crmMon: crmMon, constraints: constraints) {
        let snapshot = status.snapshot(localNode: "alpha", takenAt: 0)
        let resources = Set(status.resources.map(\.id))
        FuzzInput.require(snapshot.groups.allSatisfy { resources.contains($0.key) }, "a group that is no top-level resource")
        let nodes = Set(status.nodes.map(\.name) + status.resources.flatMap(instances).flatMap(\.nodes))
        FuzzInput.require(snapshot.groups.allSatisfy { $0.holders.allSatisfy(nodes.contains) }, "a holder that is no node")
    }
    return 0
}

private func depth(_ node: XMLElementNode) -> Int { 1 + (node.children.map(depth).max() ?? 0) }

private func instances(_ resource: PacemakerStatus.Resource) -> [PacemakerStatus.Instance] {
    switch resource {
    case .primitive(let instance): [instance]
    case .group(_, _, let members), .clone(_, _, _, let members): members
    }
}
