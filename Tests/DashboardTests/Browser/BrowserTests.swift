import Foundation
import HummingbirdTesting
import Testing
import Warehouse

/// Every page of the dashboard loaded in a real headless Chromium over loopback: it renders, its
/// stylesheet applies under the Content-Security-Policy, and the browser reports no console
/// error (a blocked style, a failed load, a script error). Screenshots go to
/// `.ci/artifacts/screenshots/` (or `$TENURE_SCREENSHOTS`), where CI keeps them.
///
/// `scripts/test` installs Debian's chromium and sets TENURE_REQUIRE_BROWSER, so there a missing
/// browser fails the suite; a bare `swift test` without chromium skips it.
@Suite("Dashboard in Chromium", .serialized,
       .enabled(if: HeadlessChromium.executable() != nil || ProcessInfo.processInfo.environment["TENURE_REQUIRE_BROWSER"] == "1"))
struct BrowserTests {
    static let screenshots = ProcessInfo.processInfo.environment["TENURE_SCREENSHOTS"].map { URL(fileURLWithPath: $0) }
        ?? DashboardTests.repository.appendingPathComponent(".ci/artifacts/screenshots")

    @Test func everyPageRendersWithoutConsoleErrors() async throws {
        let executable = try #require(HeadlessChromium.executable(), "chromium is not installed: scripts/test installs it")
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        try await DashboardTests.withServer(.live) { client, warehouse in
            let port = try #require(client.port)
            let base = "http://127.0.0.1:\(port)"
            let customer = try await DashboardTests.riskiest(warehouse)
            let session = try #require(try await DashboardTests.signIn(client, as: "admin"))
            let analyst = try #require(try await DashboardTests.signIn(client, as: "analyst"))

            let browser = try await Self.offThePool { try HeadlessChromium(executable: executable) }
            defer { browser.close() }

            // Signed out, the browser is sent to the sign-in page, which must itself be clean.
            let signIn = try await Self.offThePool { try browser.load(base + "/at-risk") }
            #expect(signIn.status == 200 && signIn.title == "Sign in · Tenure" && signIn.consoleErrors.isEmpty, "\(signIn.consoleErrors)")

            try await Self.offThePool { try browser.setCookie(name: "tenure_session", value: session, url: base) }
            // Pages reached by a link are followed from the page before them, so the links are tested too.
            let pages: [(name: String, path: String, charts: Bool)] = [
                ("overview", "/", true), ("overview-by-product", "/?by=product", true), ("overview-by-branch", "/?by=branch", true),
                ("at-risk", "/at-risk", false), ("at-risk-high-by-balance", "/at-risk?tier=HIGH&sort=balance", false),
                ("customer", "link:main a[href^='/customers/']", true), ("retention", "/campaigns", false),
                ("data-health", "/data-health", true), ("runs", "/runs", true), ("run", "link:main a[href^='/runs/']", true),
                ("lineage", "/lineage", true), ("audit", "/audit", false),
            ]
            for page in pages {
                var path = page.path
                if path.hasPrefix("link:") {
                    let selector = String(path.dropFirst(5))
                    path = try #require(try await Self.offThePool { try browser.evaluate("document.querySelector(\"\(selector)\").getAttribute('href')") },
                                        "a link \(selector) on the page before")
                }
                let url = base + path
                let load = try await Self.offThePool { try browser.load(url) }
                #expect(load.status == 200, "\(path): HTTP \(load.status.map(String.init) ?? "none")")
                #expect(load.consoleErrors.isEmpty, "\(path): \(load.consoleErrors)")
                #expect(load.title.hasSuffix("· Tenure") && !load.title.hasPrefix("Sign in"), "\(path): \(load.title)")
                let rendered = try await Self.offThePool { () -> (header: String?, svgs: String?) in
                    (try browser.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor"),
                     try browser.evaluate("String(document.querySelectorAll('main svg').length)"))
                }
                // The navy header proves /static/tenure.css loaded and applied under the CSP.
                #expect(rendered.header == "rgb(18, 50, 74)", "\(path): header \(rendered.header ?? "none")")
                if page.charts { #expect(Int(rendered.svgs ?? "") ?? 0 > 0, "\(path) draws its charts") }
                try await Self.offThePool { try browser.screenshot(to: Self.screenshots.appendingPathComponent("admin-\(page.name).png")) }
            }

            // An analyst's list shows masked contact details in the browser too.
            try await Self.offThePool { try browser.setCookie(name: "tenure_session", value: analyst, url: base) }
            let list = try await Self.offThePool { try browser.load(base + "/at-risk?tier=HIGH") }
            #expect(list.status == 200 && list.consoleErrors.isEmpty, "\(list.consoleErrors)")
            let masked = try await Self.offThePool { try browser.evaluate("document.querySelector('main table').innerText") }
            #expect(masked?.contains("•••@") == true && masked?.contains(customer.email) == false)
            try await Self.offThePool { try browser.screenshot(to: Self.screenshots.appendingPathComponent("analyst-at-risk.png")) }
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: Self.screenshots.path).filter { $0.hasSuffix(".png") }
        #expect(written.count >= 13)
    }

    /// Runs the browser's blocking calls on a dispatch thread, so they never hold one of the
    /// cooperative pool's threads (two on this machine) that the in-process server needs.
    static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}
