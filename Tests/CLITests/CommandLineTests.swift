import Foundation
import Testing

/// Runs the built `tenure` binary as a user would, and checks what it prints and how it exits.
@Suite("The tenure command line")
struct CommandLineTests {
    struct Outcome {
        let status: Int32
        let output: String
        let errors: String
    }

    /// The `tenure` binary beside the test bundle, in the same build folder.
    static var binary: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while folder.pathExtension == "xctest" || folder.lastPathComponent == "Contents" || folder.lastPathComponent == "MacOS" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("tenure")
    }

    /// Runs `tenure` with `arguments` and collects what it prints. A command still running after
    /// `timeLimit` is killed and recorded as a failure naming it, so a hang fails its test
    /// instead of stalling the whole run.
    static func run(_ arguments: [String], environment: [String: String] = [:], timeLimit: Duration = .seconds(600)) async throws -> Outcome {
        let command = try ChildProcess(binary, arguments, environment: environment)
        if await !command.waitForExit(timeLimit: timeLimit) {
            Issue.record("`tenure \(arguments.joined(separator: " "))` did not finish within \(timeLimit.components.seconds) s and was killed")
        }
        return Outcome(status: command.status, output: command.output, errors: command.errors)
    }

    /// A failure is one line on standard error, a non-zero exit, and no trace of a crash.
    func expectOneLineError(_ outcome: Outcome, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status != 0, sourceLocation: sourceLocation)
        let lines = outcome.errors.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got: \(outcome.errors)", sourceLocation: sourceLocation)
        #expect(outcome.errors.contains(text), "\(outcome.errors)", sourceLocation: sourceLocation)
        #expect(!outcome.errors.contains("Fatal error") && !outcome.errors.contains("Stack dump"), sourceLocation: sourceLocation)
    }

    @Test func aCommandStillRunningAtItsTimeLimitIsKilled() async throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-cli-limit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: project) }
        // A bank of its own: the sandbox keeps its store in the bank's folder.
        let bank = project.appendingPathComponent("bank")
        #expect(try await Self.run(["generate", "--customers", "3", "--out", bank.path]).status == 0)
        // The sandbox serves until it is stopped.
        let sandbox = try ChildProcess(Self.binary, ["sandbox", "--data", bank.path, "--port", String(try SandboxCommandTests.freePort()), "--project", project.path])
        let started = ContinuousClock.now
        #expect(await !sandbox.waitForExit(timeLimit: .seconds(3)))
        #expect(sandbox.terminatingSignal == SIGKILL && sandbox.status == 128 + SIGKILL)
        #expect(ContinuousClock.now - started >= .seconds(3))
    }

    @Test func everyCommandHasHelp() async throws {
        let root = try await Self.run(["--help"])
        #expect(root.status == 0)
        #expect(root.output.contains("generate"))
        let generate = try await Self.run(["generate", "--help"])
        #expect(generate.status == 0)
        for option in ["--customers", "--seed", "--out", "--dirt"] { #expect(generate.output.contains(option)) }
        #expect(generate.output.contains("mixed_date_formats"), "the dirt rates are documented in the help")
    }

    @Test func zeroCustomersIsRefusedInOneLine() async throws {
        expectOneLineError(try await Self.run(["generate", "--customers", "0", "--out", NSTemporaryDirectory() + "/never"]),
                           mentioning: "--customers must be between 1 and 500000")
    }

    @Test func anUnwritableFolderIsRefusedInOneLine() async throws {
        expectOneLineError(try await Self.run(["generate", "--customers", "3", "--out", "/dev/null/bank"]), mentioning: "cannot write /dev/null/bank")
    }

    @Test func aBadDirtRateIsRefusedInOneLine() async throws {
        expectOneLineError(try await Self.run(["generate", "--customers", "3", "--dirt", "nicknames=2", "--out", NSTemporaryDirectory() + "/never"]),
                           mentioning: "invalid dirt rate")
    }

    @Test func generateWritesTheBankAndSaysWhat() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await Self.run(["generate", "--customers", "20", "--seed", "5", "--out", folder.path])
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.output.contains("erpnext/customer"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("truth/people.csv").path))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any]
        #expect(manifest?["customers"] as? Int == 20)
    }
}
