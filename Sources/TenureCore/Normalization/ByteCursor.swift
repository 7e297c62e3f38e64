/// A read position in UTF-8 bytes, for the hand-written parsers of dates and times.
///
/// These parsers run on millions of cells: bytes, not `Character`s (whose grapheme breaking
/// costs more than the whole parse) and not regular expressions.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var index: Int
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.bytes = bytes
        self.index = range.lowerBound
        self.end = range.upperBound
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { index >= end }

    /// The next byte, if any, without reading it.
    var next: UInt8? { index < end ? bytes[index] : nil }

    /// Reads `byte` if it comes next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard index < end, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Reads a whole run of ASCII digits when its length is within `lengths` (at most 9),
    /// returning its value and length; reads nothing otherwise.
    mutating func number(_ lengths: ClosedRange<Int>) -> (value: Int, length: Int)? {
        var stop = index
        while stop < end, Self.isDigit(bytes[stop]), stop - index <= lengths.upperBound { stop += 1 }
        let length = stop - index
        guard lengths.contains(length), stop == end || !Self.isDigit(bytes[stop]) else { return nil }
        var value = 0
        while index < stop {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        return (value, length)
    }

    /// Reads exactly `count` ASCII digits, whatever follows them.
    mutating func digits(_ count: Int) -> Int? {
        guard end - index >= count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard Self.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += count
        return value
    }

    /// Whether `byte` is an ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte)
    }
}

extension String {
    /// Runs `body` over the string's UTF-8 bytes without copying a native string.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var text = self
        return text.withUTF8(body)
    }
}
