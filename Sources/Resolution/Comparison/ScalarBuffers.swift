/// Two strings' Unicode scalars in temporary buffers, for the similarity measures' `String` entry points.
enum ScalarBuffers {
    static func with<Result>(_ a: String, _ b: String, _ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<UInt32>) -> Result) -> Result {
        let countA = a.unicodeScalars.count, countB = b.unicodeScalars.count
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: countA + countB) { buffer in
            var index = 0
            for scalar in a.unicodeScalars { buffer.initializeElement(at: index, to: scalar.value); index += 1 }
            for scalar in b.unicodeScalars { buffer.initializeElement(at: index, to: scalar.value); index += 1 }
            let all = UnsafeBufferPointer(buffer)
            return body(UnsafeBufferPointer(rebasing: all[0..<countA]), UnsafeBufferPointer(rebasing: all[countA...]))
        }
    }
}
