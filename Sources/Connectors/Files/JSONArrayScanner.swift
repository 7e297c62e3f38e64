#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits the record array of a JSON file into the raw bytes of its elements, reading the file in
/// chunks so that memory holds one element, not the file.
///
/// It follows strings, escapes and nesting only — enough to find element boundaries in any JSON
/// formatting — and leaves validating each element to landing, so one broken record is
/// quarantined instead of failing the whole file.
final class JSONArrayScanner {
    private let file: UnsafeMutablePointer<FILE>
    private let path: String
    /// The object key whose array holds the records, or nil when the file is the array.
    private let key: String?
    private var chunk = [UInt8](repeating: 0, count: 1 << 20)
    private var chunkLength = 0
    private var position = 0
    private var started = false
    private var finished = false

    /// Opens `path`; the records are the array under `key` (or the top-level array).
    init(path: String, key: String?) throws(ConnectorError) {
        guard let handle = fopen(path, "rb") else {
            throw ConnectorError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        file = handle
        self.path = path
        self.key = key
    }

    deinit { fclose(file) }

    private func nextByte() -> UInt8? {
        if position == chunkLength {
            chunkLength = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            position = 0
            if chunkLength == 0 { return nil }
        }
        defer { position += 1 }
        return chunk[position]
    }

    private func nextSignificantByte() -> UInt8? {
        while let byte = nextByte() {
            if byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 { return byte }
        }
        return nil
    }

    /// How reading a value ended.
    private enum Ending { case complete, lineBreakInString, endOfFile }

    /// Reads a JSON string's raw bytes after its opening quote, through the closing quote.
    ///
    /// A raw line break cannot occur inside a JSON string, so meeting one means the quotes are
    /// unbalanced: reading stops there, letting the scanner resynchronise on the next line
    /// instead of swallowing the rest of the file into one broken record.
    private func readString(into out: inout [UInt8]) -> Ending {
        var escaped = false
        while position < chunkLength || refill() {
            // Copy the run of ordinary bytes up to the next quote, backslash or line break at once.
            var end = position
            while end < chunkLength {
                let byte = chunk[end]
                if byte == 0x22 || byte == 0x5C || byte == 0x0A { break }
                end += 1
            }
            if escaped && end > position { escaped = false }
            out.append(contentsOf: chunk[position..<end])
            position = end
            guard position < chunkLength else { continue }
            let byte = chunk[position]
            position += 1
            if byte == 0x0A { return .lineBreakInString }
            out.append(byte)
            if escaped {
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else if byte == 0x22 {
                return .complete
            }
        }
        return .endOfFile
    }

    /// Reads one value whose first byte was `first`, keeping its bytes in `out`.
    private func readValue(first: UInt8, into out: inout [UInt8]) -> Ending {
        out.append(first)
        if first == 0x22 { return readString(into: &out) }
        guard first == 0x7B || first == 0x5B else {
            // A scalar: up to the next delimiter, which is left for the caller.
            while position < chunkLength || refill() {
                let byte = chunk[position]
                if byte == 0x2C || byte == 0x7D || byte == 0x5D || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { return .complete }
                out.append(byte)
                position += 1
            }
            return .complete
        }
        var depth = 1
        while let byte = nextByte() {
            out.append(byte)
            switch byte {
            case 0x22:
                let ending = readString(into: &out)
                if ending != .complete { return ending }
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { return .complete }
            default: break
            }
        }
        return .endOfFile
    }

    private func refill() -> Bool {
        chunkLength = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        position = 0
        return chunkLength > 0
    }

    /// Finds the records array: the file's top-level array, or the array under `key` at the top level.
    private func openArray() throws(ConnectorError) {
        guard let first = nextSignificantByte() else { throw ConnectorError("\(path) is empty") }
        guard let key else {
            guard first == 0x5B else { throw ConnectorError("\(path) is not a JSON array of records") }
            return
        }
        guard first == 0x7B else { throw ConnectorError("\(path) is not a JSON object with a \"\(key)\" array") }
        while let byte = nextSignificantByte() {
            if byte == 0x2C { continue }
            guard byte == 0x22 else { break }
            var name: [UInt8] = []
            guard readString(into: &name) == .complete else { break }
            guard nextSignificantByte() == 0x3A, let valueStart = nextSignificantByte() else { break }
            if String(decoding: name.dropLast(), as: UTF8.self) == key {
                guard valueStart == 0x5B else { throw ConnectorError("\(path): \"\(key)\" is not an array") }
                return
            }
            var skipped: [UInt8] = []
            guard readValue(first: valueStart, into: &skipped) == .complete else { break }
        }
        throw ConnectorError("\(path) has no \"\(key)\" array of records")
    }

    /// The next element's bytes, or nil after the last; a truncated element comes with a defect.
    func next() throws(ConnectorError) -> (bytes: [UInt8], defect: String?)? {
        if finished { return nil }
        if !started {
            try openArray()
            started = true
        }
        guard var first = nextSignificantByte() else {
            finished = true
            return nil
        }
        if first == 0x2C {
            guard let byte = nextSignificantByte() else {
                finished = true
                return ([], "the file ends inside the record array")
            }
            first = byte
        }
        if first == 0x5D {
            finished = true
            return nil
        }
        var element: [UInt8] = []
        element.reserveCapacity(512)
        switch readValue(first: first, into: &element) {
        case .complete: return (element, nil)
        case .lineBreakInString: return (element, "malformed JSON: a line break inside a string (unbalanced quotes)")
        case .endOfFile:
            finished = true
            return (element, "the file ends inside this record (truncated)")
        }
    }
}
