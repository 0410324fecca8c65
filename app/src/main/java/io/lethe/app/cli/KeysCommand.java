package io.lethe.app.cli;

import io.lethe.verifier.NoteVerifier;
import io.lethe.app.keys.KeyPaths;
import io.lethe.app.keys.LedgerSecrets;
import io.lethe.app.keys.LogSigningKeys;
import io.lethe.app.verify.PinnedKeys;
import io.lethe.query.log.TransparencyLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;

/**
 * {@code lethe keys init|rotate|show}: the ledger's secrets as files outside its database, by default under
 * {@code <data-dir>/keys/}, or where {@code LETHE_LEDGER_SECRET_FILE} and {@code LETHE_LOG_SIGNING_KEY_FILE} say.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Create, rotate and show the ledger secret and the log signing key (files, never rows).")
final class KeysCommand {

    @Option(names = "--data-dir", defaultValue = ".lethe", scope = ScopeType.INHERIT,
            description = "Data directory whose keys/ to use, unless the *_FILE variables name other files"
                    + " (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--origin", defaultValue = TransparencyLog.DEFAULT_ORIGIN,
            scope = ScopeType.INHERIT,
            description = "The log's origin, the signing key's name (default ${DEFAULT-VALUE}).")
    String origin;

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create whichever of the ledger secret and the signing key is missing; never overwrites.")
    int init() {
        Map<String, String> env = System.getenv();
        LedgerSecrets.forDataDir(env, dataDir);
        KeyPair key = LogSigningKeys.loadOrCreate(signingKeyFile());
        System.out.println("ledger secret: " + (env.containsKey(LedgerSecrets.ENV) ? LedgerSecrets.ENV
                : KeyPaths.inDataDir(dataDir, env).ledgerSecret().orElseThrow()));
        System.out.println("signing key:   " + signingKeyFile());
        printPublic("current", LogSigningKeys.verifier(origin, key));
        return 0;
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Replace the signing key by a new one (a new key id); the old public key is kept in"
                    + " retired/. The query side signs with the new key from its next start.")
    int rotate() {
        LogSigningKeys.Rotation rotation = LogSigningKeys.rotate(signingKeyFile(), origin);
        printPublic("retired", rotation.retired());
        printPublic("current", rotation.current());
        System.out.println("restart the query side (or `lethe up`) to sign with the new key; checkpoints signed"
                + " before stay verifiable against the key history (GET /api/log/keys)");
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the public keys to pin with `lethe verify --public-key` (current and retired).")
    int show() throws IOException {
        Path file = signingKeyFile();
        NoteVerifier current = LogSigningKeys.verifier(origin, LogSigningKeys.read(file));
        printPublic("current", current);
        // The line a witness policy (Sigsum's format) names the log with.
        System.out.println("policy log " + java.util.HexFormat.of().formatHex(current.publicKey()));
        Path retired = LogSigningKeys.retiredFile(file, current).getParent();
        if (Files.isDirectory(retired)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(retired, "*.pub.pem")) {
                for (Path pem : files) {
                    printPublic("retired", PinnedKeys.parse(pem.toString(), origin));
                    System.out.println("  in " + pem);
                }
            }
        }
        return 0;
    }

    private Path signingKeyFile() {
        return KeyPaths.inDataDir(dataDir, System.getenv()).logSigningKey().orElseThrow();
    }

    private static void printPublic(String state, NoteVerifier key) {
        System.out.println(state + " " + key.format() + " (key id " + String.format("%08x", key.keyId())
                + ", base64 " + Base64.getEncoder().encodeToString(key.publicKey()) + ")");
    }
}
