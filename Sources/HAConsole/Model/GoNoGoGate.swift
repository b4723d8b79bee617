/// The go/no-go as an SOP run shows it before its first action (``SOPSession/goNoGo``).
///
/// `blocked` holds the run at the step while any check is red: typed characters go to `draft`,
/// Enter takes ``GoNoGo/overrideWord`` (or a verdict that has turned green meanwhile), Esc backs
/// out and closes the gate. Once `passed` or `overridden`, the run goes on as before: the
/// operator confirms the action by naming its node.
struct GoNoGoGate: Hashable, Sendable {
    enum Phase: Hashable, Sendable {
        case blocked(draft: String)
        /// Every check was green.
        case passed
        /// Acted on despite red items, by this operator.
        case overridden(by: String)
    }

    /// The step whose action the gate guards.
    var step: Int
    var phase: Phase
    /// The verdict as last evaluated: refreshed on every tick while blocked.
    var verdict: GoNoGo

    /// Longest override draft kept: the word is 8 letters, more is a key held down.
    static let draftLimit = 32

    var isBlocked: Bool {
        if case .blocked = phase { true } else { false }
    }
}
