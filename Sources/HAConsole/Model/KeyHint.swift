/// One key and what it does, for the footer and the help overlay.
struct KeyHint: Sendable, Hashable {
    var key: String
    var label: String

    init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

extension KeyHint {
    /// `!`: the problems-only view.
    static let problems = KeyHint(key: "!", label: "problems")
    /// `o`: one node or group only.
    static let scope = KeyHint(key: "o", label: "only node/group")
    /// `t`: the timeline panel.
    static let timeline = KeyHint(key: "t", label: "timeline")
}
