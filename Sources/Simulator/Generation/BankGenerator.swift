import Foundation

/// Writes a simulated bank: what each of the four source systems' APIs would return, as JSON and
/// CSV exports, plus the truth folder — person by person, so memory stays flat as the bank grows.
public struct BankGenerator: Sendable {
    /// The bank to generate.
    public let specification: BankSpecification

    /// A generator for `specification`.
    public init(specification: BankSpecification) { self.specification = specification }

    /// What was written: rows per source entity and in the truth folder.
    public struct Summary: Sendable {
        /// Rows per `system/entity`, in a fixed order.
        public let counts: [(entity: String, rows: Int)]
        /// Rows in `truth/source_records.csv`.
        public let truthRecords: Int

        /// Rows of one `system/entity`, or 0.
        public func rows(_ entity: String) -> Int { counts.first { $0.entity == entity }?.rows ?? 0 }
    }

    /// Generates the bank into `directory` (created when missing; files already there are replaced).
    /// `progress` is told how many people are done, now and then.
    public func generate(into directory: URL, progress: (Int) -> Void = { _ in }) throws(SimulatorError) -> Summary {
        let root = directory.standardizedFileURL.path
        for folder in ["", "/erpnext", "/salesforce", "/supabase", "/sheets", "/truth"] {
            do {
                try FileManager.default.createDirectory(atPath: root + folder, withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(path: root + folder, reason: Self.reason(error))
            }
        }
        let truth = try TruthExport(directory: root + "/truth")
        let erp = try ERPNextSystem(directory: root + "/erpnext", specification: specification, truth: truth)
        let crm = try SalesforceSystem(directory: root + "/salesforce", specification: specification, truth: truth)
        let app = try SupabaseSystem(directory: root + "/supabase", specification: specification, truth: truth)
        let sheets = try SheetsSystem(directory: root + "/sheets", specification: specification, truth: truth)

        erp.writeReferenceData()
        sheets.writeReferenceData()
        let factory = PersonFactory(specification: specification)
        for index in 1...specification.customers {
            let person = factory.person(index)
            truth.person(person)
            let erpIDs = erp.write(person)
            crm.write(person, erpIDs: erpIDs)
            app.write(person)
            sheets.write(person)
            if index % 1000 == 0 { progress(index) }
        }
        progress(specification.customers)

        try erp.close()
        try crm.close()
        try app.close()
        try sheets.close()
        try truth.close()

        let counts = erp.counts.map { ("erpnext/\($0.0)", $0.1) } + crm.counts.map { ("salesforce/\($0.0)", $0.1) }
            + app.counts.map { ("supabase/\($0.0)", $0.1) } + sheets.counts.map { ("sheets/\($0.0)", $0.1) }
        let summary = Summary(counts: counts.map { (entity: $0.0, rows: $0.1) }, truthRecords: truth.recordCount)
        try writeManifest(summary, to: root + "/manifest.json")
        return summary
    }

    /// `manifest.json`: how the bank was made and what it holds; nothing in it depends on when it ran,
    /// so the same seed and size give byte-identical output.
    private func writeManifest(_ summary: Summary, to path: String) throws(SimulatorError) {
        let manifest: Record = [
            ("generator", .string("tenure-simulator")), ("format_version", .int(1)),
            ("customers", .int(specification.customers)), ("seed", .string(String(specification.seed))),
            ("window_start", .string(specification.window.start.iso)), ("window_end", .string(specification.window.end.iso)),
            ("dirt_rates", .object(specification.dirt.named.map { ($0.0, .number($0.1)) })),
            ("rows", .object(summary.counts.map { ($0.entity, .int($0.rows)) })),
            ("truth_records", .int(summary.truthRecords)),
        ]
        let sink = try ByteSink(path: path)
        sink.write(JSONText.object(manifest) + "\n")
        try sink.close()
    }

    private static func reason(_ error: Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedFailureReason ?? error.localizedDescription
    }
}
