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
    /// `timeLimit` seconds is killed and recorded as a failure naming it, so a hang fails its test
    /// instead of stalling the whole run.
    static func run(_ arguments: [String], environment: [String: String] = [:], timeLimit: TimeInterval = 600) throws -> Outcome {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are drained at once: a command that fills one while we wait on the other
        // would otherwise stall with us.
        let output = Drain(out.fileHandleForReading), errors = Drain(err.fileHandleForReading)
        let deadline = Date(timeIntervalSinceNow: timeLimit)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("`tenure \(arguments.joined(separator: " "))` did not finish within \(Int(timeLimit)) s and was killed")
        }
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: output.text(), errors: errors.text())
    }

    /// Reads a pipe to its end on a thread of its own.
    final class Drain: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()

        init(_ handle: FileHandle) {
            Thread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }.start()
        }

        /// What was read, once the writer has closed the pipe (or after 10 s more, if something it started holds it open).
        func text() -> String {
            guard done.wait(timeout: .now() + 10) == .success else { return "(the pipe stayed open after the command ended)" }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// A failure is one line on standard error, a non-zero exit, and no trace of a crash.
    func expectOneLineError(_ outcome: Outcome, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status != 0, sourceLocation: sourceLocation)
        let lines = outcome.errors.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got: \(outcome.errors)", sourceLocation: sourceLocation)
        #expect(outcome.errors.contains(text), "\(outcome.errors)", sourceLocation: sourceLocation)
        #expect(!outcome.errors.contains("Fatal error") && !outcome.errors.contains("Stack dump"), sourceLocation: sourceLocation)
    }

    @Test func everyCommandHasHelp() throws {
        let root = try Self.run(["--help"])
        #expect(root.status == 0)
        #expect(root.output.contains("generate"))
        let generate = try Self.run(["generate", "--help"])
        #expect(generate.status == 0)
        for option in ["--customers", "--seed", "--out", "--dirt"] { #expect(generate.output.contains(option)) }
        #expect(generate.output.contains("mixed_date_formats"), "the dirt rates are documented in the help")
    }

    @Test func zeroCustomersIsRefusedInOneLine() throws {
        expectOneLineError(try Self.run(["generate", "--customers", "0", "--out", NSTemporaryDirectory() + "/never"]),
                           mentioning: "--customers must be between 1 and 500000")
    }

    @Test func anUnwritableFolderIsRefusedInOneLine() throws {
        expectOneLineError(try Self.run(["generate", "--customers", "3", "--out", "/dev/null/bank"]), mentioning: "cannot write /dev/null/bank")
    }

    @Test func aBadDirtRateIsRefusedInOneLine() throws {
        expectOneLineError(try Self.run(["generate", "--customers", "3", "--dirt", "nicknames=2", "--out", NSTemporaryDirectory() + "/never"]),
                           mentioning: "invalid dirt rate")
    }

    @Test func generateWritesTheBankAndSaysWhat() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tenure-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try Self.run(["generate", "--customers", "20", "--seed", "5", "--out", folder.path])
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.output.contains("erpnext/customer"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("truth/people.csv").path))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any]
        #expect(manifest?["customers"] as? Int == 20)
    }
}
