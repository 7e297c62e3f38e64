#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Resolution

/// Entity resolution of CSV files (`tenure resolve --input A.csv [--input B.csv] --config rules.yml
/// --out clusters.csv`): one file deduplicated, or two linked, and every record's cluster written
/// as `source,id,cluster_key`.
public struct FileResolution: Sendable {
    /// What a run did.
    public struct Summary: Sendable {
        /// Records read, all files together.
        public let records: Int
        /// Pairs compared (those blocking proposed).
        public let pairs: Int
        /// Clusters, singletons included.
        public let clusters: Int
        /// Clusters of two or more records.
        public let multiRecordClusters: Int
        /// Accepted pairs.
        public let acceptedPairs: Int
        /// Wall-clock seconds from reading the first file to writing the last line.
        public let seconds: Double
        /// How long each phase took: `read`, the matcher's phases, `write`.
        public let timings: [(phase: String, seconds: Double)]
        /// The model used.
        public let model: MatchModel
        /// What blocking did.
        public let blocking: BlockingStatistics
        /// The result against the truth, when the configuration names one.
        public let evaluation: ClusterEvaluation?
        /// Records the truth names no entity for (left out of the evaluation).
        public let recordsWithoutTruth: Int
    }

    /// The configuration.
    public let configuration: FileMatchConfiguration

    /// A run as `configuration` says.
    public init(configuration: FileMatchConfiguration) {
        self.configuration = configuration
    }

    /// Reads `inputs`, matches their records and writes each record's cluster to `output`.
    public func run(inputs: [String], output: String) throws(UnificationError) -> Summary {
        let clock = ContinuousClock()
        let start = clock.now
        var timings: [(phase: String, seconds: Double)] = []
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        // Refuse an unwritable output before the work, not after.
        try OutputFile.check(output)

        if configuration.settings.linkType == .linkOnly && inputs.count < 2 {
            throw UnificationError("link_type is link_only, which compares records of different files only: give two --input files")
        }
        let input = try FileRecords.read(inputs, configuration: configuration)
        timings.append(("read", seconds(clock.now - start)))
        let result: MatchResult
        do { result = try Matcher(settings: configuration.settings).run(input.records) } catch { throw UnificationError(error.message) }
        for timing in result.timings { timings.append((timing.phase, seconds(timing.duration))) }

        let writeStart = clock.now
        let outputFile = try OutputFile(path: output)
        try outputFile.write(header: "source,id,cluster_key")
        for (index, id) in result.records.enumerated() {
            try outputFile.write(row: [id.sourceSystem, id.sourceID, result.key(ofRecord: index)])
        }
        try outputFile.close()
        timings.append(("write", seconds(clock.now - writeStart)))
        let elapsed = seconds(clock.now - start)

        var evaluation: ClusterEvaluation?
        var withoutTruth = 0
        if !input.truth.isEmpty {
            evaluation = ClusterEvaluation(clusterOfRecord: result.clusterOfRecord, entity: input.truth)
            withoutTruth = input.truth.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
        }
        return Summary(records: result.records.count, pairs: result.pairs.count, clusters: result.clusters.count,
                       multiRecordClusters: result.clusters.filter { $0.members.count > 1 }.count,
                       acceptedPairs: result.pairs.filter { $0.decision == .accept }.count, seconds: elapsed, timings: timings,
                       model: result.model, blocking: result.blocking, evaluation: evaluation, recordsWithoutTruth: withoutTruth)
    }
}

/// The output CSV, written through a buffer.
final class OutputFile {
    private let file: UnsafeMutablePointer<FILE>
    private let path: String
    private var buffer: [UInt8] = []

    /// Whether a file can be written at `path`: not a folder, in a folder that exists and may be written to.
    static func check(_ path: String) throws(UnificationError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw UnificationError("\(path): is a folder; --out names the CSV file to write") }
            guard access(path, W_OK) == 0 else { throw UnificationError("\(path): cannot be written: \(String(cString: strerror(errno)))") }
            return
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UnificationError("\(path): cannot be written: no folder \(folder)")
        }
        guard access(folder, W_OK) == 0 else { throw UnificationError("\(path): cannot be written: \(String(cString: strerror(errno)))") }
    }

    init(path: String) throws(UnificationError) {
        try Self.check(path)
        guard let handle = fopen(path, "wb") else { throw UnificationError("\(path): cannot be written: \(String(cString: strerror(errno)))") }
        file = handle
        self.path = path
        buffer.reserveCapacity(1 << 20)
    }

    deinit { fclose(file) }

    func write(header: String) throws(UnificationError) {
        buffer.append(contentsOf: header.utf8)
        buffer.append(0x0A)
    }

    /// One row, each field quoted when it holds a comma, a quote or a line break.
    func write(row: [String]) throws(UnificationError) {
        for (index, field) in row.enumerated() {
            if index > 0 { buffer.append(0x2C) }
            if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                buffer.append(0x22)
                for byte in field.utf8 {
                    if byte == 0x22 { buffer.append(0x22) }
                    buffer.append(byte)
                }
                buffer.append(0x22)
            } else {
                buffer.append(contentsOf: field.utf8)
            }
        }
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func close() throws(UnificationError) {
        try flush()
        guard fflush(file) == 0 else { throw UnificationError("\(path): cannot be written: \(String(cString: strerror(errno)))") }
    }

    private func flush() throws(UnificationError) {
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buffer.count else { throw UnificationError("\(path): cannot be written: \(String(cString: strerror(errno)))") }
        buffer.removeAll(keepingCapacity: true)
    }
}
