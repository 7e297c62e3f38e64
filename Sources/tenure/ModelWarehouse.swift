import ArgumentParser
import ChurnForecast
import ChurnModel
import Foundation
import Logging
import TenureCore
import Tracking
import Transform
import Warehouse

extension ModelCommand.Train {
    /// Trains on the warehouse's churn features, registers the model, logs it to MLflow when
    /// asked, and re-scores when it became the champion.
    func trainOnWarehouse() async throws {
        if label != nil || holdout != nil || id != nil || time != nil || positive != nil || !ignore.isEmpty {
            throw CLIError("--label, --id, --time, --test, --positive and --ignore go with --csv; the warehouse's churn features need none")
        }
        let configuration = try options.configuration()
        let logger = options.logger("tenure.model")
        var training = ChurnTraining(settings: configuration.churn, seed: seed, threads: threads)
        training.maxRounds = maxRounds
        training.earlyStoppingRounds = earlyStopping
        let started = Date()
        try await options.withConfiguredWarehouse(configuration, logger: logger) { warehouse in
            let registry = ModelRegistry(warehouse)
            let result: ChurnTrainingResult
            do {
                result = try await training.run(on: warehouse)
            } catch {
                let message = (error as? ChurnForecastError)?.description ?? (error as? ChurnModelError)?.message ?? String(describing: error)
                try? await registry.recordFailure(message, settings: configuration.churn, startedAt: started)
                throw CLIError(message)
            }
            print(result.text)
            let registration = try await registry.register(result, settings: configuration.churn, startedAt: started)
            print("")
            print(Self.verdict(registration, auc: result.validationAUC))
            if let uri = ProcessInfo.processInfo.environment["MLFLOW_TRACKING_URI"], !uri.isEmpty {
                do {
                    let mlflowRun = try await MLflowClient(trackingURI: uri, requestTimeout: .seconds(15), logger: logger)
                        .log(ChurnTracking.run(result, registration: registration, settings: configuration.churn))
                    try await registry.recordMLflowRun(mlflowRun, for: registration.runID)
                    print("logged to MLflow as run \(mlflowRun)")
                } catch {
                    // The model is registered either way; tracking is a copy for the data scientists.
                    printError("warning: could not log the run to MLflow: \(error)")
                }
            }
            if registration.becameChampion {
                try await Self.score(configuration, warehouse: warehouse, logger: logger)
            }
        }
    }

    static func verdict(_ registration: Registration, auc: Double) -> String {
        let figure = String(format: "validation ROC AUC %.4f", auc)
        guard let previous = registration.previousChampion else {
            return "registered churn-v\(registration.version) (\(figure)): the first model, now the champion"
        }
        return registration.becameChampion
            ? "registered churn-v\(registration.version) (\(figure)): the new champion, ahead of churn-v\(previous.version) (\(String(format: "%.4f", previous.validationAUC)))"
            : "registered churn-v\(registration.version) (\(figure)): churn-v\(previous.version) stays champion (\(String(format: "%.4f", previous.validationAUC))); `tenure model promote \(registration.version)` overrides"
    }

    /// Rebuilds gold.churn_predictions and gold.churn_risk_history with the champion.
    static func score(_ configuration: TenureConfiguration, warehouse: any Warehouse, logger: Logger) async throws {
        let transform = try TransformProject.load(configuration)
        let report = try await transform.runner(on: warehouse, logger: logger).build(Selection("churn_predictions churn_risk_history"), runDate: nil, fullRefresh: false) { _ in }
        for outcome in report.models {
            guard outcome.status == .success else {
                throw CLIError("scoring failed: \(outcome.message ?? "gold.\(outcome.model.name) was not built")")
            }
            print("scored \(outcome.rows) rows into gold.\(outcome.model.name)")
        }
    }
}

/// What `tenure model train` logs to MLflow.
enum ChurnTracking {
    static func run(_ result: ChurnTrainingResult, registration: Registration, settings: ChurnSettings) throws -> MLflowRun {
        var metrics: [String: Double] = ["training_seconds": result.seconds]
        for (prefix, figures) in [("", result.xgboost), ("logistic_", result.logistic), ("rule_", result.rule)] {
            metrics[prefix + "val_roc_auc"] = figures.rocAUC
            metrics[prefix + "val_pr_auc"] = figures.prAUC
            metrics[prefix + "val_log_loss"] = figures.logLoss
            metrics[prefix + "val_brier"] = figures.brierScore
            metrics[prefix + "val_top_decile_lift"] = figures.topDecileLift
            metrics[prefix + "val_top_decile_capture"] = figures.topDecileCapture
            metrics[prefix + "val_precision_at_k"] = figures.precisionAtK
        }
        let parameters = result.parameters
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return MLflowRun(
            experimentName: ProcessInfo.processInfo.environment["MLFLOW_EXPERIMENT_NAME"] ?? "tenure-churn",
            runName: "churn-v\(registration.version)",
            parameters: [
                "booster": parameters.booster.rawValue, "eta": String(parameters.eta), "max_depth": String(parameters.maxDepth),
                "min_child_weight": String(parameters.minChildWeight), "subsample": String(parameters.subsample),
                "colsample_bytree": String(parameters.columnSampleByTree), "lambda": String(parameters.lambda),
                "seed": String(parameters.seed), "rounds_kept": String(result.history.keptRounds),
                "features": String(result.features.count), "horizon_days": String(settings.horizonDays),
                "inactivity_days": String(settings.inactivityDays), "weekly_capacity": String(settings.weeklyCapacity),
                "training_window": "\(result.trainingCutoffs.first ?? "")..\(result.trainingCutoffs.last ?? "")",
                "validation_window": "\(result.validationCutoffs.first ?? "")..\(result.validationCutoffs.last ?? "")",
            ],
            metrics: metrics,
            tags: ["tenure.model_version": String(registration.version), "tenure.run_id": registration.runID,
                   "tenure.champion": registration.becameChampion ? "true" : "false"],
            artifacts: ["model/model.json": result.model, "report.txt": Data(result.text.utf8),
                        "figures.json": try encoder.encode(result.figures)]
        )
    }
}

extension ModelCommand {
    /// `tenure model list`: every version, newest first.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the churn models trained, newest first; * marks the champion.")

        @OptionGroup var options: ProjectOptions

        func run() async throws {
            let configuration = try options.configuration()
            let versions = try await options.withConfiguredWarehouse(configuration, logger: options.logger("tenure.model")) {
                try await ModelRegistry($0).list()
            }
            guard !versions.isEmpty else { return print("no churn model trained yet: run `tenure model train`") }
            print("   version      created                 val ROC AUC   PR AUC   logistic   rule    training → validation")
            for version in versions {
                let figures = version.figures
                print((version.isChampion ? " * " : "   ") + version.name.padding(toLength: 13, withPad: " ", startingAt: 0)
                      + version.createdAt.padding(toLength: 24, withPad: " ", startingAt: 0)
                      + String(format: "%11.4f   %6.4f   %8.4f   %6.4f  ", version.validationAUC, figures?.xgboost.prAUC ?? .nan,
                               figures?.logistic.rocAUC ?? .nan, figures?.rule.rocAUC ?? .nan)
                      + "\(figures?.trainingCutoffs.first ?? "?")..\(figures?.trainingCutoffs.last ?? "?") → \(figures?.validationCutoffs.first ?? "?")..\(figures?.validationCutoffs.last ?? "?")")
            }
        }
    }

    /// `tenure model show [VERSION]`: one version's figures.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a churn model's figures, calibration and strongest features (default: the champion).")

        @OptionGroup var options: ProjectOptions

        @Argument(help: "The version number (see `tenure model list`).")
        var version: Int?

        func run() async throws {
            let configuration = try options.configuration()
            let found = try await options.withConfiguredWarehouse(configuration, logger: options.logger("tenure.model")) { warehouse in
                let registry = ModelRegistry(warehouse)
                if let version { return try await registry.version(version) }
                return try await registry.champion()
            }
            guard let model = found else {
                throw CLIError(version.map { "there is no model version \($0): `tenure model list` shows them" } ?? "no churn model trained yet: run `tenure model train`")
            }
            print("\(model.name)\(model.isChampion ? " (champion since \(model.championSince ?? "?"))" : ""), registered \(model.createdAt) by run \(model.runID)")
            print("features (\(model.features.count)): \(model.features.joined(separator: ", "))")
            print("parameters: \(model.parameters)")
            guard let figures = model.figures else { return }
            print("training:   \(figures.trainingRows) rows (\(figures.trainingPositives) churned), snapshots \(figures.trainingCutoffs.joined(separator: ", "))")
            print("validation: \(figures.validationRows) rows (\(figures.validationPositives) churned), snapshots \(figures.validationCutoffs.joined(separator: ", "))")
            print("rounds: \(figures.keptRounds) kept of \(figures.roundsRun)\(figures.refitted ? ", refitted on all labelled rows" : ""); trained in \(String(format: "%.1f", figures.seconds)) s")
            print("")
            print(ClassificationMetrics.table([("XGBoost", figures.xgboost), ("logistic", figures.logistic), ("bank rule", figures.rule)]))
            print("")
            print(figures.xgboost.calibrationText())
            print("")
            for influence in figures.strongestFeatures.prefix(10) {
                print("  " + influence.feature.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "%.4f", influence.meanAbsoluteContribution))
            }
        }
    }

    /// `tenure model promote VERSION`: make a version the champion by hand.
    struct Promote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a churn model version the champion, whatever its figures, and re-score with it.")

        @OptionGroup var options: ProjectOptions

        @Argument(help: "The version number (see `tenure model list`).")
        var version: Int

        func run() async throws {
            let configuration = try options.configuration()
            let logger = options.logger("tenure.model")
            try await options.withConfiguredWarehouse(configuration, logger: logger) { warehouse in
                do {
                    try await ModelRegistry(warehouse).promote(version)
                } catch let error as ChurnForecastError {
                    throw CLIError(error.description)
                }
                print("churn-v\(version) is now the champion")
                try await ModelCommand.Train.score(configuration, warehouse: warehouse, logger: logger)
            }
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
