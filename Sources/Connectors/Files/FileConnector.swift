import Foundation
import TenureCore

/// Reads a source system's records from a folder of exports: the JSON its API returns (preferred)
/// or the analysts' CSV — the offline path, and the embedded default's.
///
/// The folder is laid out as `tenure generate` writes it: `<system>/<entity>.json|csv`.
public struct FileConnector: Connector {
    public let system: SourceSystem
    /// The folder holding one subfolder per system.
    public let directory: URL
    /// Records per page.
    public let pageSize: Int

    /// A connector for `system`'s exports under `directory`.
    public init(system: SourceSystem, directory: URL, pageSize: Int = 5_000) {
        self.system = system
        self.directory = directory
        self.pageSize = pageSize
    }

    public var origin: String { "files:\(directory.path)" }

    /// Pages and records read.
    public let statistics = ExtractionStatistics()

    /// Where the records sit in each system's JSON answer.
    private var envelopeKey: String? {
        switch system {
        case .erpnext: "data"
        case .salesforce: "records"
        case .supabase: nil
        case .sheets: "values"
        }
    }

    private func path(_ name: String, _ suffix: String) -> String {
        directory.appendingPathComponent(system.rawValue).appendingPathComponent("\(name).\(suffix)").path
    }

    /// Every record of `entity`: an export has no change feed, so `watermark` is not used.
    public func extract(_ entity: SourceEntity, since watermark: String?) throws(ConnectorError) -> RecordPages {
        let json = path(entity.name, "json"), csv = path(entity.name, "csv")
        if FileManager.default.fileExists(atPath: json) { return try jsonPages(json) }
        guard FileManager.default.fileExists(atPath: csv) else {
            throw ConnectorError("no export for \(entity): neither \(json) nor \(csv) exists")
        }
        var files = [(RecordPage.Target.entity, csv)]
        if let child = entity.child, FileManager.default.fileExists(atPath: path(child.name, "csv")) {
            files.append((.child, path(child.name, "csv")))
        }
        return try csvPages(files)
    }

    private func jsonPages(_ path: String) throws(ConnectorError) -> RecordPages {
        let reader = PageReader(scanner: try JSONArrayScanner(path: path, key: envelopeKey), pageSize: pageSize, isSheet: system == .sheets, path: path)
        let statistics = statistics
        return RecordPages { try reader.nextPage().map { statistics.counted($0) } }
    }

    private func csvPages(_ files: [(RecordPage.Target, String)]) throws(ConnectorError) -> RecordPages {
        let readers = try files.map { target, path throws(ConnectorError) in
            let scanner = try CSVRecordScanner(path: path)
            let header = (scanner.next().flatMap(CSVFields.parse) ?? []).map { String(decoding: $0, as: UTF8.self) }
            return CSVPageReader(scanner: scanner, header: header, target: target, pageSize: pageSize)
        }
        let sequence = CSVSequence(readers: readers)
        let statistics = statistics
        return RecordPages { sequence.nextPage().map { statistics.counted($0) } }
    }
}

/// Reads pages of JSON elements; used by one extraction at a time.
private final class PageReader: @unchecked Sendable {
    private let scanner: JSONArrayScanner
    private let pageSize: Int
    private let isSheet: Bool
    private let path: String
    private var header: [String]? = nil
    private var rowNumber = 1

    init(scanner: JSONArrayScanner, pageSize: Int, isSheet: Bool, path: String) {
        self.scanner = scanner
        self.pageSize = pageSize
        self.isSheet = isSheet
        self.path = path
    }

    func nextPage() throws -> RecordPage? {
        if isSheet && header == nil {
            guard let (bytes, _) = try scanner.next() else { return nil }
            guard let cells = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String] else {
                throw ConnectorError("\(path): the first row is not a header of column names")
            }
            header = cells
        }
        var records: [RawRecord] = []
        records.reserveCapacity(pageSize)
        while records.count < pageSize, let (bytes, defect) = try scanner.next() {
            if isSheet {
                rowNumber += 1
                records.append(RawRecord(payload: bytes, format: .sheetRow(number: rowNumber), defect: defect))
            } else {
                records.append(RawRecord(payload: bytes, format: .jsonObject, defect: defect))
            }
        }
        return records.isEmpty ? nil : RecordPage(header: header ?? [], records: records)
    }
}

/// Reads pages of CSV records from one file.
private final class CSVPageReader: @unchecked Sendable {
    let scanner: CSVRecordScanner
    let header: [String]
    let target: RecordPage.Target
    let pageSize: Int

    init(scanner: CSVRecordScanner, header: [String], target: RecordPage.Target, pageSize: Int) {
        self.scanner = scanner
        self.header = header
        self.target = target
        self.pageSize = pageSize
    }

    func nextPage() -> RecordPage? {
        var records: [RawRecord] = []
        while records.count < pageSize, let bytes = scanner.next() {
            if bytes.isEmpty { continue }
            records.append(RawRecord(payload: bytes, format: .csvRow))
        }
        return records.isEmpty ? nil : RecordPage(target: target, header: header, records: records)
    }
}

/// The pages of several CSV files, one after the other.
private final class CSVSequence: @unchecked Sendable {
    private var readers: [CSVPageReader]

    init(readers: [CSVPageReader]) { self.readers = readers }

    func nextPage() -> RecordPage? {
        while let reader = readers.first {
            if let page = reader.nextPage() { return page }
            readers.removeFirst()
        }
        return nil
    }
}
