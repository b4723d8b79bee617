/// One key and what it does, for the footer and the help overlay.
struct KeyHint: Sendable, Hashable {
    var key: String
    var label: String

    init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}
