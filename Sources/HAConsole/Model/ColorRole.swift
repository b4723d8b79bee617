/// What a piece of text means, not which colour it is: the terminal layer maps roles to colours.
///
/// Keeping roles in the grid lets render tests assert meaning ("this word is critical") and lets
/// the terminal pick colours that suit its background; with colour off the grid holds none.
enum ColorRole: String, Sendable, Hashable, CaseIterable {
    /// The terminal's default foreground.
    case normal
    /// Section titles and the header bar.
    case header
    /// Names and keys the eye should find: the local node, key hints, the focused panel.
    case accent
    /// Healthy: an active node, a link up, a running group, UpToDate.
    case ok
    /// Needs a look soon: a late heartbeat, a resync, stale data.
    case warning
    /// Needs action now: split brain, a dead node, a failed resource.
    case critical
    /// Less important detail: ages, generations, unparsed log lines.
    case muted
}
