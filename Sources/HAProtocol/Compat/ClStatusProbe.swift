/// Reading a node that runs Heartbeat itself (no `hadaemon` socket) through `cl_status`, the
/// only interface Heartbeat 3.0.6 offers: one shell script per look, run on the node (locally, or
/// through `ssh` or `nsenter`), whose marked output ``parse(_:)`` turns into a ``Reading`` and
/// ``Reading/snapshot(takenAt:claims:)`` into the same ``ClusterSnapshot`` a daemon would send.
///
/// One script rather than one command per question: four `cl_status` calls (`hbstatus`,
/// `listnodes -v`, which carries every node's status, type and links, and `rscstatus`) plus the
/// config files and DRBD, in one round trip, which matters over `ssh`.
///
/// What `cl_status` cannot say, and the snapshot therefore does not claim: how long ago a node or
/// link was heard, a peer's generation or configuration digest, and which resources a peer holds
/// (only `rscstatus` of the node asked exists; a peer's share is inferred unless its own reading
/// is at hand, see ``Reading/snapshot(takenAt:claims:)``). While Heartbeat waits out `initdead`,
/// shuts down or sleeps before its split-brain restart, `cl_status` answers "stopped" although
/// the daemon runs (observed.md §4): a reading then has ``Reading/running`` false and no membership.
public enum ClStatusProbe {
    /// Where Heartbeat keeps its configuration; it takes no flag for it.
    public static let configDirectory = "/etc/ha.d"

    /// The script for `sh -c`. `drbdCommand`, when given, replaces the DRBD look
    /// (``drbdLook(procFile:)``).
    public static func script(drbdCommand: String? = nil) -> String {
        let drbd =
            if let drbdCommand {
                "echo '\(marker) drbd command'; \(drbdCommand) 2>&1; rc=$?; echo; echo \"\(marker) rc $rc\""
            } else {
                drbdLook()
            }
        return """
            PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
            echo "\(marker) host $(uname -n)"
            command -v cl_status >/dev/null 2>&1 || echo '\(marker) missing cl_status'
            cl_status hbstatus >/dev/null 2>&1; echo "\(marker) hbstatus $?"
            echo '\(marker) section listnodes'; cl_status listnodes -v 2>&1; echo "\(marker) rc $?"
            echo '\(marker) section rscstatus'; cl_status rscstatus 2>&1; echo "\(marker) rc $?"
            for f in ha.cf haresources; do
              echo "\(marker) section $f"; cat \(configDirectory)/$f 2>&1; rc=$?; echo; echo "\(marker) rc $rc"
            done
            \(drbd)
            echo '\(marker) end'
            """
    }

    /// Where the probe reads DRBD: `procFile` when it lists a resource (a ` 0: cs:` line) or its
    /// module lists them all there (8.x, 9 built with compat 8.4), else `drbdsetup status
    /// --verbose --statistics` when installed (DRBD 9 leaves only the module's version lines in
    /// /proc/drbd), else nothing.
    /// `marker` starts the lines it prints: this probe's own (``marker``), or another's.
    public static func drbdLook(procFile: String = "/proc/drbd", marker: String = "@@hb") -> String {
        """
        if grep -Eqs '^ *[0-9]+: cs:|^version: 8\\.|\\(compat 8\\.4\\)' \(procFile); then echo '\(marker) drbd \(procFile)'; cat \(procFile); rc=$?; echo; echo "\(marker) rc $rc"
        elif command -v drbdsetup >/dev/null 2>&1; then echo '\(marker) drbd drbdsetup'; drbdsetup status --verbose --statistics 2>&1; rc=$?; echo; echo "\(marker) rc $rc"
        fi
        """
    }

    /// Starts every line the script itself prints; no `cl_status` answer or config line does.
    static let marker = "@@hb"

    /// What one run of the script found.
    public struct Reading: Hashable, Sendable {
        /// `uname -n` of the node: Heartbeat's own name for it.
        public var host: String
        /// `cl_status hbstatus` exited 0: the API answers (false during initdead, shutdown, restart).
        public var running: Bool
        /// `cl_status` is not installed there.
        public var missingClStatus = false
        /// From `listnodes -v`, in its order; empty when not running.
        public var nodes: [NodeSnapshot] = []
        /// `rscstatus`: `local`, `foreign`, `all`, `none` or `transition`; nil when not running.
        public var resourceStatus: String?
        /// The node's ha.cf and haresources as read there.
        public var haCF: HACF?
        public var haResources: HAResources?
        /// Why a config file could not be used (`ha.cf: line 3: …`, `cat: …: No such file`).
        public var configProblems: [String] = []
        /// The node's DRBD text and where it came from (`/proc/drbd`, `drbdsetup`, `command`).
        public var drbdText: String?
        public var drbdSource: String?
        /// The script ran to its end (a cut-short run is not a reading).
        public var complete = false

        public init(host: String, running: Bool) {
            self.host = host
            self.running = running
        }

        /// This node's resource class from `rscstatus` (nil for `transition` or when unknown).
        public var holds: ResourceClass? { resourceStatus.flatMap(ResourceClass.init(rawValue:)) }

        /// Why the reading cannot be shown as cluster state, short enough for the header, or nil.
        /// `alpha: stopped or in initdead`: `cl_status` cannot tell a stopped Heartbeat from one
        /// in initdead, shutting down or sleeping before its split-brain restart.
        public var unusableReason: String? {
            if !complete { return "the cl_status probe was cut short" }
            if missingClStatus { return "cl_status is not installed on \(host)" }
            if !running { return "\(host): stopped or in initdead" }
            if haCF == nil { return configProblems.first ?? "cannot read ha.cf on \(host)" }
            return nil
        }

        /// The snapshot this reading amounts to, nil when ``unusableReason`` is not.
        ///
        /// Groups come from haresources. The reading's own node holds a group when `rscstatus`
        /// covers it (`local` = the groups homed here, `foreign` = the others, `all`). A peer's
        /// share comes from `claims` (node → its own `rscstatus`, from reading that node) when
        /// present; otherwise an active peer is taken to hold what this node does not, as
        /// Heartbeat's two-node model has it. `transition` leaves the groups `starting` with no
        /// holder claimed.
        public func snapshot(takenAt: Int64, claims: [String: ResourceClass] = [:]) -> ClusterSnapshot? {
            guard unusableReason == nil, let haCF else { return nil }
            var nodes = self.nodes
            var classes: [String: ResourceClass] = [:]
            let inTransition = resourceStatus == "transition"
            if let holds { classes[host] = holds }
            for index in nodes.indices {
                let name = nodes[index].name
                if name == host {
                    nodes[index].holds = holds
                    nodes[index].stable = !inTransition
                } else if nodes[index].type == .normal {
                    if let claim = claims[name] {
                        classes[name] = claim
                    } else if nodes[index].status == .active || nodes[index].status == .up, let holds, !inTransition {
                        classes[name] = holds.complement
                    } else if nodes[index].status == .dead {
                        classes[name] = ResourceClass.none
                    }
                    nodes[index].holds = classes[name]
                }
            }
            let groups = (haResources?.groups ?? []).map { group -> GroupSnapshot in
                let holders = nodes.map(\.name).filter { name in
                    guard let held = classes[name] else { return false }
                    return group.node == name ? held.coversLocal : held.coversForeign
                }
                let state: GroupSnapshot.State = inTransition && holders.isEmpty ? .starting : holders.isEmpty ? .stopped : .running
                return GroupSnapshot(
                    key: group.key, preferredNode: group.node, resources: group.resources.map(\.text), holders: holders, state: state)
            }
            return ClusterSnapshot(
                takenAt: takenAt, localNode: host, cluster: haCF.cluster, timers: ClusterSnapshot.Timers(haCF),
                autoFailback: haCF.autoFailback, nodes: nodes, groups: groups)
        }
    }

    /// Parses the script's output. Text outside a section is ignored; a run without the final
    /// marker comes back with ``Reading/complete`` false.
    public static func parse(_ output: String) -> Reading {
        var reading = Reading(host: "", running: false)
        var section: String?
        var body: [Substring] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix(marker + " ") else {
                if section != nil { body.append(line) }
                continue
            }
            let words = line.dropFirst(marker.count + 1).split(separator: " ", maxSplits: 1).map(String.init)
            let (word, rest) = (words.first ?? "", words.count > 1 ? words[1] : "")
            switch word {
            case "host": reading.host = rest
            case "missing": reading.missingClStatus = true
            case "hbstatus": reading.running = rest == "0"
            case "section", "drbd":
                section = word == "drbd" ? "drbd" : rest
                if word == "drbd" { reading.drbdSource = rest }
                body = []
            case "rc":
                if let name = section { finish(name, body: body, status: Int(rest) ?? 1, into: &reading) }
                section = nil
            case "end": reading.complete = true
            default: break
            }
        }
        return reading
    }

    private static func finish(_ section: String, body: [Substring], status: Int, into reading: inout Reading) {
        let text = body.joined(separator: "\n")
        switch section {
        case "listnodes":
            if status == 0 { reading.nodes = parseNodeList(text) }
        case "rscstatus":
            if status == 0 { reading.resourceStatus = text.split(separator: "\n").first.map(String.init) }
        case "ha.cf":
            guard status == 0 else { return reading.configProblems.append("ha.cf: \(text)") }
            let parsed = HACFParser.parse(text, file: configDirectory + "/ha.cf")
            reading.haCF = parsed.value
            reading.configProblems += parsed.diagnostics.filter { $0.severity == .error }.map(\.description)
        case "haresources":
            guard status == 0 else { return reading.configProblems.append("haresources: \(text)") }
            let parsed = HAResourcesParser.parse(text, file: configDirectory + "/haresources")
            reading.haResources = parsed.value
            reading.configProblems += parsed.diagnostics.filter { $0.severity == .error }.map(\.description)
        case "drbd":
            reading.drbdText = status == 0 ? text : nil
        default: break
        }
    }

    /// `listnodes -v`: a blank line, then per node `NAME\tSTATUS\t(nodetype: TYPE)` followed by
    /// one `\tLINK\tSTATUS` line per link.
    public static func parseNodeList(_ text: String) -> [NodeSnapshot] {
        var nodes: [NodeSnapshot] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            if line.hasPrefix("\t") {
                guard fields.count >= 2, !nodes.isEmpty else { continue }
                nodes[nodes.count - 1].links.append(LinkSnapshot(interface: fields[0], status: fields[1] == "up" ? .up : .dead))
            } else if fields.count >= 2 {
                let type: NodeSnapshot.NodeType = fields.count > 2 && fields[2].contains("ping") ? .ping : .normal
                nodes.append(NodeSnapshot(name: fields[0], type: type, status: NodeStatus(heartbeatWord: fields[1])))
            }
        }
        return nodes
    }
}

extension ResourceClass {
    /// What the other node of a two-node pair holds when this node holds `self` and both are up.
    var complement: ResourceClass {
        switch self {
        case .none: .all
        case .local: .local
        case .foreign: .foreign
        case .all: .none
        }
    }

    var coversLocal: Bool { self == .local || self == .all }
    var coversForeign: Bool { self == .foreign || self == .all }
}

extension NodeStatus {
    /// A status word as `cl_status` prints it (`active`, `dead`, `up`, `init`, `ping`); anything
    /// else (Heartbeat's transient words) counts as `up`: heard, not yet a member.
    init(heartbeatWord word: String) {
        self = NodeStatus(rawValue: word) ?? .up
    }
}
