import ArgumentParser

/// The `tenure` command: one customer view and a daily churn forecast from the bank's four systems.
@main
struct Tenure: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenure",
        abstract: "Unify a retail bank's four systems into one customer view and a daily churn forecast.",
        discussion: """
        Tenure extracts ERPNext, Salesforce, Supabase and Google Sheets data into a warehouse \
        (bronze, silver, gold), resolves customers across systems, and predicts churn.
        """,
        subcommands: [Generate.self, SandboxCommand.self, Run.self, Ingest.self, Build.self, DataTests.self, Resolve.self, Review.self, ModelCommand.self, Status.self, LineageCommand.self, Docs.self, Users.self, Audit.self, Serve.self, Report.self]
    )
}
