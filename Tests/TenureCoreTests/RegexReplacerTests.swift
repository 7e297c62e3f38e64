import Testing
import TenureCore

@Suite("Normalization: regular-expression replacement")
struct RegexReplacerTests {
    let replacer = RegexReplacer()

    @Test("every match is replaced, with PostgreSQL's back references")
    func replaces() throws {
        #expect(try replacer.replacingAll(in: "a1b22c333", pattern: "[0-9]+", with: "#") == "a#b#c#")
        #expect(try replacer.replacingAll(in: "Smith, John", pattern: "^([^,]+), (.+)$", with: #"\2 \1"#) == "John Smith")
        #expect(try replacer.replacingAll(in: "abc", pattern: "b", with: #"[\&]"#) == "a[b]c")
        #expect(try replacer.replacingAll(in: "abc", pattern: "(a)(x)?", with: #"[\2\1\\\q\0]"#) == #"[a\\q\0]bc"#)
        #expect(try replacer.replacingAll(in: "abc", pattern: "b*", with: "X") == "XaXXcX")
        #expect(try replacer.replacingAll(in: "a$b", pattern: #"\$"#, with: "$1") == "a$1b")
        #expect(try replacer.replacingAll(in: "none", pattern: "x", with: "y") == "none")
        #expect(try replacer.replacingAll(in: "a\nb", pattern: "a.b", with: "X") == "X")
        #expect(try replacer.replacingAll(in: "Zoë 🚀 x", pattern: "[^a-z ]", with: "?") == "?o? ? x")
        #expect(try replacer.replacingAll(in: "trail\\", pattern: "l", with: "\\") == "trai\\\\")
    }

    @Test("an invalid pattern throws")
    func invalidPattern() {
        #expect(throws: RegexReplacer.InvalidPattern.self) {
            try replacer.replacingAll(in: "x", pattern: "(", with: "")
        }
    }

    @Test("the cache is safe to share between tasks")
    func concurrent() async throws {
        let replacer = RegexReplacer(capacity: 4)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<200 {
                        let pattern = "[\(index % 10)]"
                        let result = try replacer.replacingAll(in: "0123456789-\(task)", pattern: pattern, with: "_")
                        #expect(result.filter { $0 == "_" }.count >= 1)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
