import Foundation
import Testing
@testable import Tracking

/// The split of a run's data into runs/log-batch calls, without a server.
struct BatchingTests {
    @Test("batches respect MLflow's per-call limits and keep every entry once, in order")
    func batchesStayWithinLimits() throws {
        let params = (0..<250).map { KeyValue(key: "p\($0)", value: String(repeating: "x", count: $0 < 200 ? 10 : 5_000)) }
        let tags = (0..<150).map { KeyValue(key: "t\($0)", value: "v\($0)") }
        let metrics = (0..<2_500).map { MetricEntry(key: "m\($0)", value: Double($0), timestamp: 1, step: 0) }

        let batches = Batching.batches(runID: "run", params: params, tags: tags, metrics: metrics)

        for batch in batches {
            #expect(batch.params.count <= 100)
            #expect(batch.tags.count <= 100)
            #expect(batch.metrics.count <= 1_000)
            #expect(batch.params.count + batch.tags.count + batch.metrics.count <= 1_000)
            #expect(try JSONCoding.encoder.encode(batch).count < 1_000_000)
            #expect(batch.run_id == "run")
        }
        #expect(batches.flatMap(\.params) == params)
        #expect(batches.flatMap(\.tags) == tags)
        #expect(batches.flatMap(\.metrics) == metrics)
        #expect(Batching.batches(runID: "run", params: [], tags: [], metrics: []).isEmpty)
    }

    @Test("the proxied artifact folder comes from the run's artifact_uri")
    func artifactRootFromURI() {
        #expect(ArtifactPaths.proxiedRoot(artifactURI: "mlflow-artifacts:/3/abc/artifacts") == "3/abc/artifacts")
        #expect(ArtifactPaths.proxiedRoot(artifactURI: "mlflow-artifacts://host:5000/3/abc/artifacts") == "3/abc/artifacts")
        #expect(ArtifactPaths.proxiedRoot(artifactURI: "file:///tmp/mlruns/3/abc/artifacts") == nil)
        #expect(ArtifactPaths.problem(with: "model/model.json") == nil)
        for bad in ["", "/abs", "a//b", "a/../b", "./a", "a\\b"] { #expect(ArtifactPaths.problem(with: bad) != nil, "\(bad)") }
    }
}
