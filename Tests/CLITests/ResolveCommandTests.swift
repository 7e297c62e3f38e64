import Foundation
import Testing
import WarehouseTestSupport

/// `tenure resolve` and `tenure review` as a user runs them, after a build of the generated bank.
@Suite("tenure resolve and review")
struct ResolveCommandTests {
    @Test func evaluateExplainAndReview() async throws {
        let bank = try await IngestCommandTests.bank.value
        let project = try BuildCommandTests.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try await TestEngine.sqlite.withWarehouseLocation { location in
            let common = ["--project", project.path, "--warehouse", location]
            #expect(try await CommandLineTests.run(["ingest", "--from", bank.path] + common).status == 0)
            let build = try await CommandLineTests.run(["build"] + common)
            #expect(build.status == 0, "\(build.output)\(build.errors)")

            let evaluation = try await CommandLineTests.run(["resolve", "--evaluate", "--bank", bank.path] + common)
            #expect(evaluation.status == 0, "\(evaluation.errors)")
            let precision = evaluation.output.split(separator: "\n").first { $0.hasPrefix("pairwise precision") }
                .flatMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first }.flatMap { Double($0) }
            #expect((precision ?? 0) >= 0.99, "\(evaluation.output)")
            #expect(evaluation.output.contains("supabase"))

            // The queue lists uncertain pairs; accepting one takes it off and links it on the next build.
            let queue = try await CommandLineTests.run(["review", "list", "--limit", "5"] + common)
            #expect(queue.status == 0, "\(queue.errors)")
            let first = try #require(queue.output.split(separator: "\n").dropFirst().first { $0.contains(":") && !$0.hasPrefix("decide") },
                                     "a pending pair in \(queue.output)")
            let records = first.split(separator: " ", omittingEmptySubsequences: true).suffix(2).map(String.init)
            #expect(records.count == 2)
            let accept = try await CommandLineTests.run(["review", "accept", records[0], records[1], "--reviewer", "ana", "--note", "same person"] + common)
            #expect(accept.status == 0, "\(accept.errors)")
            let after = try await CommandLineTests.run(["review", "list", "--limit", "500"] + common)
            #expect(!after.output.split(separator: "\n").contains { $0.contains(records[0]) && $0.contains(records[1]) }, "a decided pair leaves the queue")
            #expect(try await CommandLineTests.run(["build", "--select", "customer_xref+"] + common).status == 0)
            let explain = try await CommandLineTests.run(["resolve", "explain", records[0], records[1]] + common)
            #expect(explain.status == 0, "\(explain.errors)")
            #expect(explain.output.contains("prior"))
            #expect(explain.output.contains("decision: accept (by review)"), "\(explain.output)")
            #expect(explain.output.contains("same person: yes"))

            // Bad input: one line, non-zero exit.
            CommandLineTests().expectOneLineError(try await CommandLineTests.run(["resolve", "explain", "nocolon", records[1]] + common), mentioning: "SYSTEM:ID")
            CommandLineTests().expectOneLineError(try await CommandLineTests.run(["review", "reject", "erpnext:CUST-0000-99999", records[1]] + common),
                                                  mentioning: "no record erpnext:CUST-0000-99999")
            CommandLineTests().expectOneLineError(try await CommandLineTests.run(["resolve"] + common), mentioning: "--evaluate")
            CommandLineTests().expectOneLineError(try await CommandLineTests.run(["resolve", "--evaluate", "--bank", project.path] + common),
                                                  mentioning: "truth/source_records.csv")
        }
    }
}
