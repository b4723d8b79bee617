/// How the operator is looking at the cluster beyond the panels themselves: problems only, one
/// subject's detail, a scope filter on one node or group, and the row selected in each panel.
///
/// View state only: nothing here changes what the console knows, and every field starts off
/// (the plain screen). Changed by keys through ``ConsoleState/browseKey(_:pageSize:enterFree:)``.
struct ConsoleBrowse: Sendable, Hashable {
    /// `!`: only subjects with a problem are listed, each with what makes it one.
    var problemsOnly = false
    /// The selected row of the problems list.
    var problemIndex = 0
    /// The subject whose detail fills the body (Enter on a row); Esc or Backspace closes it.
    var detail: ConsoleSubject?
    /// Lines of the detail scrolled past.
    var detailScroll = 0
    /// `o`: only this node or group (and what belongs to it) is shown; nil shows everything.
    var scope: ConsoleSubject?
    /// The selected row in each panel that has rows to open (nodes, groups, DRBD).
    var selection: [ConsoleState.Panel: Int] = [:]
    /// True while something else takes Enter (an SOP run's panel): rows do not open then, and
    /// no hint says they do.
    var enterTaken = false

    /// The panels whose rows open a detail view.
    static let selectablePanels: Set<ConsoleState.Panel> = [.nodes, .groups, .drbd]

    /// `filter: node=alpha`, `filter: group=IPaddr2::…`; nil without a scope.
    var scopeText: String? {
        switch scope {
        case .node(let name): "filter: node=\(name)"
        case .group(let key): "filter: group=\(key)"
        default: nil
        }
    }
}
