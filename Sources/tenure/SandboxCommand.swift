import ArgumentParser
import Foundation
import Hummingbird
import Sandbox
import TenureCore

/// `tenure sandbox`: the simulated bank behind emulations of its four systems' APIs.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve a generated bank through emulations of ERPNext's, Salesforce's, Supabase's and Google Sheets' APIs.",
        discussion: """
        Loads the bank into a store beside it on first use (DIR/.sandbox/), makes fresh credentials, \
        writes them with the APIs' URLs to an env file (default .env in the project) for `tenure ingest \
        --from api`, and serves until stopped. Fault switches make it misbehave like real services.
        """
    )

    @OptionGroup var options: ProjectOptions

    @Option(help: "The generated bank to serve (default: sources.directory in tenure.yml, else data/bank).")
    var data: String?

    @Option(help: "The port to listen on (127.0.0.1).")
    var port = 8790

    @Option(help: "Where to write the connectors' URLs and credentials (default: sources.env_file in tenure.yml, else .env).")
    var envFile: String?

    @Option(help: "Milliseconds added to every answer.")
    var latency = 0

    @Option(help: "The share of requests (0-1) answered with HTTP 500.")
    var errorRate = 0.0

    @Option(help: "Every N requests, a burst of HTTP 429 answers with Retry-After (0: never).")
    var rateLimitEvery = 0

    @Option(help: "Requests an OAuth token (Salesforce, Google) serves before it expires (0: never).")
    var tokenLifetime = 0

    @Option(help: "Systems that answer 503 to everything, comma-separated (erpnext,salesforce,supabase,sheets).")
    var down = ""

    func run() async throws {
        let configuration = try options.configuration()
        var logger = options.logger("tenure.sandbox")
        logger.logLevel = options.verbose ? .info : .notice
        let bank = configuration.resolve(data ?? configuration.sourcesDirectory)
        var settings = SandboxServer.Settings()
        settings.port = port
        settings.faults.latency = .milliseconds(latency)
        settings.faults.serverErrorRate = errorRate
        settings.faults.rateLimitEvery = rateLimitEvery
        settings.faults.tokenLifetimeRequests = tokenLifetime
        settings.faults.down = Set(try down.split(separator: ",").map { name in
            guard let system = SourceSystem(rawValue: name.trimmingCharacters(in: .whitespaces)) else { throw CLIError("--down: no system \(name)") }
            return system
        })
        guard (0...1).contains(errorRate) else { throw CLIError("--error-rate must be between 0 and 1") }
        let started = ContinuousClock.now
        let store: SandboxStore
        do { store = try await SandboxStore.open(bank: bank, file: bank.appendingPathComponent(".sandbox/store.sqlite")) } catch {
            throw CLIError("\(error)")
        }
        let records = store.counts.values.reduce(0, +)
        print("loaded \(records) records of \(bank.path) in \(ContinuousClock.now - started)")
        let credentials = try SandboxCredentials.generate()
        let env = configuration.resolve(envFile ?? configuration.envFile)
        let base = "http://127.0.0.1:\(port)"
        do { try credentials.writeEnvironment(to: env, baseURL: base) } catch { throw CLIError("\(error)") }
        print("""
            Tenure sandbox on \(base)/ (Ctrl-C stops it)
              ERPNext     \(base)/api/resource/Customer
              Salesforce  \(base)/services/oauth2/token, \(base)/services/data/v59.0/query
              Supabase    \(base)/rest/v1/app_sessions
              Sheets      \(base)/token, \(base)/v4/spreadsheets/\(credentials.spreadsheetID)/values/Branches
            credentials for `tenure ingest --from api` written to \(env.path)
            """)
        fflush(nil)
        try await SandboxServer(store: store, credentials: credentials, settings: settings, logger: logger).application().runService()
    }
}
