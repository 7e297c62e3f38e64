import TenureCore

/// The PostgreSQL definitions of the text-cleaning functions: `tenure_phone`, `tenure_email`,
/// `tenure_number` and `tenure_person_name`.
extension PostgresFunctions {
    /// `PhoneNumber.e164`.
    static var phoneExpression: String {
        let digits = "regexp_replace(value, '[^0-9]+', '', 'g')"
        return """
            CASE WHEN left(ltrim(value, \(whitespaceLiteral)), 1) = '+' \
            THEN CASE WHEN length(\(digits)) BETWEEN 8 AND 15 THEN '+' || \(digits) END \
            WHEN length(\(digits)) = 10 THEN '+1' || \(digits) \
            WHEN length(\(digits)) = 11 AND left(\(digits), 1) = '1' THEN '+' || \(digits) END
            """
    }

    /// `EmailAddress.normalized`.
    static var emailExpression: String {
        let text = trimmed("value")
        // The fixed table's `translate` costs a scan per character; ASCII text needs only `lower`.
        let lower = "CASE WHEN octet_length(value) = length(value) THEN lower(\(text) COLLATE \"C\") ELSE \(lowered(text)) END"
        let ws = whitespaceClass
        return "CASE WHEN \(lower) ~ '^[^@\(ws)]+@[^@.\(ws)]+(?:\\.[^@.\(ws)]+)+$' THEN \(lower) END"
    }

    /// `MoneyText.amount`; the length guard keeps the `double precision` cast from overflowing.
    static var numberExpression: String {
        let kept = "translate(value, E'$,\(whitespaceEscapes)', '')"
        let unsigned = #"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"#
        return """
            CASE WHEN length(\(kept)) > 100 THEN NULL \
            WHEN \(kept) ~ '^-?\(unsigned)$' THEN (\(kept))::double precision \
            WHEN \(kept) ~ '^\\(\(unsigned)\\)$' THEN -(substr(\(kept), 2, length(\(kept)) - 2)::double precision) END
            """
    }

    // MARK: Person names

    /// The canonical suffix `token` spells, or NULL.
    static func suffixCase(_ token: String) -> String {
        let cases = PersonName.suffixSpellings.sorted { $0.key < $1.key }
            .map { "WHEN '\($0.key)' THEN '\($0.value)'" }.joined(separator: " ")
        return "CASE lower(\(token) COLLATE \"C\") \(cases) END"
    }

    /// `PersonName.part(_:of:)`, step for step as `PersonNameParser` takes them.
    static var personNameBody: String {
        let ws = whitespaceClass
        return """
        DECLARE
          tokens text[];
          n integer;
          comma integer;
          suffix text;
          given text;
          middle text[] := '{}';
          surname text[];
          after text[];
          start integer;
          given_text text;
          middle_text text;
          surname_text text;
        BEGIN
          IF full_name IS NULL OR wanted IS NULL OR wanted NOT IN ('full', 'given', 'middle', 'surname', 'suffix') THEN
            RETURN NULL;
          END IF;
          -- Words, after dropping remarks in parentheses; each comma a word of its own.
          tokens := array_remove(regexp_split_to_array(
            replace(regexp_replace(full_name, '\\([^()]*\\)', ' ', 'g'), ',', ' , '), '[\(ws)]+'), '');
          WHILE cardinality(tokens) > 0 AND tokens[1] = ',' LOOP tokens := tokens[2:]; END LOOP;
          WHILE cardinality(tokens) > 0 AND tokens[cardinality(tokens)] = ',' LOOP
            tokens := tokens[:cardinality(tokens) - 1];
          END LOOP;
          IF cardinality(tokens) >= 2 AND tokens[2] <> ','
             AND lower(tokens[1] COLLATE "C") IN (\(sqlList(PersonName.honorifics))) THEN
            tokens := tokens[2:];
          END IF;
          n := cardinality(tokens);
          IF n >= 1 THEN suffix := \(suffixCase("tokens[n]")); END IF;
          IF suffix IS NOT NULL AND cardinality(array_remove(tokens[:n - 1], ',')) > 0 THEN
            tokens := tokens[:n - 1];
            WHILE cardinality(tokens) > 0 AND tokens[cardinality(tokens)] = ',' LOOP
              tokens := tokens[:cardinality(tokens) - 1];
            END LOOP;
          ELSE
            -- 'Williams Jr., Adam'
            suffix := NULL;
            comma := array_position(tokens, ',');
            IF comma >= 3 THEN
              suffix := \(suffixCase("tokens[comma - 1]"));
              IF suffix IS NOT NULL THEN tokens := tokens[:comma - 2] || tokens[comma:]; END IF;
            END IF;
          END IF;
          n := cardinality(tokens);
          IF n = 0 THEN RETURN NULL; END IF;
          IF wanted = 'suffix' THEN RETURN suffix; END IF;
          comma := array_position(tokens, ',');
          IF comma IS NOT NULL THEN
            surname := tokens[:comma - 1];
            after := array_remove(tokens[comma + 1:], ',');
            given := after[1];
            middle := after[2:];
          ELSIF n = 1 THEN
            surname := tokens;
          ELSE
            -- The surname takes along the particles before it, never the given name.
            start := n;
            WHILE start > 2 AND lower(tokens[start - 1] COLLATE "C") IN (\(sqlList(PersonName.surnameParticles))) LOOP
              start := start - 1;
            END LOOP;
            given := tokens[1];
            middle := tokens[2:start - 1];
            surname := tokens[start:];
          END IF;
          IF wanted IN ('given', 'full') THEN given_text := public._tenure_name_word(given); END IF;
          IF wanted IN ('middle', 'full') THEN middle_text := public._tenure_name_words(middle); END IF;
          IF wanted IN ('surname', 'full') THEN surname_text := public._tenure_name_words(surname); END IF;
          RETURN CASE wanted WHEN 'given' THEN given_text WHEN 'middle' THEN middle_text WHEN 'surname' THEN surname_text
            ELSE nullif(concat_ws(' ', given_text, middle_text, surname_text), '') END;
        END
        """
    }

    /// `PersonName`'s title case for one word, or its initial.
    static var nameWordBody: String {
        """
        DECLARE
          result text := '';
          c text;
          upper_next boolean := true;
        BEGIN
          IF word ~ '^(?:[A-Za-z]|[^\\x01-\\u00bf])\\.?$' THEN
            RETURN \(uppered("left(word, 1)")) || '.';
          END IF;
          IF word ~ '^[A-Za-z''-]+$' THEN
            -- For ASCII letters, hyphens and apostrophes, initcap applies the same rule, faster.
            result := initcap(word COLLATE "C");
          ELSE
            FOREACH c IN ARRAY regexp_split_to_array(word, '') LOOP
              result := result || CASE WHEN upper_next THEN \(uppered("c")) ELSE \(lowered("c")) END;
              upper_next := c IN ('-', '''', '\u{2019}');
            END LOOP;
          END IF;
          IF result ~ '^Mc.' THEN
            result := 'Mc' || \(uppered("substr(result, 3, 1)")) || substr(result, 4);
          END IF;
          RETURN result;
        END
        """
    }

    /// The words title-cased and joined by spaces; NULL for none.
    static var nameWordsBody: String {
        """
        DECLARE
          word text;
          result text;
        BEGIN
          FOREACH word IN ARRAY words LOOP
            result := concat_ws(' ', result, public._tenure_name_word(word));
          END LOOP;
          RETURN result;
        END
        """
    }
}
