/// The steps of reading a ``PersonName``, on Unicode scalars so that every engine's
/// character-by-character implementation can match them exactly.
enum PersonNameParser {
    typealias Word = [Unicode.Scalar]

    static let comma: Word = [","]

    static func parse(_ text: String) -> PersonName? {
        var tokens = self.tokens(text)
        while tokens.first == comma { tokens.removeFirst() }
        while tokens.last == comma { tokens.removeLast() }
        if tokens.count >= 2, tokens[1] != comma, PersonName.honorifics.contains(key(tokens[0])) {
            tokens.removeFirst()
        }
        var suffix: String?
        if let last = tokens.last, let canonical = PersonName.suffixSpellings[key(last)], tokens.dropLast().contains(where: { $0 != comma }) {
            suffix = canonical
            tokens.removeLast()
            while tokens.last == comma { tokens.removeLast() }
        } else if let index = tokens.firstIndex(of: comma), index >= 2, let canonical = PersonName.suffixSpellings[key(tokens[index - 1])] {
            // `Williams Jr., Adam`
            suffix = canonical
            tokens.remove(at: index - 1)
        }
        guard !tokens.isEmpty else { return nil }
        let given: Word?
        let middle: [Word]
        let surname: [Word]
        if let index = tokens.firstIndex(of: comma) {
            let after = tokens[(index + 1)...].filter { $0 != comma }
            surname = Array(tokens[..<index])
            given = after.first
            middle = Array(after.dropFirst())
        } else if tokens.count == 1 {
            (given, middle, surname) = (nil, [], tokens)
        } else {
            var start = tokens.count - 1
            while start > 1 && PersonName.surnameParticles.contains(key(tokens[start - 1])) { start -= 1 }
            (given, middle, surname) = (tokens[0], Array(tokens[1..<start]), Array(tokens[start...]))
        }
        return PersonName(
            given: given.map { titleCased($0) },
            middle: middle.isEmpty ? nil : middle.map(titleCased).joined(separator: " "),
            surname: surname.map(titleCased).joined(separator: " "),
            suffix: suffix)
    }

    /// The words of `text` after dropping parenthesised remarks; each comma is a word of its own.
    static func tokens(_ text: String) -> [Word] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Word] = []
        var word: Word = []
        func endWord() {
            if !word.isEmpty { tokens.append(word); word = [] }
        }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "(" {
                // A remark runs to the next `)` with no `(` before it; a lone `(` is kept.
                var end = index + 1
                while end < scalars.count && scalars[end] != "(" && scalars[end] != ")" { end += 1 }
                if end < scalars.count && scalars[end] == ")" {
                    endWord()
                    index = end + 1
                    continue
                }
            }
            if Whitespace.contains(scalar) {
                endWord()
            } else if scalar == "," {
                endWord()
                tokens.append(comma)
            } else {
                word.append(scalar)
            }
            index += 1
        }
        endWord()
        return tokens
    }

    /// The word with ASCII letters in lower case, for looking it up in the lists above.
    static func key(_ word: Word) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in word {
            scalars.append((0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(UInt8(scalar.value + 0x20)) : scalar)
        }
        return String(scalars)
    }

    /// The word title-cased, or written as an initial.
    static func titleCased(_ word: Word) -> String {
        if let first = word.first, word.count == 1 || (word.count == 2 && word[1] == "."), isLetter(first) {
            return String(Character(LetterCase.uppercased(first))) + "."
        }
        var scalars: Word = []
        scalars.reserveCapacity(word.count)
        var upperNext = true
        for scalar in word {
            scalars.append(upperNext ? LetterCase.uppercased(scalar) : LetterCase.lowercased(scalar))
            upperNext = scalar == "-" || scalar == "'" || scalar == "\u{2019}"
        }
        if scalars.count >= 3, scalars[0] == "M", scalars[1] == "c" {
            scalars[2] = LetterCase.uppercased(scalars[2])
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Whether `scalar` may be an initial: an ASCII letter, or any character from U+00C0 on
    /// (Latin letters with accents, other scripts).
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) || scalar.value >= 0xC0
    }
}
