/// A small, bounded XML parser for what Pacemaker's tools print (`crm_mon --output-as=xml`,
/// `cibadmin --query`): elements, attributes, character data, comments, CDATA and the XML
/// declaration. Bytes come from another machine through ssh, so they are untrusted: a document
/// type declaration is refused (no entity can expand), and size, depth, element count,
/// attribute count and name length are bounded (``Limits``); nothing traps on any input.
public enum XMLDocumentParser {
    public enum Limits {
        public static let maximumBytes = 16 << 20
        public static let maximumDepth = 64
        public static let maximumElements = 200_000
        public static let maximumAttributes = 128
        public static let maximumName = 256
        public static let maximumText = 4096
    }

    /// Why a document was refused, with the byte offset where it was noticed.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var offset: Int
        public var reason: String
        public var description: String { "XML at byte \(offset): \(reason)" }
    }

    /// The root element of `bytes`.
    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> XMLElementNode {
        guard bytes.count <= Limits.maximumBytes else {
            throw ParseError(offset: 0, reason: "\(bytes.count) bytes is more than the \(Limits.maximumBytes) a document may have")
        }
        var scanner = XMLScanner(bytes: bytes)
        return try scanner.document()
    }

    public static func parse(_ text: String) throws(ParseError) -> XMLElementNode { try parse(Array(text.utf8)) }
}

/// The parser's cursor over the bytes; one instance per document.
struct XMLScanner {
    let bytes: [UInt8]
    var index = 0
    var elements = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func fail(_ reason: String) -> XMLDocumentParser.ParseError { .init(offset: index, reason: reason) }

    mutating func document() throws(XMLDocumentParser.ParseError) -> XMLElementNode {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        var root: XMLElementNode?
        while true {
            skipWhitespace()
            guard index < bytes.count else { break }
            guard bytes[index] == UInt8(ascii: "<") else { throw fail("text outside the root element") }
            if try skipMarkupOtherThanElements() { continue }
            guard root == nil else { throw fail("a second root element") }
            root = try element(depth: 1)
        }
        guard let root else { throw fail("no root element") }
        return root
    }

    /// Skips `<?…?>`, `<!--…-->`; refuses `<!DOCTYPE`. True when something was skipped.
    mutating func skipMarkupOtherThanElements() throws(XMLDocumentParser.ParseError) -> Bool {
        if starts("<?") { try skip(past: "?>"); return true }
        if starts("<!--") { try skip(past: "-->"); return true }
        if starts("<!") { throw fail("document type declarations are not accepted") }
        return false
    }

    /// An element whose `<` is at `index`, with everything inside it.
    mutating func element(depth: Int) throws(XMLDocumentParser.ParseError) -> XMLElementNode {
        guard depth <= XMLDocumentParser.Limits.maximumDepth else {
            throw fail("elements nested deeper than \(XMLDocumentParser.Limits.maximumDepth)")
        }
        elements += 1
        guard elements <= XMLDocumentParser.Limits.maximumElements else {
            throw fail("more than \(XMLDocumentParser.Limits.maximumElements) elements")
        }
        index += 1
        var node = XMLElementNode(name: try name())
        while true {
            let hadSpace = skipWhitespace()
            guard index < bytes.count else { throw fail("<\(node.name) is not closed") }
            if starts("/>") {
                index += 2
                return node
            }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                break
            }
            guard hadSpace else { throw fail("no space before an attribute of <\(node.name)>") }
            let key = try name()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw fail("attribute \(key) has no '='") }
            index += 1
            skipWhitespace()
            guard node.attributes[key] == nil else { throw fail("attribute \(key) given twice") }
            guard node.attributes.count < XMLDocumentParser.Limits.maximumAttributes else { throw fail("too many attributes on <\(node.name)>") }
            node.attributes[key] = try quoted()
        }
        try content(of: &node, depth: depth)
        return node
    }

    /// Children and text up to and including `</name>`.
    mutating func content(of node: inout XMLElementNode, depth: Int) throws(XMLDocumentParser.ParseError) {
        var text: [UInt8] = []
        while true {
            guard index < bytes.count else { throw fail("</\(node.name)> is missing") }
            if bytes[index] != UInt8(ascii: "<") {
                let start = index
                while index < bytes.count && bytes[index] != UInt8(ascii: "<") { index += 1 }
                if text.count < XMLDocumentParser.Limits.maximumText { text += try decode(bytes[start..<index]) }
                continue
            }
            if starts("</") {
                index += 2
                let closing = try name()
                guard closing == node.name else { throw fail("</\(closing)> closes <\(node.name)>") }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw fail("</\(closing) is not closed") }
                index += 1
                node.text = String(decoding: text.prefix(XMLDocumentParser.Limits.maximumText), as: UTF8.self)
                return
            }
            if starts("<![CDATA[") {
                index += 9
                let start = index
                try skip(past: "]]>")
                if text.count < XMLDocumentParser.Limits.maximumText { text += bytes[start..<(index - 3)] }
                continue
            }
            if try skipMarkupOtherThanElements() { continue }
            node.children.append(try element(depth: depth + 1))
        }
    }

    /// A name: letters, digits and `_ - . :`, not starting with a digit, `-` or `.`.
    mutating func name() throws(XMLDocumentParser.ParseError) -> String {
        let start = index
        while index < bytes.count, index - start < XMLDocumentParser.Limits.maximumName {
            let byte = bytes[index]
            let letter =
                (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
                || byte >= 0x80
            let other = (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard letter || (other && index > start) else { break }
            index += 1
        }
        guard index > start else { throw fail("a name was expected") }
        guard index - start < XMLDocumentParser.Limits.maximumName else {
            throw fail("a name longer than \(XMLDocumentParser.Limits.maximumName) bytes")
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A quoted attribute value, entities decoded.
    mutating func quoted() throws(XMLDocumentParser.ParseError) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
            throw fail("an attribute value must be quoted")
        }
        let quote = bytes[index]
        index += 1
        let start = index
        while index < bytes.count && bytes[index] != quote {
            guard bytes[index] != UInt8(ascii: "<") else { throw fail("'<' inside an attribute value") }
            index += 1
        }
        guard index < bytes.count else { throw fail("an attribute value is not closed") }
        let value = try decode(bytes[start..<index])
        index += 1
        return String(decoding: value, as: UTF8.self)
    }

    /// `raw` with `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#N;` `&#xN;` replaced.
    func decode(_ raw: ArraySlice<UInt8>) throws(XMLDocumentParser.ParseError) -> [UInt8] {
        guard raw.contains(UInt8(ascii: "&")) else { return Array(raw) }
        var result: [UInt8] = []
        var position = raw.startIndex
        while position < raw.endIndex {
            guard raw[position] == UInt8(ascii: "&") else {
                result.append(raw[position])
                position += 1
                continue
            }
            guard let end = raw[position...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else { throw fail("an '&' without its ';'") }
            let entity = String(decoding: raw[(position + 1)..<end], as: UTF8.self)
            switch entity {
            case "lt": result.append(UInt8(ascii: "<"))
            case "gt": result.append(UInt8(ascii: ">"))
            case "amp": result.append(UInt8(ascii: "&"))
            case "quot": result.append(UInt8(ascii: "\""))
            case "apos": result.append(UInt8(ascii: "'"))
            default:
                let digits = entity.dropFirst(entity.hasPrefix("#x") ? 2 : 1)
                guard entity.hasPrefix("#"), !digits.isEmpty, digits.count <= 8,
                    let code = UInt32(digits, radix: entity.hasPrefix("#x") ? 16 : 10), let scalar = Unicode.Scalar(code)
                else { throw fail("unknown entity &\(entity);") }
                result += Array(String(Character(scalar)).utf8)
            }
            position = end + 1
        }
        return result
    }

    @discardableResult
    mutating func skipWhitespace() -> Bool {
        let start = index
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index > start
    }

    func starts(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        return text.withUTF8Buffer { prefix in (0..<count).allSatisfy { bytes[index + $0] == prefix[$0] } }
    }

    /// Moves past the next `terminator`.
    mutating func skip(past terminator: StaticString) throws(XMLDocumentParser.ParseError) {
        while index < bytes.count {
            if starts(terminator) {
                index += terminator.utf8CodeUnitCount
                return
            }
            index += 1
        }
        throw fail("'\(terminator)' is missing")
    }
}
