import Charts
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("HTMLText.escape: text that stays text in HTML and SVG")
struct HTMLTextTests {
    @Test("the five characters become entities")
    func fiveCharacters() {
        #expect(HTMLText.escape(#"<a href="x" title='y'>Tom & Jerry</a>"#)
            == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;")
        #expect(HTMLText.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
    }

    @Test("other text is unchanged, including accents, CJK and emoji")
    func plainText() {
        for text in ["", "Zürich — Main St", "北京分行", "🏦 35%", "tab\there\nnewline\r"] {
            #expect(HTMLText.escape(text) == text)
        }
    }

    @Test("entities are escaped again, not trusted: escaping is not idempotent by design")
    func existingEntities() {
        #expect(HTMLText.escape("&amp;") == "&amp;amp;")
        #expect(HTMLText.escape("&#60;") == "&amp;#60;")
    }

    @Test("a combining mark after & or < does not hide it from escaping")
    func combiningMarks() {
        // "<\u{301}" is one Character, so a Character-level comparison with "<" would miss it.
        #expect(HTMLText.escape("<\u{301}script") == "&lt;\u{301}script")
        #expect(HTMLText.escape("&\u{301}") == "&amp;\u{301}")
    }

    @Test("characters XML forbids become U+FFFD; tab, newline and return stay")
    func forbiddenCharacters() {
        #expect(HTMLText.escape("a\u{0}b\u{1B}c\u{FFFF}d") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
        #expect(HTMLText.escape("\t\n\r") == "\t\n\r")
    }

    @Test("escaped text reads back unchanged as element text and as either kind of quoted attribute")
    func roundTrip() throws {
        let nasty = [
            "<script>alert(1)</script>", #""><img src=x onerror=alert(1)>"#, "' onmouseover='alert(1)",
            "]]><!--", "&lt;already&gt;", "a & b < c > d", "Ünïcödé 北京 🏦",
        ]
        for text in nasty {
            let escaped = HTMLText.escape(text)
            let document = try XMLDocument(xmlString: #"<t a="\#(escaped)" b='\#(escaped)'>\#(escaped)</t>"#, options: [])
            let root = try #require(document.rootElement())
            #expect(root.stringValue == text)
            #expect(root.attribute(forName: "a")?.stringValue == text)
            #expect(root.attribute(forName: "b")?.stringValue == text)
            #expect(root.childCount == 1, "no element was injected")
        }
    }
}
