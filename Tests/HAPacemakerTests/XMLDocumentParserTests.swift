import HAPacemaker
import Testing

/// The bounded XML parser, on what crm_mon prints and on what it must refuse.
@Suite struct XMLDocumentParserTests {
    @Test("elements, attributes in either quotes, entities, comments, CDATA and the declaration")
    func reads() throws {
        let root = try XMLDocumentParser.parse(
            "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- crm_mon -->\n<a x=\"1 &lt; 2 &amp; &#65;&#x42;\" y='q\"'><b/><c>t&gt;<![CDATA[<raw>]]></c></a>\n")
        #expect(root.name == "a" && root["x"] == "1 < 2 & AB" && root["y"] == "q\"")
        #expect(root.children.map(\.name) == ["b", "c"] && root.child("c")?.text == "t><raw>")
    }

    @Test(
        "refused, with the byte offset: a DOCTYPE, mismatched or unclosed tags, bad entities, two roots",
        arguments: [
            "<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", "<a></b>", "<a>", "<a x=1/>", "<a x=\"1\" x=\"2\"/>", "<a>&bogus;</a>", "<a/><b/>", "",
            "<a x=\"&#xD800;\"/>", "<a x=\"<\"/>", "text", "<a x=\"1\"y=\"2\"/>",
        ])
    func refuses(text: String) {
        #expect(throws: XMLDocumentParser.ParseError.self) { try XMLDocumentParser.parse(text) }
    }

    @Test("nesting past the limit is refused, not recursed into")
    func depth() {
        let deep = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        do {
            _ = try XMLDocumentParser.parse(deep)
            Issue.record("a 10000-deep document was read")
        } catch {
            #expect(error.reason.contains("deeper than 64"))
        }
    }

    @Test("an element count past the limit is refused")
    func count() {
        let many = "<a>" + String(repeating: "<b/>", count: XMLDocumentParser.Limits.maximumElements) + "</a>"
        #expect(throws: XMLDocumentParser.ParseError.self) { try XMLDocumentParser.parse(many) }
    }
}
