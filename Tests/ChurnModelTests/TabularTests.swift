import TenureCore
@testable import ChurnModel
import Foundation
import Testing

@Suite("Tabular training: CSV reading, column types, categorical encoding, labels, splits, the report")
struct TabularTests {
    func table(_ text: String) throws -> CSVTable { try CSVTable.parse(Array(text.utf8)) }

    @Test("CSV: quoted commas, quotes and line breaks, CRLF, a byte-order mark, blank lines; ragged rows refused")
    func csv() throws {
        let parsed = try table("\u{FEFF}id,note,amount\r\n1,\"a, \"\"quoted\"\"\nnote\",3.5\r\n\r\n2, plain ,NA\r\n")
        #expect(parsed.header == ["id", "note", "amount"])
        #expect(parsed.rows == [["1", "a, \"quoted\"\nnote", "3.5"], ["2", "plain", "NA"]])
        #expect(parsed.lineNumbers == [2, 5])
        #expect(throws: ChurnModelError("line 3 has 2 fields, the header 3")) { try table("a,b,c\n1,2,3\n4,5\n") }
        #expect(throws: ChurnModelError("line 2 has broken quoting")) { try table("a,b\n1,x\"y\"\n") }
        #expect(throws: ChurnModelError("the header names column a twice")) { try table("a,a\n1,2\n") }
    }

    @Test("column types: numbers with missing spellings stay numeric; text is categorical; constant, empty and id-like columns are left out")
    func inference() throws {
        var lines = ["customer,balance,plan,country,empty,flag,label"]
        for row in 0..<40 {
            let balance = row % 7 == 0 ? ["", "NA", "N/A", "null", "nan"][row % 5] : String(Double(row) * 10.5)
            lines.append("C\(row),\(balance),\(["basic", "gold", "basic", "premium"][row % 4]),\(row < 38 ? "UK" : "FR"),,1,\(row % 3 == 0 ? "yes" : "no")")
        }
        let data = try table(lines.joined(separator: "\n"))
        let encoding = TabularEncoding.learn(data, rows: Array(0..<40), excluding: ["label"], maxLevels: 20, minLevelCount: 5)
        #expect(encoding.columns == [
            .numeric(name: "balance"),
            .categorical(name: "plan", levels: ["basic", "gold", "premium"], hasOther: false),
            .categorical(name: "country", levels: ["UK"], hasOther: true),
        ])
        #expect(encoding.omitted.map(\.column) == ["customer", "empty", "flag"])
        #expect(encoding.omitted[0].reason.hasPrefix("identifier-like"))
        #expect(encoding.omitted[2].reason == "constant (1)")
        #expect(encoding.featureNames == ["balance", "plan=basic", "plan=gold", "plan=premium", "country=UK", "country=other"])
        let values = try encoding.encode(data, rows: [0, 1])
        #expect(values[0].isNaN)  // row 0's balance is empty
        #expect(Array(values[1...5]) == [1, 0, 0, 1, 0])
        #expect(Array(values[6...]) == [10.5, 0, 1, 0, 1, 0])
    }

    @Test("the encoding learnt on training rows is applied to a holdout: its own column order, unseen and rare levels to other, missing to none")
    func holdoutEncoding() throws {
        let training = try table("""
        plan,age,label
        basic,30,no
        basic,40,yes
        gold,50,no
        gold,20,no
        rare,33,yes
        """)
        let encoding = TabularEncoding.learn(training, rows: Array(0..<5), excluding: ["label"], maxLevels: 5, minLevelCount: 2)
        #expect(encoding.featureNames == ["plan=basic", "plan=gold", "plan=other", "age"])
        let holdout = try table("""
        label,age,plan,extra
        no,25,gold,x
        yes,,platinum,y
        no,61,,z
        """)
        let values = try encoding.encode(holdout, rows: [0, 1, 2])
        #expect(Array(values[0..<4]) == [0, 1, 0, 25])
        #expect(Array(values[4..<7]) == [0, 0, 1] && values[7].isNaN)
        #expect(Array(values[8..<12]) == [0, 0, 0, 61])
        let missingColumn = try table("label,age\nno,3\n")
        #expect(throws: ChurnModelError.self) { try encoding.encode(missingColumn, rows: [0]) }
        let textInNumbers = try table("label,age,plan\nno,old,gold\n")
        #expect(throws: ChurnModelError("line 2: column age holds 'old', but it was numeric in the training rows")) {
            try encoding.encode(textInNumbers, rows: [0])
        }
    }

    @Test("labels: yes/no, true/false, 1/0, churned/… are read; anything but two values is refused clearly")
    func labels() throws {
        func infer(_ values: [String], positive: String? = nil) throws -> BinaryLabels {
            try BinaryLabels.infer(column: "Churn", values: values, positive: positive)
        }
        #expect(try infer(["No", "Yes", "No"]) == BinaryLabels(positive: "Yes", negative: "No"))
        #expect(try infer(["false", "true"]) == BinaryLabels(positive: "true", negative: "false"))
        #expect(try infer(["0", "1", "0"]) == BinaryLabels(positive: "1", negative: "0"))
        #expect(try infer(["Churned", "Stayed"]) == BinaryLabels(positive: "Churned", negative: "Stayed"))
        #expect(try infer(["Attrited Customer", "Existing Customer"]) == BinaryLabels(positive: "Attrited Customer", negative: "Existing Customer"))
        #expect(try infer(["gone", "Retained"]) == BinaryLabels(positive: "gone", negative: "Retained"))
        #expect(try infer(["A", "B"], positive: "b") == BinaryLabels(positive: "B", negative: "A"))
        #expect(throws: ChurnModelError("cannot tell which value of label column Churn means churn, 'A' or 'B'; name it with --positive")) {
            try infer(["A", "B"])
        }
        #expect(throws: ChurnModelError("label column Churn must hold two distinct values, it holds 3: 'no' (2), 'maybe' (1), 'yes' (1)")) {
            try infer(["yes", "no", "maybe", "no"])
        }
        #expect(throws: ChurnModelError("label column Churn must hold two distinct values, it holds 1: 'no' (2)")) { try infer(["no", "no"]) }
        #expect(throws: ChurnModelError("--positive C is not a value of label column Churn ('A' or 'B')")) { try infer(["A", "B"], positive: "C") }
    }

    /// A churn-like table: contract and complaints drive churn, noise columns do not.
    func churnTable(rows: Int, seed: UInt64, months: Bool = false) -> String {
        var generator = SplitMix64(seed: seed)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
        var lines = ["customer_id,month,contract,complaints,balance,region,churned"]
        for row in 0..<rows {
            let contract = ["monthly", "annual", "two-year"][Int(uniform() * 3)]
            let complaints = Int(uniform() * 5)
            let balance = uniform() < 0.1 ? "NA" : String(format: "%.2f", uniform() * 10000)
            let region = ["north", "south", "east", "west", "\"far, far away\""][Int(uniform() * 5)]
            let risk = (contract == "monthly" ? 1.5 : -1.0) + Double(complaints) * 0.6 - 2
            let churned = uniform() < 1 / (1 + exp(-risk))
            let month = String(format: "2024-%02d", 1 + row * 12 / rows)
            lines.append("C\(row),\(month),\(contract),\(complaints),\(balance),\(region),\(churned ? "Yes" : "No")")
        }
        _ = months
        return lines.joined(separator: "\n")
    }

    func training(_ label: String = "churned") -> TabularTraining {
        var training = TabularTraining(label: label, id: "customer_id", minLevelCount: 5, maxRounds: 200, earlyStoppingRounds: 20, threads: 1)
        training.ignoredColumns = ["month"]
        return training
    }

    @Test("a stratified split trains both models and reports every figure, the encoding and the split")
    func stratified() throws {
        let data = try table(churnTable(rows: 1500, seed: 11))
        let report = try training().run(training: data, source: "churn.csv")
        #expect(report.split.method == .stratified)
        #expect(report.split.fitting.count + report.split.validation.count + report.testRows == 1500)
        #expect(Set(report.split.fitting).isDisjoint(with: report.split.test))
        #expect(Set(report.split.validation).isDisjoint(with: report.split.test))
        // Stratified: the positive rate is alike in each part.
        let rate = { (positives: Int, rows: Int) in Double(positives) / Double(rows) }
        #expect(abs(rate(report.testPositives, report.testRows) - rate(report.fittingPositives, report.split.fitting.count)) < 0.02)
        #expect(report.models.map(\.name) == ["XGBoost (gbtree)", "logistic (gblinear)"])
        for model in report.models {
            #expect(model.metrics.rocAUC > 0.75, "\(model.name): \(model.metrics.rocAUC)")
            #expect(model.metrics.count == report.testRows)
            #expect(model.metrics.calibration.count == 10)
        }
        #expect(report.models[0].strongestFeatures.prefix(3).contains { $0.feature.hasPrefix("complaints") })
        #expect(report.encoding.featureNames.contains("region=far, far away"))
        let text = report.text
        for word in ["label churned: 'Yes' = churn", "not features: customer_id, month", "split: stratified", "ROC AUC", "calibration, XGBoost (gbtree)", "strongest features"] {
            #expect(text.contains(word), "\(word)")
        }
        // The same seed gives the same figures.
        let again = try training().run(training: data, source: "churn.csv")
        #expect(again.models.map(\.metrics) == report.models.map(\.metrics))
    }

    @Test("with a time column the latest rows are the test set and the validation rows come just before them")
    func timeSplit() throws {
        let data = try table(churnTable(rows: 1200, seed: 12))
        var options = training()
        options.ignoredColumns = []
        options.time = "month"
        let report = try options.run(training: data)
        #expect(report.split.method == .time)
        let month = try data.column("month")
        let latestFitting = report.split.fitting.map { data.rows[$0][month] }.max()!
        let earliestValidation = report.split.validation.map { data.rows[$0][month] }.min()!
        let latestValidation = report.split.validation.map { data.rows[$0][month] }.max()!
        let earliestTest = report.split.test.map { data.rows[$0][month] }.min()!
        #expect(latestFitting < earliestValidation && latestValidation < earliestTest)
        #expect(report.split.description.contains("month ≥ 2024-"))
        #expect(!report.encoding.featureNames.contains("month"))
    }

    @Test("a holdout file is the test set, encoded with what the training rows taught; its unknown labels are refused")
    func holdout() throws {
        let all = try table(churnTable(rows: 1500, seed: 13))
        let train = try CSVTable(header: all.header, rows: Array(all.rows[0..<1200]))
        // The holdout's columns in another order.
        let order = [6, 0, 1, 2, 3, 4, 5]
        let holdout = try CSVTable(header: order.map { all.header[$0] }, rows: all.rows[1200...].map { row in order.map { row[$0] } })
        let report = try training().run(training: train, holdout: holdout, source: "train.csv", holdoutSource: "test.csv")
        #expect(report.split.method == .holdout)
        #expect(report.testRows == 300 && report.split.test.isEmpty)
        #expect(report.split.fitting.count + report.split.validation.count == 1200)
        #expect(report.models[0].metrics.rocAUC > 0.75)
        var bad = holdout
        bad.rows[5][0] = "Maybe"
        #expect(throws: ChurnModelError("holdout line 7: label churned is 'Maybe', but the training rows hold only 'Yes' and 'No'")) {
            try training().run(training: train, holdout: bad)
        }
    }

    @Test("unusable input is refused in one clear line")
    func refusals() throws {
        let data = try table(churnTable(rows: 200, seed: 14))
        #expect(throws: ChurnModelError("no label column churn among the 7 columns (customer_id, month, contract, complaints, balance, region, churned)")) {
            try training("churn").run(training: data)
        }
        var options = training()
        options.time = "region"
        options.ignoredColumns = []
        do {
            _ = try options.run(training: data)
            Issue.record("a text time column should fail")
        } catch let error as ChurnModelError {
            #expect(error.message.contains("times must be numbers or ISO dates"))
        }
        let oneClass = try table("a,label\n1,no\n2,no\n3,no\n")
        #expect(throws: ChurnModelError("label column label must hold two distinct values, it holds 1: 'no' (3)")) {
            try TabularTraining(label: "label").run(training: oneClass)
        }
    }

    @Test("rows without a label are left out and counted")
    func unlabelled() throws {
        var data = try table(churnTable(rows: 800, seed: 15))
        for row in stride(from: 0, to: 800, by: 40) { data.rows[row][6] = "" }
        let report = try training().run(training: data)
        #expect(report.rowsWithoutLabel == 20)
        #expect(report.split.fitting.count + report.split.validation.count + report.testRows == 780)
        #expect(report.text.contains("20 without a label left out"))
    }
}
