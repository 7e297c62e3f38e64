#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered, append-only file: the generator writes gigabytes, so bytes are gathered in memory
/// and handed to the C library in large chunks.
final class ByteSink {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    private let path: String
    private var failed = false
    private static let chunk = 1 << 20

    /// Opens `path` for writing, replacing any file there.
    init(path: String) throws(SimulatorError) {
        guard let handle = fopen(path, "wb") else {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        file = handle
        self.path = path
        buffer.reserveCapacity(Self.chunk + 65_536)
    }

    /// Appends UTF-8 text.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        drainWhenFull()
    }

    /// Lets `body` append bytes straight into the buffer.
    func write(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        drainWhenFull()
    }

    private func drainWhenFull() {
        if buffer.count >= Self.chunk { drain() }
    }

    private func drain() {
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if written != buffer.count { failed = true }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file; reports a failed write (a full disk) as an error.
    func close() throws(SimulatorError) {
        drain()
        let closed = fclose(file)
        if failed || closed != 0 {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
