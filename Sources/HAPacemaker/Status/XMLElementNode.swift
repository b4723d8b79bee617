/// One element of a parsed XML document: its name, attributes and child elements, with the
/// text directly inside it.
public struct XMLElementNode: Hashable, Sendable {
    public var name: String
    public var attributes: [String: String]
    public var children: [XMLElementNode]
    /// The character data directly inside the element, entities decoded, at most
    /// ``XMLDocumentParser/Limits/maximumText`` bytes of it.
    public var text: String

    public init(name: String, attributes: [String: String] = [:], children: [XMLElementNode] = [], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    public subscript(attribute: String) -> String? { attributes[attribute] }

    /// The first child called `name`.
    public func child(_ name: String) -> XMLElementNode? { children.first { $0.name == name } }

    /// Every child called `name`, in document order.
    public func children(_ name: String) -> [XMLElementNode] { children.filter { $0.name == name } }

    /// `attribute` read as XML Schema's boolean (`true`/`1`), or nil when absent or not one.
    public func bool(_ attribute: String) -> Bool? {
        switch attributes[attribute] {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }
}
