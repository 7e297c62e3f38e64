// The C library's logarithms: the standard library has none, and Foundation is more than two
// functions need. Used only when a model is built, never per pair.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Base-2 logarithms and powers, the unit of match weights (bits).
enum Logarithm {
    /// log2(`x`).
    static func binary(_ x: Double) -> Double { log2(x) }
    /// 2 to the power `x`.
    static func power(_ x: Double) -> Double { exp2(x) }
}
