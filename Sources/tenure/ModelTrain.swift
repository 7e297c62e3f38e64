import ArgumentParser
import ChurnForecast
import ChurnModel
import Foundation

/// `tenure model`: train, evaluate and manage churn models.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Train, evaluate and manage churn models.",
        subcommands: [Train.self, List.self, Show.self, Promote.self]
    )

    /// `tenure model train`: XGBoost and a logistic baseline on one split, with their figures.
    struct Train: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train the churn model on the warehouse's features (or any labelled table with --csv) and print its figures.",
            discussion: """
            Without --csv: XGBoost learns from gold.churn_features' training snapshots, stops early \
            on the validation snapshots (the latest whose outcome is known, out of time) and is \
            reported beside a logistic baseline and the bank's rule on the same rows. The model, \
            refitted on every labelled snapshot, is registered in ml.model_versions and becomes \
            champion when it beats the champion's validation ROC AUC; gold.churn_predictions is then \
            rebuilt with it. With MLFLOW_TRACKING_URI set, the run is also logged to MLflow.


            With --csv, any labelled table: numeric columns stay numbers, text columns become one \
            feature per frequent level (rare levels folded into 'other'), empty cells and NA, N/A, \
            null count as missing. The label column holds two values (yes/no, true/false, 1/0, \
            churned/…; --positive names the churn value when its spelling does not). The models are \
            tested on --test HOLDOUT.csv, else on the latest 20% of rows by --time, else on a random \
            20% of each class (seeded); early stopping watches 20% of the remaining rows. Printed: \
            ROC AUC, PR AUC, log loss, Brier score, top-decile lift and capture, precision at k, a \
            calibration table per model, and the features each model leans on.
            """
        )

        @Option(help: ArgumentHelp("The labelled table to learn from.", valueName: "file"))
        var csv: String?

        @Option(help: ArgumentHelp("The label column (with --csv).", valueName: "column"))
        var label: String?

        @Option(help: ArgumentHelp("A column naming the customer: never a feature; a random split keeps each id's rows together.", valueName: "column"))
        var id: String?

        @Option(help: ArgumentHelp("A column of times (numbers or ISO dates): never a feature; the test rows are the latest.", valueName: "column"))
        var time: String?

        @Option(name: .customLong("test"), help: ArgumentHelp("A holdout table with the same columns to test on, instead of a split.", valueName: "file"))
        var holdout: String?

        @Option(help: ArgumentHelp("The label value that means churn, when it is not obvious.", valueName: "value"))
        var positive: String?

        @Option(help: ArgumentHelp("A column to leave out of the features (repeatable).", valueName: "column"))
        var ignore: [String] = []

        @Option(help: "Precision is reported for the k highest scores (the retention team's capacity).")
        var k = 100

        @Option(help: "Seed of the split and of XGBoost's subsampling.")
        var seed = 42

        @Option(help: "The most boosting rounds.")
        var maxRounds = 1000

        @Option(help: "Stop after this many rounds without improvement on the validation rows.")
        var earlyStopping = 50

        @Option(help: "Threads XGBoost may use (default: every core). On a busy machine 1 is faster: XGBoost's OpenMP threads spin while they wait.")
        var threads: Int?

        @OptionGroup var options: ProjectOptions

        func run() async throws {
            guard let csv else { return try await trainOnWarehouse() }
            guard let label else { throw CLIError("--csv needs --label COLUMN: the column holding the outcome") }
            guard k > 0 else { throw CLIError("--k must be positive, got \(k)") }
            guard maxRounds > 0, earlyStopping > 0 else { throw CLIError("--max-rounds and --early-stopping must be positive") }
            if let threads, threads < 1 { throw CLIError("--threads must be at least 1, got \(threads)") }
            let training = TabularTraining(label: label, id: id, time: time, positive: positive, ignoredColumns: ignore, seed: seed,
                                           k: k, maxRounds: maxRounds, earlyStoppingRounds: earlyStopping, threads: threads)
            let report: TabularReport
            do {
                report = try training.run(csv: URL(fileURLWithPath: csv), holdout: holdout.map { URL(fileURLWithPath: $0) })
            } catch let error as ChurnModelError {
                throw CLIError(error.message)
            }
            print(report.text)
            print(String(format: "trained and evaluated in %.1f s", report.seconds))
        }
    }
}


