/// How the operator asked the screen to look, from flags and the environment.
struct RenderOptions: Sendable, Hashable {
    /// False with `NO_COLOR` (set and non-empty) or `--no-color`: no colour roles reach the grid.
    var color = true
    /// True with `--ascii` or a non-UTF-8 locale: only ASCII reaches the grid (lines `-|+`,
    /// glyphs `+ - x !`, any other character as `?`).
    var ascii = false
    /// True with `--read-only`: every action that changes the cluster is hidden.
    var readOnly = false

    init(color: Bool = true, ascii: Bool = false, readOnly: Bool = false) {
        self.color = color
        self.ascii = ascii
        self.readOnly = readOnly
    }
}
