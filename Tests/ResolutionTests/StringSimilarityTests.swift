import Resolution
import Testing

@Suite("Comparison: Jaro, Jaro–Winkler and Damerau–Levenshtein")
struct StringSimilarityTests {
    @Test("Jaro and Jaro–Winkler give the published values", arguments: [
        ("MARTHA", "MARHTA", 0.944, 0.961), ("DWAYNE", "DUANE", 0.822, 0.840), ("DIXON", "DICKSONX", 0.767, 0.813),
    ])
    func published(a: String, b: String, jaro: Double, winkler: Double) {
        #expect(abs(JaroWinkler.jaro(a, b) - jaro) < 0.0005)
        #expect(abs(JaroWinkler.similarity(a, b) - winkler) < 0.0005)
        #expect(JaroWinkler.similarity(a, b) == JaroWinkler.similarity(b, a))
    }

    @Test("identical, empty and disjoint strings")
    func edges() {
        #expect(JaroWinkler.similarity("smith", "smith") == 1)
        #expect(JaroWinkler.similarity("", "") == 1)
        #expect(JaroWinkler.similarity("abc", "") == 0)
        #expect(JaroWinkler.similarity("abc", "xyz") == 0)
        // Unicode scalars, not bytes: one differing letter, whatever its encoding.
        #expect(JaroWinkler.similarity("zoë", "zoe") == JaroWinkler.similarity("zox", "zoe"))
        // The prefix boost stops at four characters.
        let long = JaroWinkler.similarity("abcdefgh", "abcdefxy"), base = JaroWinkler.jaro("abcdefgh", "abcdefxy")
        #expect(abs(long - (base + 4 * 0.1 * (1 - base))) < 1e-12)
    }

    @Test("Damerau–Levenshtein counts adjacent transpositions once (optimal string alignment)", arguments: [
        ("smith", "smtih", 1), ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("abc", "abc", 0),
        ("a", "b", 1), ("zoë", "zoe", 1), ("wei", "wie", 1), ("ca", "abc", 3), ("johnson", "jonhson", 1),
    ])
    func damerauLevenshtein(a: String, b: String, distance: Int) {
        #expect(DamerauLevenshtein.distance(a, b) == distance)
        #expect(DamerauLevenshtein.distance(b, a) == distance)
    }

    @Test("long strings, beyond any stack buffer, still compare")
    func long() {
        let a = String(repeating: "abcdefghij", count: 100), b = String(repeating: "abcdefghij", count: 99) + "abcdefghix"
        #expect(DamerauLevenshtein.distance(a, b) == 1)
        #expect(JaroWinkler.similarity(a, b) > 0.99)
    }
}
