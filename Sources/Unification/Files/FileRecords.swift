import Dispatch
import Foundation
import Resolution

/// The records of one or more CSV files as matching reads them: one ``Record`` per row, its
/// system the file's name without extension, its id the configured id column; with each
/// record's true entity when the configuration names one.
public struct FileRecords: Sendable {
    /// The records, file after file, in file order.
    public let records: [Record]
    /// Each record's true entity, when the configuration names a truth (nil where unknown); else empty.
    public let truth: [String?]
    /// The files' system names (`dataset4a`), in input order.
    public let sources: [String]

    /// Rows converted to records per batch: bounds the memory raw rows take, and is split across cores.
    static let batchSize = 65_536

    /// Reads `paths` as `configuration` says; every problem (a missing file or column, an empty
    /// file, a duplicate or empty id, a ragged row) is refused in one line naming the file.
    public static func read(_ paths: [String], configuration: FileMatchConfiguration) throws(UnificationError) -> FileRecords {
        guard !paths.isEmpty else { throw UnificationError("no input files") }
        var sources: [String] = []
        var records: [Record] = []
        var truth: [String?] = []
        let pattern: NSRegularExpression?
        if case .idPattern(let text) = configuration.truth {
            do { pattern = try NSRegularExpression(pattern: text) } catch { throw UnificationError("truth id_pattern '\(text)' is not a valid regular expression") }
        } else {
            pattern = nil
        }
        for path in paths {
            let url = URL(fileURLWithPath: path)
            let name = url.lastPathComponent
            let source = url.deletingPathExtension().lastPathComponent
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw UnificationError("\(path): no such file") }
            guard !isDirectory.boolValue else { throw UnificationError("\(path): is a folder, not a CSV file") }
            guard !sources.contains(source) else {
                throw UnificationError("\(path): another input is also named '\(source)'; records are told apart by their file's name")
            }
            sources.append(source)
            try readFile(path, name: name, source: source, configuration: configuration, pattern: pattern, into: &records, truth: &truth)
        }
        return FileRecords(records: records, truth: configuration.truth == nil ? [] : truth, sources: sources)
    }

    /// The columns one file's records are read from, by position.
    struct Layout: Sendable {
        var id = 0
        var given: Int?, surname: Int?, fullName: Int?, email: Int?, phone: Int?, birthDate: Int?
        var attributes: [(name: String, index: Int)] = []
        var truth: Int?
    }

    private static func readFile(_ path: String, name: String, source: String, configuration: FileMatchConfiguration,
                                 pattern: NSRegularExpression?, into records: inout [Record], truth: inout [String?]) throws(UnificationError) {
        let reader = try CSVFileReader(path: path, name: name)
        guard let (header, _) = try reader.next() else { throw UnificationError("\(name): is empty (no header, no records)") }
        var indexOf: [String: Int] = [:]
        for (index, column) in header.enumerated() where indexOf[column] == nil { indexOf[column] = index }
        func index(_ column: String?) throws(UnificationError) -> Int? {
            guard let column else { return nil }
            guard let index = indexOf[column] else {
                throw UnificationError("\(name): no column '\(column)' (the header has: \(header.joined(separator: ", ")))")
            }
            return index
        }
        guard let idColumn = configuration.idColumn(for: name) else {
            throw UnificationError("\(name): no id column configured for this file (id: in the configuration)")
        }
        let columns = configuration.columns
        var layout = Layout()
        layout.id = try index(idColumn) ?? 0
        layout.given = try index(columns.givenName)
        layout.surname = try index(columns.surname)
        layout.fullName = try index(columns.fullName)
        layout.email = try index(columns.email)
        layout.phone = try index(columns.phone)
        layout.birthDate = try index(columns.birthDate)
        for attribute in configuration.attributes { layout.attributes.append((attribute.name, try index(attribute.column) ?? 0)) }
        if case .column(let column) = configuration.truth { layout.truth = try index(column) }

        var seen = Set<String>()
        var batch: [(bytes: [UInt8], line: Int)] = []
        var rows = 0
        let nicknames: NicknameTable = configuration.nicknames ? .english : .none
        let format = columns.birthDateFormat
        let width = header.count
        func flush() throws(UnificationError) {
            let converted = convert(batch, layout: layout, width: width, source: source, nicknames: nicknames, format: format, name: name)
            // The first problem in file order, whichever slice met it.
            if let problem = converted.lazy.compactMap(\.problem).min(by: { $0.line < $1.line }) {
                throw UnificationError(problem.message)
            }
            for slice in converted {
                for (offset, record) in slice.records.enumerated() {
                    let id = record.id.sourceID
                    guard !id.isEmpty else {
                        throw UnificationError("\(name) line \(slice.lines[offset]): the id column '\(idColumn)' is empty")
                    }
                    guard seen.insert(id).inserted else { throw UnificationError("\(name) line \(slice.lines[offset]): id '\(id)' appears twice") }
                }
                records += slice.records
            }
            if configuration.truth != nil {
                for slice in converted {
                    if let pattern {
                        for record in slice.records { truth.append(trueEntity(id: record.id.sourceID, pattern: pattern)) }
                    } else {
                        truth += slice.truth
                    }
                }
            }
            rows += batch.count
            batch.removeAll(keepingCapacity: true)
        }
        while let record = reader.nextRecord() {
            if CSVFileReader.isBlank(record.bytes) { continue }
            batch.append(record)
            if batch.count == batchSize { try flush() }
        }
        try flush()
        guard rows > 0 else { throw UnificationError("\(name): has a header but no records") }
    }

    /// One slice of a batch, converted.
    struct ConvertedSlice: Sendable {
        var records: [Record] = []
        /// The line each record starts on.
        var lines: [Int] = []
        /// Each record's truth column (when the truth is a column).
        var truth: [String?] = []
        /// The slice's first unreadable row.
        var problem: (line: Int, message: String)?
    }

    /// The records of `rows` (raw CSV records), split into fields and normalised on every core.
    private static func convert(_ rows: [(bytes: [UInt8], line: Int)], layout: Layout, width: Int, source: String, nicknames: NicknameTable,
                                format: DatePattern?, name: String) -> [ConvertedSlice] {
        let slices = 8
        let size = (rows.count + slices - 1) / slices
        let parts = UnsafeSendableArray<ConvertedSlice>(count: slices, value: ConvertedSlice())
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            var part = ConvertedSlice()
            for (bytes, line) in rows[min(rows.count, slice * size)..<min(rows.count, (slice + 1) * size)] {
                guard let fields = CSVFileReader.fields(bytes) else {
                    part.problem = (line, "\(name) line \(line): malformed CSV quoting")
                    break
                }
                guard fields.count <= width else {
                    part.problem = (line, "\(name) line \(line): \(fields.count) fields where the header has \(width)")
                    break
                }
                part.records.append(record(fields, layout: layout, source: source, nicknames: nicknames, format: format))
                part.lines.append(line)
                if let index = layout.truth { part.truth.append(index < fields.count && !fields[index].isEmpty ? fields[index] : nil) }
            }
            parts.set(slice, part)
        }
        return parts.values
    }

    /// One row's record.
    static func record(_ fields: [String], layout: Layout, source: String, nicknames: NicknameTable, format: DatePattern?) -> Record {
        func value(_ index: Int?) -> String? {
            guard let index, index < fields.count, !fields[index].isEmpty else { return nil }
            return fields[index]
        }
        let name: MatchName?
        if let text = value(layout.fullName) {
            name = MatchName(parsing: text, nicknames: nicknames)
        } else if layout.given != nil || layout.surname != nil, value(layout.given) != nil || value(layout.surname) != nil {
            name = MatchName(given: value(layout.given), surname: value(layout.surname), nicknames: nicknames)
        } else {
            name = nil
        }
        let birthDate: MatchDate? = value(layout.birthDate).flatMap { text in format.map { MatchDate(text, pattern: $0) } ?? MatchDate(text) }
        var attributes: [String: String] = [:]
        for (attribute, index) in layout.attributes {
            if let text = value(index), let key = TextKey.key(text) { attributes[attribute] = key }
        }
        return Record(id: RecordID(sourceSystem: source, sourceID: layout.id < fields.count ? fields[layout.id] : ""), name: name,
                      email: value(layout.email).flatMap(MatchEmail.init), phone: value(layout.phone).flatMap(MatchPhone.init),
                      birthDate: birthDate, attributes: attributes)
    }

    /// The entity an id's match of `pattern` names (its first group if any); nil when it does not match.
    private static func trueEntity(id: String, pattern: NSRegularExpression) -> String? {
        let range = NSRange(id.startIndex..., in: id)
        guard let match = pattern.firstMatch(in: id, range: range) else { return nil }
        let group = match.numberOfRanges > 1 && match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range
        return Range(group, in: id).map { String(id[$0]) }
    }
}

/// Slots that concurrent workers fill at distinct indices; read only after all have finished.
///
/// Unchecked because the compiler cannot see what makes it safe: each worker writes only its own
/// slot, and `concurrentPerform` returns only when every worker has.
final class UnsafeSendableArray<Element>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Element>

    init(count: Int, value: Element) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: value)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Element) { slots[index] = value }

    var values: [Element] { Array(slots) }
}

