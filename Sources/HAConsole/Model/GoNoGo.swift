import HAProtocol

/// Whether it is safe to act on the cluster now: the go/no-go an SOP that asks for it
/// (`go-no-go: yes`, docs/sop-format.md) shows before its first action.
///
/// Six checks over what the console sees (``ConsoleState``: the followed daemon's snapshot and
/// every node's DRBD state), each green (go) or red (no-go) with its evidence: the value seen
/// and where it was read. Pure: ``evaluate(_:)`` reads nothing but its argument, so a test builds
/// a state and reads the verdict. A red item never blocks for ever: the operator may type
/// ``overrideWord``, which the audit trail records with their name.
struct GoNoGo: Hashable, Sendable {
    /// What is checked, in the order the panel lists it.
    enum Check: String, Hashable, Sendable, CaseIterable {
        /// Every node active; every group held by exactly one node and settled; no split brain.
        case nodes
        /// No `config_mismatch` alert; the digests the nodes advertise agree.
        case config
        /// Every heartbeat link of every node up.
        case links
        /// Every DRBD disk UpToDate on both sides, nothing resyncing, nothing out of sync.
        case drbd
        /// No failed resource group and no `resource_failed` alert.
        case resources
        /// The followed node has a STONITH device to reset a peer that will not stop.
        case fencing

        /// The item's name on screen and in the audit trail.
        var title: String {
            switch self {
            case .nodes: "nodes agree"
            case .config: "configs equal"
            case .links: "links up"
            case .drbd: "DRBD in sync"
            case .resources: "no failed resource"
            case .fencing: "fencing"
            }
        }
    }

    /// One check's verdict and the facts behind it.
    struct Item: Hashable, Sendable {
        var check: Check
        var go: Bool
        /// What was seen, most telling first (`bravo r0: SyncTarget with alpha 42.0% done, …`).
        var evidence: [String]
        /// Where it was read (`bravo's daemon`), when one source gave it all.
        var source: String?

        /// The evidence and its source, as the panel shows them.
        var text: String { evidence.joined(separator: "; ") + (source.map { " (\($0))" } ?? "") }

        /// `NO-GO DRBD in sync: bravo r0 …; …`: one line for the audit trail.
        var line: String { "\(go ? "GO" : "NO-GO") \(check.title): \(text)" }
    }

    /// The word that lets an operator act despite a red item. A word, not a key: it cannot be
    /// typed by accident, and every key of the SOP panel is a single letter.
    static let overrideWord = "override"

    var items: [Item]

    /// True when every item is green.
    var isGo: Bool { items.allSatisfy(\.go) }

    /// The red items, in panel order.
    var redItems: [Item] { items.filter { !$0.go } }

    /// `go` or `no-go`, as the audit trail says it.
    var verdict: String { isGo ? "go" : "no-go" }

    /// The verdict on `state`.
    static func evaluate(_ state: ConsoleState) -> GoNoGo {
        guard let snapshot = state.snapshot else {
            let why = "no cluster data: \(Self.connectionText(state.connection))"
            return GoNoGo(items: Check.allCases.map { Item(check: $0, go: false, evidence: [why]) })
        }
        let from = Self.origin(state, snapshot)
        return GoNoGo(items: [
            nodes(state, snapshot, from: from), config(snapshot, from: from), links(snapshot, from: from), drbd(state),
            resources(snapshot, from: from), fencing(state, snapshot, from: from),
        ])
    }

    /// `alpha's daemon` or `cl_status on this host`: where the snapshot was read.
    static func origin(_ state: ConsoleState, _ snapshot: ClusterSnapshot) -> String {
        if let origin = state.source.toolOrigin { return origin }
        return "\(snapshot.localNode)'s daemon"
    }

    static func connectionText(_ connection: ConsoleState.Connection) -> String {
        switch connection {
        case .connecting: "still connecting"
        case .connected: "connected, no snapshot yet"
        case .disconnected(let reason): reason
        }
    }
}
