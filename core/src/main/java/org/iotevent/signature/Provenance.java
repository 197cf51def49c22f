package org.iotevent.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a signature came from.
 *
 * @param tool the tool and version that wrote it, e.g. {@code iotevent 0.1.0}
 * @param created when it was written, ISO-8601 UTC (the wall clock: provenance only, never used by
 *     the pipeline)
 * @param inputs the files it was learnt from, with their SHA-256
 */
public record Provenance(String tool, String created, List<Input> inputs) {
    public Provenance {
        if (tool == null || tool.isBlank() || created == null || created.isBlank()) {
            throw new IllegalArgumentException("provenance needs the tool and the creation date");
        }
        inputs = List.copyOf(inputs);
    }

    /**
     * One input file.
     *
     * @param role what it was: {@code capture}, {@code events}, ...
     * @param name its path as given
     * @param sha256 64 lower-case hex digits
     */
    public record Input(String role, String name, String sha256) {
        public Input {
            if (role == null || role.isBlank() || name == null) {
                throw new IllegalArgumentException("an input needs a role and a name");
            }
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, found '" + sha256 + "'");
            }
        }

        /** Digests {@code file}. */
        public static Input of(String role, Path file) throws IOException {
            return new Input(role, file.toString(), Provenance.sha256(file));
        }
    }

    /** The SHA-256 of a file's bytes, as 64 lower-case hex digits. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
