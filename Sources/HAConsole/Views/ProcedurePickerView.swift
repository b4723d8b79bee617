/// The `p` picker: the SOP directory's procedures in a box over the top of the screen, the
/// marked one highlighted.
enum ProcedurePickerView {
    static func draw(_ picker: ConsoleModel.Picker, into screen: inout Screen) {
        let list = picker.paths
        let top = 3
        let width = min(screen.width - 4, 70)
        let height = min(list.count + 3, screen.height - top - 2)
        guard height >= 4 else { return }
        for row in top..<(top + height) {
            screen.put(String(repeating: " ", count: width), at: .init(row: row, column: 2), style: .role(.normal, reverse: true))
        }
        screen.put(" Run a procedure (Enter run, Esc close) ", at: .init(row: top, column: 3), style: .role(.header, bold: true, reverse: true))
        for (offset, path) in list.prefix(height - 2).enumerated() {
            let name = String(path.split(separator: "/").last ?? Substring(path))
            let style: CellStyle = offset == picker.index ? .role(.accent, bold: true) : .role(.normal, reverse: true)
            screen.put((offset == picker.index ? "> " : "  ") + name, at: .init(row: top + 2 + offset, column: 3), style: style, limit: 2 + width - 1)
        }
    }
}
