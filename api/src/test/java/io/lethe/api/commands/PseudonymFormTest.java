package io.lethe.api.commands;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written pseudonym check accepts exactly what {@code [A-Za-z0-9+/]{43}=} matches. */
class PseudonymFormTest {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9+/]{43}=");

    @Property(tries = 2000)
    void agreesWithTheRegularExpression(@ForAll("nearPseudonyms") String value) {
        assertThat(Require.isPseudonym(value)).isEqualTo(FORM.matcher(value).matches());
    }

    /** Mostly well-formed strings with a character or the length changed, so both answers occur often. */
    @Provide
    Arbitrary<String> nearPseudonyms() {
        Arbitrary<String> valid = Arbitraries.strings().withChars("ABCXYZabcxyz0189+/").ofLength(43).map(s -> s + "=");
        Arbitrary<Character> any = Arbitraries.chars().with('=', '-', '_', ' ', '@', '[', '`', '{', ':', '\u00e9', 'A', '/');
        Arbitrary<String> mutated = valid.flatMap(v -> Arbitraries.integers().between(0, v.length() - 1)
                .flatMap(i -> any.map(c -> v.substring(0, i) + c + v.substring(i + 1))));
        Arbitrary<String> resized = valid.flatMap(v -> Arbitraries.integers().between(0, 50)
                .map(n -> n <= v.length() ? v.substring(0, n) : v + "A".repeat(n - v.length())));
        return Arbitraries.oneOf(valid, mutated, resized);
    }
}
