/// Everything one node knows about its DRBD resources, from any DRBD status source.
///
/// One model for `/proc/drbd` (8.0 to 9.x), `drbdsetup status` text and JSON, `events2` and the
/// legacy interfaces. Fields a source does not print stay `nil` (or empty). Resources keep the
/// order of the source; `resource(named:)` finds one by name.
public struct DRBDStatus: Hashable, Sendable, Codable {
    /// The kernel module's version and build, when the source prints them (`/proc/drbd`, XML).
    public var module: DRBDModuleVersion?
    /// The resources; in `/proc/drbd` of 8.x each minor is its own resource.
    public var resources: [DRBDResource]

    /// Creates a status.
    public init(module: DRBDModuleVersion? = nil, resources: [DRBDResource] = []) {
        self.module = module
        self.resources = resources
    }

    /// The first resource with the given name, if any.
    public func resource(named name: String) -> DRBDResource? {
        resources.first { $0.name == name }
    }

    /// The index of the first resource with the given name, if any.
    func resourceIndex(named name: String) -> Int? {
        resources.firstIndex { $0.name == name }
    }

    /// The index of the resource with `name`, appending an empty one (role `Unknown`) when missing.
    mutating func resourceIndexCreatingIfMissing(named name: String) -> Int {
        if let index = resourceIndex(named: name) { return index }
        resources.append(DRBDResource(name: name))
        return resources.count - 1
    }
}
