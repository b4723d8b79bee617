/// A minimal XML element tree for writing (never parsing): attributes in the order given,
/// values escaped, two-space indentation.
struct XMLElement: Hashable, Sendable {
    var name: String
    var attributes: [NameValue]
    var children: [XMLElement]

    init(_ name: String, _ attributes: [(String, String?)] = [], children: [XMLElement] = []) {
        self.name = name
        self.attributes = attributes.compactMap { key, value in value.map { NameValue(key, $0) } }
        self.children = children
    }

    /// The element and its children, one per line, ending in a newline.
    func text(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        let open = pad + "<" + name + attributes.map { " \($0.name)=\"\(Self.escape($0.value))\"" }.joined()
        guard !children.isEmpty else { return open + "/>\n" }
        return open + ">\n" + children.map { $0.text(indent: indent + 1) }.joined() + pad + "</" + name + ">\n"
    }

    /// `value` safe inside a double-quoted attribute.
    static func escape(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\n": result += "&#10;"
            default: result.append(character)
            }
        }
        return result
    }
}
