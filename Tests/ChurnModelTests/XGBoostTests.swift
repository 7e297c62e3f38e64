@testable import ChurnModel
import Foundation
import Testing

@Suite("XGBoost through its C API: training, early stopping, prediction, contributions, JSON")
struct XGBoostTests {
    // One thread: the tests run side by side, and OpenMP's spinning threads crawl on busy cores.
    static let trees = BoosterParameters(eta: 0.3, maxDepth: 3, threads: 1)

    func auc(_ booster: Booster, _ data: SyntheticData, _ range: Range<Int>) throws -> Double {
        let predictions = try booster.predict(try data.matrix(range, labelled: false)).map(Double.init)
        return try ClassificationMetrics(labels: data.outcomes(range), probabilities: predictions, k: 10).rocAUC
    }

    @Test("trees learn a separable problem: holdout AUC above 0.95")
    func separable() throws {
        let data = SyntheticData(rows: 1000, seed: 1)
        var parameters = Self.trees
        parameters.evaluationMetrics = ["auc", "logloss"]
        let (booster, history) = try Booster.train(parameters: parameters, training: data.matrix(0..<600),
                                                   validation: data.matrix(600..<800), rounds: 60, earlyStoppingRounds: 10)
        #expect(try auc(booster, data, 800..<1000) > 0.95)
        #expect(history.rounds.first.map { Set($0.metrics.keys) } == ["validation-auc", "validation-logloss"])
        #expect(history.stoppingMetric == "validation-logloss")
        #expect(try Booster.train(parameters: Self.trees, training: data.matrix(0..<600), rounds: 2).history.rounds[1].metrics.keys.first == "training-logloss")
    }

    @Test("early stopping on noise stops well before the maximum and keeps only the best rounds")
    func earlyStopping() throws {
        let data = SyntheticData(rows: 800, seed: 2, signal: false)
        let (booster, history) = try Booster.train(parameters: Self.trees, training: data.matrix(0..<500),
                                                   validation: data.matrix(500..<800), rounds: 200, earlyStoppingRounds: 10)
        #expect(history.stoppedEarly)
        #expect(history.rounds.count < 200)
        #expect(history.rounds.count == history.bestIteration + 1 + 10)
        #expect(try booster.boostedRounds() == history.keptRounds)
        // The kept round is the best one seen.
        let scores = history.rounds.compactMap { $0.metrics["validation-logloss"] }
        #expect(history.bestScore == scores.min())
        #expect(scores.firstIndex(of: scores.min()!) == history.bestIteration)
    }

    @Test("the kept model predicts what the full model predicted with its first rounds")
    func truncation() throws {
        let data = SyntheticData(rows: 800, seed: 3, noise: 0.25)
        let full = try Booster.train(parameters: Self.trees, training: data.matrix(0..<500), rounds: 40).booster
        let stopped = try Booster.train(parameters: Self.trees, training: data.matrix(0..<500),
                                        validation: data.matrix(500..<800), rounds: 40, earlyStoppingRounds: 5)
        #expect(stopped.history.stoppedEarly, "25% label noise should overfit within 40 rounds")
        let kept = stopped.history.keptRounds
        let refit = try Booster.train(parameters: Self.trees, training: data.matrix(0..<500), rounds: kept).booster
        let test = try data.matrix(500..<800, labelled: false)
        #expect(try stopped.booster.predict(test) == refit.predict(test))
        #expect(try full.boostedRounds() == 40)
    }

    @Test("a model saved as XGBoost JSON and loaded again predicts exactly the same, and keeps its feature names")
    func jsonRoundTrip() throws {
        let data = SyntheticData(rows: 600, seed: 4, noise: 0.1, missing: 0.2)
        for parameters in [Self.trees, BoosterParameters.logisticBaseline(threads: 1)] {
            let (booster, _) = try Booster.train(parameters: parameters, training: data.matrix(0..<400), rounds: 20)
            try booster.setFeatureNames(["a", "b", "c", "d", "e"])
            let json = try booster.json()
            let text = String(decoding: json, as: UTF8.self)
            #expect(text.hasPrefix("{") && text.contains("\"learner\"") && text.contains(parameters.booster.rawValue))
            let loaded = try Booster(json: json)
            let test = try data.matrix(400..<600, labelled: false)
            #expect(try loaded.predict(test) == booster.predict(test))
            #expect(try loaded.contributions(test) == booster.contributions(test))
            #expect(try loaded.featureNames() == ["a", "b", "c", "d", "e"])
            #expect(try loaded.json() == json)
        }
    }

    @Test("contributions have a column per feature plus the bias, and sum to each row's margin")
    func contributions() throws {
        let data = SyntheticData(rows: 500, seed: 5, noise: 0.1, missing: 0.1)
        for parameters in [Self.trees, BoosterParameters.logisticBaseline(threads: 1)] {
            let (booster, _) = try Booster.train(parameters: parameters, training: data.matrix(0..<300), rounds: 25)
            let test = try data.matrix(300..<500, labelled: false)
            let contributions = try booster.contributions(test)
            #expect(contributions.rows == 200 && contributions.features == 5 && contributions.values.count == 200 * 6)
            let margins = try booster.predictMargin(test)
            let probabilities = try booster.predict(test)
            for row in 0..<200 {
                #expect(abs(contributions.margin(row) - Double(margins[row])) < 1e-4)
                #expect(abs(1 / (1 + exp(-Double(margins[row]))) - Double(probabilities[row])) < 1e-5)
            }
            // The features the label depends on carry the most weight.
            let influence = contributions.meanAbsolute()
            #expect(min(influence[0], influence[1]) > max(influence[2], influence[3], influence[4]))
        }
    }

    @Test("labels shuffled across rows give a holdout AUC near 0.5: the learner cannot find what is not there")
    func shuffledLabels() throws {
        let data = SyntheticData(rows: 3000, seed: 6).shuffledLabels(seed: 7)
        let (booster, _) = try Booster.train(parameters: Self.trees, training: data.matrix(0..<1600),
                                             validation: data.matrix(1600..<2200), rounds: 100, earlyStoppingRounds: 10)
        #expect(abs(try auc(booster, data, 2200..<3000) - 0.5) < 0.1)
    }

    @Test("the linear booster fits a logistic regression on the same problem")
    func linear() throws {
        let data = SyntheticData(rows: 1000, seed: 8)
        let (booster, history) = try Booster.train(parameters: .logisticBaseline(threads: 1), training: data.matrix(0..<600),
                                                   validation: data.matrix(600..<800), rounds: 100, earlyStoppingRounds: 10)
        #expect(try auc(booster, data, 800..<1000) > 0.95)
        #expect(history.keptRounds <= history.rounds.count)
        let text = String(decoding: try booster.json(), as: UTF8.self)
        #expect(text.contains("gblinear"))
    }

    @Test("the same data and seed give the same model")
    func determinism() throws {
        let data = SyntheticData(rows: 600, seed: 9, noise: 0.2)
        let parameters = BoosterParameters(threads: 1)
        let first = try Booster.train(parameters: parameters, training: data.matrix(0..<400), rounds: 30).booster
        let second = try Booster.train(parameters: parameters, training: data.matrix(0..<400), rounds: 30).booster
        #expect(try first.json() == second.json())
        let linearFirst = try Booster.train(parameters: .logisticBaseline(threads: 1), training: data.matrix(0..<400), rounds: 30).booster
        let linearSecond = try Booster.train(parameters: .logisticBaseline(threads: 1), training: data.matrix(0..<400), rounds: 30).booster
        #expect(try linearFirst.json() == linearSecond.json())
    }

    @Test("XGBoost's errors arrive as ChurnModelError in one line; wrong shapes are refused before XGBoost sees them")
    func errors() throws {
        let data = SyntheticData(rows: 100, seed: 10)
        var bad = Self.trees
        bad.objective = "binary:nonsense"
        do {
            _ = try Booster.train(parameters: bad, training: data.matrix(0..<100), rounds: 1)
            Issue.record("an unknown objective should fail")
        } catch let error as ChurnModelError {
            #expect(error.message.hasPrefix("XGBoost could not"))
            #expect(error.message.contains("nonsense"))
            #expect(!error.message.contains("\n") && !error.message.contains("Stack trace"))
        }
        #expect(throws: ChurnModelError("the model is not XGBoost JSON: 8 bytes not starting with '{'")) { try Booster(json: Data("not json".utf8)) }
        do {
            _ = try Booster(json: Data(#"{"learner": 1}"#.utf8))
            Issue.record("a JSON document that is no model should fail")
        } catch let error as ChurnModelError {
            #expect(error.message.hasPrefix("XGBoost could not load a model from 14 bytes of JSON: "))
        }
        let (booster, _) = try Booster.train(parameters: Self.trees, training: data.matrix(0..<100), rounds: 2)
        let narrow = try DataMatrix(values: [0.5, 0.5], rows: 1, columns: 2)
        #expect(throws: ChurnModelError("the model expects 5 features, the data matrix has 2")) { try booster.predict(narrow) }
        #expect(throws: ChurnModelError("a 2 × 2 data matrix needs 4 values, got 3")) { try DataMatrix(values: [1, 2, 3], rows: 2, columns: 2) }
        #expect(throws: ChurnModelError("early stopping needs a validation matrix")) {
            try Booster.train(parameters: Self.trees, training: data.matrix(0..<100), rounds: 2, earlyStoppingRounds: 1)
        }
        #expect(throws: ChurnModelError("the training matrix has no labels")) {
            try Booster.train(parameters: Self.trees, training: data.matrix(0..<100, labelled: false), rounds: 2)
        }
    }

    @Test("evaluation lines are read into named metrics")
    func evaluationLine() {
        let metrics = Booster.parseEvaluation("[3]\ttraining-auc:0.91\tvalidation-auc:0.875\tvalidation-error@0.3:0.25")
        #expect(metrics == ["training-auc": 0.91, "validation-auc": 0.875, "validation-error@0.3": 0.25])
    }
}
