/// Fitting text into columns: cutting with an ellipsis and padding, measured in display width.
enum TextFit {
    /// `text` cut to at most `width` columns, ending in `ellipsis` when cut; never splits a
    /// wide character.
    static func truncate(_ text: String, to width: Int, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        if text.utf8.count <= width || DisplayWidth.of(text) <= width { return text }
        let room = width - DisplayWidth.of(ellipsis)
        guard room >= 0 else { return String(repeating: ".", count: width) }
        var result = ""
        var used = 0
        for character in text {
            let columns = DisplayWidth.of(character)
            if used + columns > room { break }
            result.append(character)
            used += columns
        }
        return result + ellipsis
    }

    /// `text` padded with spaces to `width` columns (never cut).
    static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let missing = width - DisplayWidth.of(text)
        guard missing > 0 else { return text }
        let fill = String(repeating: " ", count: missing)
        return right ? fill + text : text + fill
    }
}
