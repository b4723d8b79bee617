/// A Pacemaker + Corosync configuration as values: what `hadaemon config export pacemaker`
/// builds from `ha.cf` and `haresources`, and what the CIB, crmsh, pcs and corosync.conf
/// writers print.
///
/// Only what an export needs is modelled. Identifiers are valid XML IDs and unique (see
/// ``PacemakerID``); the writers do not check them again.
public struct PacemakerConfiguration: Hashable, Sendable {
    /// Corosync's `cluster_name` (ha.cf's `cluster`, `linux-ha` by default).
    public var clusterName: String
    /// Node names in ha.cf order.
    public var nodes: [String]
    /// `cib-bootstrap-options`, in order.
    public var properties: [NameValue] = []
    /// `rsc_defaults`, in order.
    public var resourceDefaults: [NameValue] = []
    /// Top-level resources in start order: primitives, groups and clones.
    public var resources: [PacemakerResource] = []
    public var constraints: [PacemakerConstraint] = []
    /// Corosync's totem token timeout, milliseconds (ha.cf's deadtime).
    public var tokenMilliseconds: Int
    /// Corosync's heartbeat interval, milliseconds, to write as a comment beside token.
    public var keepaliveMilliseconds: Int

    public init(clusterName: String, nodes: [String], tokenMilliseconds: Int, keepaliveMilliseconds: Int) {
        self.clusterName = clusterName
        self.nodes = nodes
        self.tokenMilliseconds = tokenMilliseconds
        self.keepaliveMilliseconds = keepaliveMilliseconds
    }
}

/// One `name=value` pair: a parameter, a meta attribute, a property.
public struct NameValue: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
