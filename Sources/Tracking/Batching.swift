import Foundation

/// Splits a run's params, tags and metrics into runs/log-batch requests within MLflow's limits:
/// at most 1000 metrics, 100 params, 100 tags and 1000 entries in all, and a body under 1 MB
/// (the server rejects larger ones whole).
enum Batching {
    static let maxMetrics = 1000
    static let maxParams = 100
    static let maxTags = 100
    static let maxEntries = 1000
    /// Below MLflow's 1 MB so the request's envelope always fits.
    static let maxBytes = 900_000

    static func batches(runID: String, params: [KeyValue], tags: [KeyValue], metrics: [MetricEntry]) -> [LogBatchRequest] {
        var remainingParams = params[...]
        var remainingTags = tags[...]
        var remainingMetrics = metrics[...]
        var result: [LogBatchRequest] = []
        while !remainingParams.isEmpty || !remainingTags.isEmpty || !remainingMetrics.isEmpty {
            var batch = LogBatchRequest(run_id: runID)
            var bytes = 0
            var entries = 0
            // An entry too big for any batch still goes alone, so the server names the culprit.
            func fits(_ size: Int) -> Bool { entries == 0 || (entries < maxEntries && bytes + size <= maxBytes) }
            while let param = remainingParams.first, batch.params.count < maxParams, fits(size(param)) {
                batch.params.append(param); bytes += size(param); entries += 1
                remainingParams.removeFirst()
            }
            while let tag = remainingTags.first, batch.tags.count < maxTags, fits(size(tag)) {
                batch.tags.append(tag); bytes += size(tag); entries += 1
                remainingTags.removeFirst()
            }
            while let metric = remainingMetrics.first, batch.metrics.count < maxMetrics, fits(size(metric)) {
                batch.metrics.append(metric); bytes += size(metric); entries += 1
                remainingMetrics.removeFirst()
            }
            result.append(batch)
        }
        return result
    }

    /// The entry's JSON size; escapes can make it several times its UTF-8 length.
    private static func size(_ entry: some Encodable) -> Int {
        ((try? JSONCoding.encoder.encode(entry))?.count ?? 0) + 1
    }
}

/// The JSON settings every body shares: MLflow (protobuf JSON) spells non-finite doubles as strings.
enum JSONCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }
}
