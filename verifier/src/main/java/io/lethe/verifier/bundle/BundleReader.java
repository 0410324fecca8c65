package io.lethe.verifier.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.lethe.api.Json;
import io.lethe.api.cloudevents.CanonicalJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Splits a bundle into lines and parses each: it must be JSON, exactly in its RFC 8785 canonical form, with a known
 * {@code kind} in the bundle's order. A line that fails is reported and skipped; reading goes on, so one bad byte
 * yields one finding, not a verifier that stops.
 */
final class BundleReader {

    private static final ObjectReader STRICT_JSON = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final InputStream in;
    private final LongConsumer progress;
    private final Consumer<String> failures;
    private long bytesRead;
    private long lineNumber;
    private int stage = -1;

    BundleReader(InputStream in, LongConsumer progress, Consumer<String> failures) {
        this.in = in;
        this.progress = progress;
        this.failures = failures;
    }

    /** @return the next well-formed line, or {@code null} at the end */
    BundleLine next() throws IOException {
        for (byte[] raw = readLine(); raw != null; raw = readLine()) {
            BundleLine line = parse(raw);
            if (line != null) {
                return line;
            }
        }
        return null;
    }

    private BundleLine parse(byte[] raw) {
        String where = "line " + lineNumber;
        JsonNode node;
        try {
            node = STRICT_JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            failures.accept(where + ": not JSON (" + e.getOriginalMessage() + ")");
            return null;
        } catch (IOException e) {
            failures.accept(where + ": unreadable (" + e.getMessage() + ")");
            return null;
        }
        JsonNode kind = node == null ? null : node.get("kind");
        if (kind == null || !kind.isTextual() || !AuditBundle.ORDER.contains(kind.textValue())) {
            failures.accept(where + ": not a bundle line (no known kind)");
            return null;
        }
        BundleLine line = new BundleLine(lineNumber, kind.textValue(), node);
        if (!Arrays.equals(CanonicalJson.bytes(node), raw)) {
            failures.accept(line.where() + ": not in its RFC 8785 canonical form, so not as exported");
        }
        return inOrder(line) ? line : null;
    }

    private boolean inOrder(BundleLine line) {
        int at = AuditBundle.ORDER.indexOf(line.kind());
        if (lineNumber == 1 && at != 0) {
            failures.accept(line.where() + ": a bundle starts with its header line");
        }
        if (at < stage || (at == 0 && lineNumber != 1)) {
            failures.accept(line.where() + ": out of order (after " + AuditBundle.ORDER.get(stage) + " lines)");
            return false;
        }
        stage = at;
        return true;
    }

    /** @return the next line without its newline, or {@code null} at the end; a last line without one is reported */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        for (int b = in.read(); ; b = in.read()) {
            if (b == -1) {
                if (line.size() > 0) {
                    lineNumber++;
                    failures.accept("line " + lineNumber + ": the bundle ends without a newline (truncated?)");
                    return line.toByteArray();
                }
                return null;
            }
            bytesRead++;
            if (b == '\n') {
                lineNumber++;
                if ((lineNumber & 0xff) == 0) {
                    progress.accept(bytesRead);
                }
                return line.toByteArray();
            }
            line.write(b);
        }
    }

    long bytesRead() {
        return bytesRead;
    }

    long lines() {
        return lineNumber;
    }
}
