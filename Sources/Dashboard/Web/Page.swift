import Charts

/// One page of the dashboard: a title, the signed-in viewer's navigation, and a body. The body
/// is built only from `HTMLText.escape`d text and markup written here, so a note containing
/// `<script>` shows as text.
struct Page {
    /// A link in the navigation bar, shown to the roles that may follow it.
    struct Link {
        let path: String, label: String
    }

    let title: String
    let viewer: Viewer?
    let body: String
    /// A file to e-mail or archive: the stylesheet inside, no navigation or forms.
    var standalone = false
    var csrfToken: String? { viewer?.csrfToken }

    /// The whole document.
    var html: String {
        if standalone {
            return """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>\(e(title)) · Tenure</title><style>\(Stylesheet.css)</style></head>
                <body><header><strong>Tenure</strong></header>
                <main><h1>\(e(title))</h1>
                \(body)
                </main></body></html>
                """
        }
        let navigation = viewer.map { viewer in
            Self.links(for: viewer).map { "<a href=\"\($0.path)\">\(e($0.label))</a>" }.joined(separator: " ")
                + " <span class=\"who\">\(e(viewer.username)) · \(e(viewer.role))</span>"
                + " <form method=\"post\" action=\"/logout\" class=\"inline\">\(csrfField(viewer.csrfToken))<button>Sign out</button></form>"
        } ?? ""
        return """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title)) · Tenure</title><link rel="stylesheet" href="/static/tenure.css"></head>
            <body><header><strong>Tenure</strong> <nav>\(navigation)</nav></header>
            <main><h1>\(e(title))</h1>
            \(body)
            </main></body></html>
            """
    }

    static func links(for viewer: Viewer) -> [Link] {
        var links = [Link(path: "/", label: "Overview"), Link(path: "/at-risk", label: "At-risk customers"),
                     Link(path: "/campaigns", label: "Retention")]
        if viewer.capabilities.seesDataHealth {
            links += [Link(path: "/data-health", label: "Data health"), Link(path: "/runs", label: "Runs")]
        }
        links.append(Link(path: "/lineage", label: "Lineage"))
        if viewer.capabilities.administers { links.append(Link(path: "/audit", label: "Audit")) }
        return links
    }
}

/// Escapes text for HTML.
func e(_ text: String) -> String { HTMLText.escape(text) }

/// A form's hidden CSRF field.
func csrfField(_ token: String) -> String { "<input type=\"hidden\" name=\"csrf\" value=\"\(e(token))\">" }

/// A table from a header and rows of already-escaped cells.
func table(_ header: [String], _ rows: [[String]], caption: String? = nil) -> String {
    var html = "<table>" + (caption.map { "<caption>\(e($0))</caption>" } ?? "")
    html += "<thead><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>"
    for row in rows { html += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>" }
    return html + "</tbody></table>"
}

/// The stylesheet, served from /static/tenure.css so the pages need no inline styles.
enum Stylesheet {
    static let css = """
        body{font-family:system-ui,sans-serif;margin:0;color:#1d2433;background:#f6f7f9}
        header{background:#12324a;color:#fff;padding:.6rem 1rem;display:flex;gap:1.5rem;align-items:center}
        header a{color:#dbe9f5;margin-right:.8rem;text-decoration:none}header a:hover{text-decoration:underline}
        .who{color:#9fc2dd;margin-left:1rem}form.inline{display:inline}main{padding:1rem 1.5rem;max-width:1200px}
        .cards{display:flex;flex-wrap:wrap;gap:1rem}.card{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:.8rem 1rem;min-width:11rem}
        .card b{display:block;font-size:1.5rem}table{border-collapse:collapse;background:#fff;margin:.5rem 0}
        th,td{border:1px solid #dde2e8;padding:.3rem .5rem;text-align:left;font-size:.9rem}th{background:#eef2f6}caption{text-align:left;font-weight:600;padding:.8rem 0 .3rem}
        figure{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:.5rem;margin:1rem 0}
        .HIGH{color:#b00020;font-weight:600}.MEDIUM{color:#a05a00}.LOW{color:#2e6b30}.error{color:#b00020}
        form.filters label{margin-right:.8rem}.splits a,.splits b{margin:0 .2rem}
        figure.lineage{overflow-x:auto}.success,.pass{color:#2e6b30}.fail{color:#b00020;font-weight:600}.warn{color:#a05a00}
        """
}
