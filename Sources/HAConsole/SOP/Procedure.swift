import HAProtocol

/// A standard operating procedure read from a `sop/*.sop` file: what the console walks an
/// operator through, step by verified step (see `docs/sop-format.md`).
///
/// Built only by ``ProcedureParser``, which refuses a file that does not validate; every value
/// here has been checked (names are well formed, roles are declared, timeouts are positive).
struct Procedure: Hashable, Sendable {
    /// The procedure's name (`failover`), as `haconsole sop run NAME` takes it.
    var name: String
    /// One line for menus and the audit trail.
    var title: String
    /// What the procedure is for and when to use it.
    var summary: String
    /// The group whose holder is the `primary` (Heartbeat's key, or the first group).
    var group: SOPGroupReference
    /// A role the operator names when the run starts (`survivor`), and the role of the other
    /// node of a two-node cluster (`victim`), if the procedure declares one.
    var choice: SOPRoleChoice?
    /// Node names the procedure may use literally (`nodes: alpha bravo`).
    var declaredNodes: [String]
    var steps: [ProcedureStep]
    /// The path the procedure was read from, as given.
    var file: String
    /// SHA-256 of the file's bytes, lowercase hex: which text an audit record ran.
    var digest: String
    /// `go-no-go: yes`: the console shows the go/no-go panel (``GoNoGo``) before the first action.
    var goNoGo = false

    /// The step with the id `id`.
    func step(_ id: String) -> ProcedureStep? { steps.first { $0.id == id } }
}

/// Which resource group a procedure is about.
enum SOPGroupReference: Hashable, Sendable, CustomStringConvertible {
    /// The first group of `haresources`, as the snapshot lists them.
    case first
    /// The group with this Heartbeat key (its first resource as written).
    case key(String)

    var description: String {
        switch self {
        case .first: "first"
        case .key(let key): key
        }
    }
}

/// A role the operator picks when a run starts, and optionally the role of the node not picked.
struct SOPRoleChoice: Hashable, Sendable {
    /// The chosen role's name (`survivor`).
    var role: String
    /// The other node's role name (`victim`); needs a two-node cluster.
    var otherRole: String?
    /// The question the console asks (`ask:`), placeholders expanded at run time.
    var question: String
}

/// Where a step runs: resolved to one node when the run starts, or any node.
enum SOPStepTarget: Hashable, Sendable, CustomStringConvertible {
    /// Wherever the operator likes (a check of cluster-wide state).
    case any
    /// A role (`primary`, `secondary`, `local`, a chosen role) or a node declared in `nodes:`.
    case node(SOPNodeReference)

    var description: String {
        switch self {
        case .any: "any"
        case .node(let reference): reference.description
        }
    }
}

/// A node named in a procedure: a role resolved against live state, or a declared node name.
enum SOPNodeReference: Hashable, Sendable, CustomStringConvertible {
    /// `primary`, `secondary`, `local` or a role from `choose:`.
    case role(String)
    /// A node listed in the procedure's `nodes:`.
    case named(String)

    /// The roles every procedure knows, resolved from the snapshot.
    static let builtInRoles = ["primary", "secondary", "local"]

    var description: String {
        switch self {
        case .role(let role): role
        case .named(let name): name
        }
    }
}

/// A change the console can make for the operator, after a confirmation naming the node.
enum SOPStepAction: Hashable, Sendable, CustomStringConvertible {
    /// `hb_standby [CLASS]`: give resources to the peer.
    case standby(ControlRequest.Resources)
    /// `hb_takeover [CLASS]`: take resources from the peer.
    case takeover(ControlRequest.Resources)
    /// Release everything, tell the peers, stop the daemon.
    case shutdown
    /// The target is a dead peer a meatware reset waits on and the operator checked it is off:
    /// the daemon fencing it (not the target's own) confirms the reset (`meatclient -c NODE`).
    case confirmFence
    /// Start the stopped daemon on the target. No daemon there answers requests, so the console
    /// does it only where it launched the node itself (`haconsole demo`); anywhere else the
    /// operator runs the step's `command:` lines and the verification waits for the rejoin.
    case start
    /// Pacemaker: take the target out of standby (`crm_standby --update off`).
    case unstandby
    /// Pacemaker: move the procedure's group to the target and clear the move constraint
    /// afterwards, whatever happened (`crm_resource --move`, then `--clear`).
    case move

    /// The control operation that performs it; nil for ``start``, which no daemon performs.
    var operation: ControlRequest.Operation? {
        switch self {
        case .standby: .standby
        case .takeover: .takeover
        case .shutdown: .shutdown
        case .confirmFence: .confirmFence
        case .start: nil
        case .unstandby: .unstandby
        case .move: .move
        }
    }

    /// The resource class moved, for standby and takeover.
    var resources: ControlRequest.Resources? {
        switch self {
        case .standby(let resources), .takeover(let resources): resources
        case .shutdown, .confirmFence, .start, .unstandby, .move: nil
        }
    }

    /// As written in a procedure: `standby all`, `shutdown`, `start`.
    var description: String {
        guard let operation else { return "start" }
        if let resources { return "\(operation.rawValue) \(resources.rawValue)" }
        return operation.rawValue
    }
}

/// One step: where it runs, what the operator reads and does, and how it proves itself.
struct ProcedureStep: Hashable, Sendable {
    /// Unique within the procedure (`stop-primary`).
    var id: String
    /// A short title; the id when the file gives none.
    var title: String
    var target: SOPStepTarget
    /// What the operator reads, placeholders (`{primary}`) unexpanded.
    var text: String
    /// A change the console performs after confirmation, if any.
    var action: SOPStepAction?
    /// The confirmation question for `action`; it names the target with `{node}`.
    var confirmation: String?
    /// Commands for the operator to run by hand (site-specific steps), in order.
    var commands: [String]
    /// The condition on live state that proves the step done.
    var verification: SOPCondition
    /// The verification as written, for display.
    var verificationText: String
    /// How long the verification may take before the step fails, in milliseconds.
    var timeoutMilliseconds: Int64
    /// What to do next when the step fails.
    var onFailure: String
    /// The line of `step:` in the file.
    var line: Int
    /// `two-person: yes`: a destructive step that goes on only once a second operator, another
    /// person than the one running the procedure, approved it (``SOPApproval``).
    var twoPerson = false

    /// A step the operator may perform by hand (commands, and no action or `start`): the only
    /// kind that may be skipped (`start` brings a node back, which a procedure leaves optional).
    var isManual: Bool { (action == nil || action == .start) && !commands.isEmpty }
}
