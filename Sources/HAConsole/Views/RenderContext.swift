import HAProtocol

/// What every view needs for one frame: the state, the options, the glyph set and the alerts
/// (derived once per frame and shared by the header and the alerts panel).
struct RenderContext: Sendable {
    var state: ConsoleState
    var options: RenderOptions
    var glyphs: Glyphs
    var alerts: [Alert]

    init(state: ConsoleState, options: RenderOptions) {
        self.state = state
        self.options = options
        glyphs = Glyphs.forOptions(options)
        alerts = ConsoleAlerts.derive(from: state)
    }

    /// The role a severity is drawn in.
    static func role(_ severity: Alert.Severity) -> ColorRole {
        switch severity {
        case .critical: .critical
        case .warning: .warning
        case .info: .muted
        }
    }
}
