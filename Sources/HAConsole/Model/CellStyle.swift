/// How one cell is drawn: a colour role and the emphasis attributes every terminal has.
struct CellStyle: Sendable, Hashable {
    var role: ColorRole = .normal
    var bold = false
    var reverse = false
    var dim = false
    var underline = false

    /// The terminal's default look.
    static let plain = CellStyle()

    /// A style with a role and optional emphasis.
    static func role(_ role: ColorRole, bold: Bool = false, reverse: Bool = false, underline: Bool = false) -> CellStyle {
        CellStyle(role: role, bold: bold, reverse: reverse, underline: underline)
    }

    /// The same style with bold set.
    var bolded: CellStyle {
        var copy = self
        copy.bold = true
        return copy
    }

    /// The same style with reverse video set.
    var reversed: CellStyle {
        var copy = self
        copy.reverse = true
        return copy
    }

    /// The style as a monochrome terminal shows it: no role, meaning carried by bold and reverse.
    ///
    /// Critical becomes bold reverse, warning and header and accent bold, and dim is dropped
    /// (many terminals show it as normal), so status never depends on colour alone.
    var monochrome: CellStyle {
        var copy = CellStyle(bold: bold, reverse: reverse, underline: underline)
        switch role {
        case .critical:
            copy.bold = true
            copy.reverse = true
        case .warning, .header, .accent:
            copy.bold = true
        case .normal, .ok, .muted:
            break
        }
        return copy
    }

    /// A short tag for tests: `critical+bold`, or the empty string for `plain`.
    var tag: String {
        var parts: [String] = role == .normal ? [] : [role.rawValue]
        if bold { parts.append("bold") }
        if reverse { parts.append("reverse") }
        if dim { parts.append("dim") }
        if underline { parts.append("underline") }
        return parts.joined(separator: "+")
    }
}
