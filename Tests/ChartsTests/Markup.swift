import Charts
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Chart output read back as XML, so tests assert on elements and numbers rather than substrings.
struct Markup {
    let document: XMLDocument

    /// Parses `text`, throwing when it is not well-formed XML.
    init(_ text: String) throws {
        document = try XMLDocument(xmlString: text, options: [])
    }

    var root: XMLElement? { document.rootElement() }

    /// Every element named `name` (and with `class` when given), in document order.
    func elements(_ name: String, class className: String? = nil) -> [XMLElement] {
        var found: [XMLElement] = []
        func walk(_ node: XMLNode) {
            if let element = node as? XMLElement, element.localName == name,
               className == nil || element.string("class") == className {
                found.append(element)
            }
            node.children?.forEach(walk)
        }
        if let root { walk(root) }
        return found
    }

    /// The text of every element named `name` (and with `class`), in document order.
    func texts(_ name: String, class className: String? = nil) -> [String] {
        elements(name, class: className).map { $0.stringValue ?? "" }
    }
}

extension XMLElement {
    /// A numeric attribute, or nil.
    func number(_ name: String) -> Double? { string(name).flatMap(Double.init) }

    /// An attribute's value, or nil.
    ///
    /// Searches `attributes` because `attribute(forName:)` in swift-corelibs-foundation returns nil
    /// below the root of a document with a default namespace (the SVG's `xmlns`).
    func string(_ name: String) -> String? {
        attributes?.first { $0.name == name }?.stringValue
    }

    /// The `<title>` child's text: the hover tooltip of a mark.
    var tooltip: String? {
        children?.compactMap { $0 as? XMLElement }.first { $0.localName == "title" }?.stringValue
    }
}

/// Charts used by several suites.
enum Sample {
    static let months = ["2025-06", "2025-07", "2025-08", "2025-09"]

    static func data(
        title: String = "Monthly churn", unit: String? = nil, categories: [String] = months,
        _ series: Series...
    ) -> ChartData {
        ChartData(title: title, unit: unit, categories: categories, series: series)
    }
}
