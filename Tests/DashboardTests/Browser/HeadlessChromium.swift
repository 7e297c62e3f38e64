// Drives a real headless Chromium over the Chrome DevTools Protocol (CDP) on a pipe, for dashboard tests.
//
// With --remote-debugging-pipe Chromium reads commands from fd 3 and writes replies and events to fd 4,
// each message a JSON object followed by a NUL byte (here both fds are one end of a socketpair). Using that
// instead of the WebSocket endpoint needs no port, no HTTP upgrade and no third-party package. Everything runs
// on the caller's thread: replies are read with poll(2) against a deadline, and events that arrive meanwhile
// are buffered for `load`. The calls block: async tests make them from a dispatch thread (BrowserTests.offThePool).
// Linux only (Glibc), as Tenure is.

import Foundation
import Glibc
import ProcessTestSupport

/// Why a `HeadlessChromium` operation failed, in one line.
struct BrowserError: Error, CustomStringConvertible {
    /// The one-line explanation shown in test failures.
    let description: String

    /// Wraps a one-line message.
    init(_ description: String) { self.description = description }
}

/// A headless Chromium driven over the DevTools protocol on a pipe.
/// One test drives it at a time, call after call, which is why it may cross to the dispatch thread
/// that makes each blocking call.
final class HeadlessChromium: @unchecked Sendable {
    /// What `load` saw while a page loaded.
    struct PageLoad {
        /// HTTP status of the main document; nil when there was no HTTP response (about:, data:, file:).
        let status: Int?
        /// Console errors, uncaught exceptions and error log entries (CSP violations, failed sub-resources) of this load only.
        let consoleErrors: [String]
        /// `document.title` once the load event has fired.
        let title: String
    }

    /// A decoded CDP message.
    private typealias Message = [String: Any]

    /// How long a single command may take before we give up on the browser.
    private static let commandTimeout: TimeInterval = 15

    /// The browser's pid; also its process group id, so helper processes can be killed with it.
    private let pid: pid_t
    /// Our end of the socket whose other end is the browser's fd 3 and fd 4.
    private var socket: Int32
    /// Temp directory holding the profile and the browser's stdout/stderr log; removed on close.
    private let tempRoot: URL
    /// The flattened session of the page target; page-level commands carry it.
    private var sessionId = ""
    /// Id of the last command sent; replies are matched on it.
    private var lastId = 0
    /// Bytes read from the browser that do not yet form a whole NUL-terminated message.
    private var inbox: [UInt8] = []
    /// How much of `inbox` is known to hold no NUL, so multi-megabyte screenshot replies are scanned once.
    private var inboxScanned = 0
    /// Page-session events read while waiting for a reply, oldest first.
    private var events: [Message] = []
    /// Set once `close` has run, so deinit and repeated calls do nothing.
    private var closed = false

    /// The browser to use: $TENURE_TEST_CHROMIUM, else /usr/bin/chromium if executable, else nil (tests skip).
    static func executable() -> String? {
        if let path = ProcessInfo.processInfo.environment["TENURE_TEST_CHROMIUM"], !path.isEmpty {
            return path
        }
        let debian = "/usr/bin/chromium"
        return FileManager.default.isExecutableFile(atPath: debian) ? debian : nil
    }

    /// Launches a fresh headless browser and attaches to its about:blank page.
    init(executable: String, launchTimeout: TimeInterval = 30) throws {
        Self.removeAbandonedTempDirectories()
        // Named after our pid so a later run can tell when the test process that made it has died.
        tempRoot = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(Self.tempPrefix)\(getpid())-\(UUID().uuidString)", isDirectory: true)
        let profile = tempRoot.appendingPathComponent("profile", isDirectory: true)
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let arguments = [
            executable,
            "--headless",
            "--remote-debugging-pipe",
            "--no-sandbox",  // the sandbox refuses to run as root, which is how tests run in CI containers
            "--disable-gpu",
            "--disable-dev-shm-usage",  // containers often have a tiny /dev/shm, which crashes renderers
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",  // no component updates or safe-browsing fetches during tests
            "--disable-sync",
            "--mute-audio",
            "--hide-scrollbars",  // keeps screenshots free of scrollbar chrome
            "--user-data-dir=\(profile.path)",
            "--window-size=1280,900",
            "about:blank",
        ]
        do {
            let process = try Self.spawn(arguments, log: tempRoot.appendingPathComponent("chromium.log").path)
            pid = process.pid
            socket = process.socket
        } catch {
            try? FileManager.default.removeItem(at: tempRoot)
            throw error
        }
        do {
            try attachToPage(timeout: launchTimeout)
        } catch {
            let exited = hasExited() ? "Chromium exited during start-up: " : ""
            let log = logTail()
            close()
            throw BrowserError(exited + "\(error)" + (log.isEmpty ? "" : "; chromium log ends: \(log)"))
        }
    }

    deinit { close() }

    /// Stores a cookie in the browser, e.g. a session cookie so a later `load` is signed in.
    func setCookie(name: String, value: String, url: String) throws {
        let reply = try call("Network.setCookie", ["name": name, "value": value, "url": url])
        // Older protocol versions answer {success: false} instead of an error reply.
        if let success = reply["success"] as? Bool, !success {
            throw BrowserError("Network.setCookie refused cookie \(name) for \(url)")
        }
    }

    /// Navigates to `url`, waits for its load event and reports status, console errors and title.
    func load(_ url: String, timeout: TimeInterval = 20) throws -> PageLoad {
        let deadline = Date(timeIntervalSinceNow: timeout)
        // Only this navigation's errors count: drop whatever earlier pages left behind.
        try discardPendingEvents()
        let navigation = try call("Page.navigate", ["url": url], deadline: deadline)
        if let errorText = navigation["errorText"] as? String, !errorText.isEmpty {
            throw BrowserError("navigating to \(url) failed: \(errorText)")
        }
        var progress = LoadProgress(mainFrame: navigation["frameId"] as? String)
        while !progress.loaded {
            progress.record(try nextEvent(deadline: deadline, awaiting: "Page.loadEventFired for \(url)"))
        }
        // Evaluating the title is also a barrier: whatever was logged before it ran is delivered before its reply.
        let title = try evaluate("document.title") ?? ""
        while !events.isEmpty { progress.record(events.removeFirst()) }
        return PageLoad(status: progress.status, consoleErrors: progress.errors, title: title)
    }

    /// Evaluates JavaScript in the page; strings come back as-is, other JSON values as JSON text, null/undefined as nil.
    func evaluate(_ expression: String) throws -> String? {
        let reply = try call("Runtime.evaluate", [
            "expression": expression, "returnByValue": true, "awaitPromise": true,
        ])
        if let details = reply["exceptionDetails"] as? Message {
            let message = Self.describe(exception: details).split(separator: "\n").first.map(String.init) ?? ""
            throw BrowserError("evaluating \(expression) threw: \(message)")
        }
        guard let result = reply["result"] as? Message, let value = result["value"], !(value is NSNull) else {
            return nil
        }
        if let string = value as? String { return string }
        let data = try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes a PNG of the whole page (not just the 1280x900 viewport) to `file`.
    func screenshot(to file: URL) throws {
        var parameters: Message = ["format": "png", "captureBeyondViewport": true]
        let metrics = try call("Page.getLayoutMetrics", [:])
        if let size = metrics["cssContentSize"] as? Message,
           let width = (size["width"] as? NSNumber)?.doubleValue, let height = (size["height"] as? NSNumber)?.doubleValue,
           width > 0, height > 0 {
            parameters["clip"] = ["x": 0, "y": 0, "width": width, "height": height, "scale": 1]
        }
        let reply = try call("Page.captureScreenshot", parameters)
        guard let base64 = reply["data"] as? String, let png = Data(base64Encoded: base64) else {
            throw BrowserError("Page.captureScreenshot returned no image data")
        }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try png.write(to: file)
    }

    /// Shuts the browser down (politely, then by SIGKILL to its process group) and deletes the temp profile.
    func close() {
        guard !closed else { return }
        closed = true
        // Browser.close lets Chromium flush and exit cleanly; closing our end of the pipe would also make it quit.
        _ = try? call("Browser.close", [:], toPage: false, deadline: Date(timeIntervalSinceNow: 2))
        Glibc.close(socket)
        socket = -1
        let exitDeadline = Date(timeIntervalSinceNow: 5)
        while !hasExited() && Date() < exitDeadline { usleep(20_000) }
        // The exited-but-unreaped browser still owns the group id, so this cannot hit an unrelated group.
        // It kills the browser if it lingered, and any renderer/GPU helper that outlived it.
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        try? FileManager.default.removeItem(at: tempRoot)
    }

    // MARK: - Launching

    /// Starts the browser in its own process group with one end of a socketpair on fds 3 and 4; returns pid and our end.
    private static func spawn(_ arguments: [String], log: String) throws -> (pid: pid_t, socket: Int32) {
        // A socketpair rather than two pipes: writes can then use MSG_NOSIGNAL, so a dead browser gives EPIPE
        // instead of a SIGPIPE that would kill the test process. CLOEXEC keeps both ends out of other children.
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            throw BrowserError("socketpair failed: \(String(cString: strerror(errno)))")
        }
        // Move the browser's end above 4 so the dup2s onto 3 and 4 cannot clobber it (dup2 of an fd onto itself
        // would also leave CLOEXEC set and the fd would vanish at exec).
        let childEnd = fcntl(ends[1], F_DUPFD_CLOEXEC, 10)
        Glibc.close(ends[1])
        defer { if childEnd >= 0 { Glibc.close(childEnd) } }
        guard childEnd >= 0 else {
            Glibc.close(ends[0])
            throw BrowserError("fcntl(F_DUPFD_CLOEXEC) failed: \(String(cString: strerror(errno)))")
        }

        // In a process group of its own, so close() can kill the helpers with the browser.
        let pid: pid_t
        do {
            pid = try spawnProcess(arguments, searchingPath: true, ownProcessGroup: true, firstClosed: 5) { actions in
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                // Chromium is chatty on stdout/stderr; keep it out of the test output but readable for launch failures.
                posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                posix_spawn_file_actions_adddup2(&actions, 1, 2)
                posix_spawn_file_actions_adddup2(&actions, childEnd, 3)
                posix_spawn_file_actions_adddup2(&actions, childEnd, 4)
            }
        } catch {
            Glibc.close(ends[0])
            throw BrowserError("\(error)")
        }
        return (pid, ends[0])
    }

    /// Finds the page target Chromium opened for about:blank and attaches to it with a flattened session.
    private func attachToPage(timeout: TimeInterval) throws {
        let deadline = Date(timeIntervalSinceNow: timeout)
        var targetId: String?
        // The initial tab may not be registered yet when the pipe starts answering, so ask until it is.
        while targetId == nil {
            let reply = try call("Target.getTargets", [:], toPage: false, deadline: deadline)
            let targets = reply["targetInfos"] as? [Message] ?? []
            targetId = targets.first { $0["type"] as? String == "page" }?["targetId"] as? String
            if targetId == nil {
                guard Date() < deadline else { throw BrowserError("timed out waiting for Chromium's page target") }
                usleep(50_000)
            }
        }
        let attached = try call("Target.attachToTarget", ["targetId": targetId!, "flatten": true],
                                toPage: false, deadline: deadline)
        guard let session = attached["sessionId"] as? String else {
            throw BrowserError("Target.attachToTarget returned no sessionId")
        }
        sessionId = session
        // Page: load events; Runtime: console calls and exceptions; Log: CSP and network errors; Network: status codes.
        for domain in ["Page", "Runtime", "Log", "Network"] {
            _ = try call("\(domain).enable", [:], deadline: deadline)
        }
        // --window-size includes the emulated window chrome (the page got 1280x757); pin the viewport itself.
        _ = try call("Emulation.setDeviceMetricsOverride",
                     ["width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false], deadline: deadline)
    }

    // MARK: - Protocol

    /// Sends a command and returns its `result`, buffering page events that arrive first.
    private func call(_ method: String, _ parameters: Message, toPage: Bool = true, deadline: Date? = nil) throws -> Message {
        let id = try send(method, parameters, toPage: toPage)
        let deadline = deadline ?? Date(timeIntervalSinceNow: Self.commandTimeout)
        while true {
            let message = try readMessage(deadline: deadline, awaiting: "the reply to \(method)")
            guard let replyId = message["id"] as? Int else {
                buffer(event: message)
                continue
            }
            // Replies to earlier commands that timed out are stale; skip them.
            guard replyId == id else { continue }
            if let error = message["error"] as? Message {
                throw BrowserError("\(method) failed: \(error["message"] as? String ?? "\(error)")")
            }
            return message["result"] as? Message ?? [:]
        }
    }

    /// Writes one NUL-terminated command and returns its id.
    @discardableResult
    private func send(_ method: String, _ parameters: Message, toPage: Bool) throws -> Int {
        guard socket >= 0 else { throw BrowserError("\(method): the browser has been closed") }
        lastId += 1
        var message: Message = ["id": lastId, "method": method, "params": parameters]
        if toPage { message["sessionId"] = sessionId }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw BrowserError("sending \(method) failed: \(String(cString: strerror(errno)))")
            }
            written += count
        }
        return lastId
    }

    /// Returns the next buffered or incoming page event, waiting until `deadline`.
    private func nextEvent(deadline: Date, awaiting what: String) throws -> Message {
        while events.isEmpty {
            let message = try readMessage(deadline: deadline, awaiting: what)
            if message["id"] == nil { buffer(event: message) }
        }
        return events.removeFirst()
    }

    /// Drops buffered events and any already readable from the pipe, without waiting.
    private func discardPendingEvents() throws {
        events.removeAll()
        while let message = try readMessage(deadline: Date(), awaiting: "pending events", orNilOnTimeout: true) {
            _ = message
        }
        events.removeAll()
    }

    /// Keeps events of our page session; the browser-level ones (other targets) are of no interest.
    private func buffer(event message: Message) {
        if message["sessionId"] as? String == sessionId { events.append(message) }
    }

    /// Reads the next whole message, waiting with poll(2) until `deadline`.
    private func readMessage(deadline: Date, awaiting what: String) throws -> Message {
        try readMessage(deadline: deadline, awaiting: what, orNilOnTimeout: false)!
    }

    /// Reads the next whole message; on timeout throws, or returns nil if `orNilOnTimeout`.
    private func readMessage(deadline: Date, awaiting what: String, orNilOnTimeout: Bool) throws -> Message? {
        while true {
            if let end = inbox[inboxScanned...].firstIndex(of: 0) {
                let json = inbox[..<end]
                inbox.removeSubrange(...end)
                inboxScanned = 0
                guard let message = try? JSONSerialization.jsonObject(with: Data(json)) as? Message else {
                    throw BrowserError("unparseable DevTools message: \(String(decoding: json.prefix(200), as: UTF8.self))")
                }
                if message["method"] as? String == "Inspector.targetCrashed" {
                    throw BrowserError("the page crashed while waiting for \(what)")
                }
                return message
            }
            inboxScanned = inbox.count
            guard socket >= 0 else { throw BrowserError("the browser has been closed; was waiting for \(what)") }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let milliseconds = max(0, Int32(min(deadline.timeIntervalSinceNow * 1000, 3_600_000).rounded(.up)))
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                throw BrowserError("poll failed waiting for \(what): \(String(cString: strerror(errno)))")
            }
            if ready == 0 {
                if orNilOnTimeout { return nil }
                throw BrowserError("timed out waiting for \(what)")
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw BrowserError("reading from the browser failed waiting for \(what): \(String(cString: strerror(errno)))")
            }
            if count == 0 { throw BrowserError("the browser exited while waiting for \(what)") }
            inbox.append(contentsOf: chunk[..<count])
        }
    }

    // MARK: - Helpers

    /// Start of every temp directory name, followed by the owning test process's pid.
    private static let tempPrefix = "headless-chromium-"

    /// Deletes temp directories left by test processes that died before `close` (a crash, a SIGKILL).
    private static func removeAbandonedTempDirectories() {
        let temp = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temp.path)) ?? []
        for name in names where name.hasPrefix(tempPrefix) {
            guard let owner = pid_t(name.dropFirst(tempPrefix.count).prefix { $0 != "-" }), owner != getpid() else { continue }
            if kill(owner, 0) == -1 && errno == ESRCH {
                try? FileManager.default.removeItem(at: temp.appendingPathComponent(name))
            }
        }
    }

    /// What `load` has gathered so far from the events of one navigation.
    private struct LoadProgress {
        /// The main frame being navigated; its document response carries the status.
        let mainFrame: String?
        /// Main document HTTP status, once its response arrived.
        var status: Int?
        /// Errors reported by the new document.
        var errors: [String] = []
        /// Whether the new document has committed; errors before that come from the page being left.
        var committed = false
        /// Whether the main frame's load event has fired.
        var loaded = false

        /// Folds one page event into the status, errors and flags.
        mutating func record(_ event: Message) {
            let parameters = event["params"] as? Message ?? [:]
            switch event["method"] as? String {
            case "Page.loadEventFired":
                loaded = true
            case "Page.frameNavigated":
                if let frame = parameters["frame"] as? Message, frame["id"] as? String == mainFrame { committed = true }
            case "Network.responseReceived":
                if parameters["type"] as? String == "Document", parameters["frameId"] as? String == mainFrame,
                   let response = parameters["response"] as? Message, let code = (response["status"] as? NSNumber)?.intValue {
                    status = code
                }
            case "Runtime.consoleAPICalled" where committed:
                let type = parameters["type"] as? String ?? ""
                if type == "error" || type == "assert" {
                    let arguments = (parameters["args"] as? [Message] ?? []).map(HeadlessChromium.describe(remoteObject:))
                    errors.append("console.\(type): " + arguments.joined(separator: " "))
                }
            case "Runtime.exceptionThrown" where committed:
                if let details = parameters["exceptionDetails"] as? Message {
                    errors.append("exception: " + HeadlessChromium.describe(exception: details))
                }
            case "Log.entryAdded" where committed:
                guard let entry = parameters["entry"] as? Message, entry["level"] as? String == "error" else { break }
                let url = entry["url"] as? String
                // Chromium probes /favicon.ico on its own after load; a 404 there is not the page's error, and it
                // would otherwise land at random in this load or the next.
                if let url, URL(string: url)?.path == "/favicon.ico" { break }
                // source is e.g. "network" (failed sub-resource), "security" (CSP violation), "javascript".
                errors.append("\(entry["source"] as? String ?? "log"): \(entry["text"] as? String ?? "")" + (url.map { " (\($0))" } ?? ""))
            default:
                break
            }
        }
    }

    /// Renders a console argument the way DevTools would print it.
    private static func describe(remoteObject object: Message) -> String {
        if let value = object["value"] {
            if let string = value as? String { return string }
            if let data = try? JSONSerialization.data(withJSONObject: value, options: .fragmentsAllowed) {
                return String(decoding: data, as: UTF8.self)
            }
        }
        return object["description"] as? String ?? object["unserializableValue"] as? String ?? object["type"] as? String ?? "?"
    }

    /// Renders exceptionDetails: the thrown value's description (message and stack) when present, else its text.
    private static func describe(exception details: Message) -> String {
        if let exception = details["exception"] as? Message, let description = exception["description"] as? String {
            return description
        }
        return details["text"] as? String ?? "unknown exception"
    }

    /// True once the browser has exited, without reaping it (so its pid still names its process group).
    private func hasExited() -> Bool {
        var info = siginfo_t()
        // Linux leaves si_signo 0 when WNOHANG finds no state change.
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == -1 ? errno == ECHILD : info.si_signo == SIGCHLD
    }

    /// The last lines of Chromium's stdout/stderr, for launch failure messages.
    private func logTail() -> String {
        guard let data = FileManager.default.contents(atPath: tempRoot.appendingPathComponent("chromium.log").path) else {
            return ""
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").suffix(5)
        return lines.joined(separator: " | ")
    }
}
