package io.lethe.query.witness;

import io.lethe.verifier.CosignatureVerifier;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One witness the log submits to.
 *
 * @param url the witness's submission prefix ({@code /add-checkpoint} is appended)
 * @param key its cosigning key (name and Ed25519 public key)
 */
public record WitnessEndpoint(URI url, CosignatureVerifier key) {

    /** The environment variable listing the witnesses. */
    public static final String ENV = "LETHE_WITNESSES";

    /**
     * Parses {@code LETHE_WITNESSES}: comma-separated entries {@code <url> <key>}, the key a cosigner vkey
     * {@code <name>+<keyid>+<base64(0x04||key)>} (as {@code lethe witness} prints it) or {@code <name> <hex key>}.
     *
     * @throws IllegalArgumentException naming the entry at fault
     */
    public static List<WitnessEndpoint> parseList(String value) {
        List<WitnessEndpoint> endpoints = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return endpoints;
        }
        for (String entry : value.split(",")) {
            String[] words = entry.strip().split("\\s+", 2);
            if (words.length != 2 || !words[0].matches("https?://\\S+")) {
                throw new IllegalArgumentException(ENV + " entry '" + entry.strip() + "' is not '<url> <key>'");
            }
            endpoints.add(new WitnessEndpoint(URI.create(words[0]), CosignatureVerifier.parse(words[1])));
        }
        return endpoints;
    }
}
