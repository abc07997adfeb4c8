package io.managerhandlers.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads PEM files with the JDK alone: X.509 certificates through {@link CertificateFactory}, private keys
 * through {@link KeyFactory} from PKCS#8. PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1
 * ({@code BEGIN EC PRIVATE KEY}) keys are first wrapped, unchanged, in the PKCS#8 structure that names their
 * algorithm. Every failure is an {@link IllegalStateException} that names the file and says what to do.
 */
public final class PemFiles {
    /** Larger than any certificate chain or key a server uses; guards against pointing at a huge file. */
    private static final int MAX_BYTES = 1 << 20;
    private static final String SUPPORTED = "use an unencrypted PKCS#8 (BEGIN PRIVATE KEY), PKCS#1"
            + " (BEGIN RSA PRIVATE KEY) or SEC1 (BEGIN EC PRIVATE KEY) key";

    private static final byte[] RSA = Der.oid("1.2.840.113549.1.1.1");
    private static final byte[] EC = Der.oid("1.2.840.10045.2.1");
    private static final Map<String, String> ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.1", "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            "1.2.840.10045.2.1", "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");

    /** One {@code -----BEGIN label-----} ... {@code -----END label-----} block, decoded. */
    record Block(String label, byte[] der, boolean encrypted) {
    }

    private PemFiles() {
    }

    /**
     * Every certificate of a PEM file, in file order (for a chain: the server's own first).
     *
     * @param what what the file is, for messages: "certificate chain", "CA certificate"
     */
    public static List<X509Certificate> certificates(Path path, String what) {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("This JDK reads no X.509 certificates", e);
        }
        for (Block block : blocks(path, what)) {
            if (!block.label().equals("CERTIFICATE")) {
                continue;
            }
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException | ClassCastException e) {
                throw fail(what, path, "certificate " + (certificates.size() + 1) + " cannot be parsed: "
                        + e.getMessage());
            }
        }
        if (certificates.isEmpty()) {
            throw fail(what, path, "the file holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(certificates);
    }

    /** The one private key of a PEM file (other blocks, such as certificates, are ignored). */
    public static PrivateKey privateKey(Path path) {
        String what = "private key";
        Block key = null;
        byte[] curve = null;
        for (Block block : blocks(path, what)) {
            if (block.label().equals("EC PARAMETERS")) {
                curve = block.der();
            } else if (block.label().endsWith("PRIVATE KEY")) {
                if (key != null) {
                    throw fail(what, path, "the file holds more than one private key; keep only the server's");
                }
                key = block;
            }
        }
        if (key == null) {
            throw fail(what, path, "the file holds no PEM private key; " + SUPPORTED);
        }
        if (key.encrypted() || key.label().equals("ENCRYPTED PRIVATE KEY")) {
            throw fail(what, path, "the key is encrypted, which is not supported; " + SUPPORTED
                    + " (openssl pkcs8 -topk8 -nocrypt -in key.pem -out plain.pem)");
        }
        try {
            return switch (key.label()) {
                case "PRIVATE KEY" -> pkcs8(key.der(), path);
                case "RSA PRIVATE KEY" -> generate("RSA", wrap(Der.encode(Der.SEQUENCE, RSA,
                        Der.encode(Der.NULL)), key.der()), path);
                case "EC PRIVATE KEY" -> generate("EC", wrap(Der.encode(Der.SEQUENCE, EC,
                        sec1Curve(key.der(), curve, path)), key.der()), path);
                default -> throw fail(what, path, "BEGIN " + key.label() + " is an unsupported key format; "
                        + SUPPORTED);
            };
        } catch (IllegalArgumentException e) {
            throw fail(what, path, "the " + key.label() + " block is not valid DER (" + e.getMessage() + ")");
        }
    }

    private static PrivateKey pkcs8(byte[] der, Path path) {
        Der.Reader info = Der.parse(der).children();
        info.next(Der.INTEGER);
        Der.Element algorithm = info.next(Der.SEQUENCE).children().next(Der.OID);
        String name = ALGORITHMS.get(dotted(algorithm.content()));
        if (name == null) {
            throw fail("private key", path, "the key's algorithm " + dotted(algorithm.content())
                    + " is not supported; use an RSA, EC or Ed25519 key");
        }
        return generate(name, der, path);
    }

    private static PrivateKey generate(String algorithm, byte[] pkcs8, Path path) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw fail("private key", path, "not a usable " + algorithm + " key (" + e.getMessage() + "); "
                    + SUPPORTED);
        }
    }

    /** PrivateKeyInfo: version 0, the algorithm, and the algorithm's own key encoding as an OCTET STRING. */
    private static byte[] wrap(byte[] algorithmIdentifier, byte[] key) {
        return Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}), algorithmIdentifier,
                Der.encode(Der.OCTET_STRING, key));
    }

    /** The named curve of a SEC1 key: its own {@code [0]} parameters, else the file's EC PARAMETERS block. */
    private static byte[] sec1Curve(byte[] der, byte[] parametersBlock, Path path) {
        Der.Reader key = Der.parse(der).children();
        key.next(Der.INTEGER);
        key.next(Der.OCTET_STRING);
        while (key.hasNext()) {
            Der.Element element = key.next();
            if (element.tag() == Der.CONTEXT_0) {
                return namedCurve(element.content(), path);
            }
        }
        if (parametersBlock != null) {
            return namedCurve(parametersBlock, path);
        }
        throw fail("private key", path, "the EC key names no curve; write it with its parameters"
                + " (openssl ec -in key.pem -out key-with-curve.pem) or as PKCS#8");
    }

    private static byte[] namedCurve(byte[] parameters, Path path) {
        Der.Element curve = Der.parse(parameters);
        if (curve.tag() != Der.OID) {
            throw fail("private key", path, "the EC key uses explicit curve parameters, which are not supported;"
                    + " use a named curve such as P-256 (prime256v1)");
        }
        return curve.encoded();
    }

    private static String dotted(byte[] oid) {
        StringBuilder out = new StringBuilder();
        long arc = 0;
        boolean first = true;
        for (byte b : oid) {
            arc = (arc << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                if (first) {
                    long top = Math.min(arc / 40, 2);
                    out.append(top).append('.').append(arc - top * 40);
                    first = false;
                } else {
                    out.append('.').append(arc);
                }
                arc = 0;
            }
        }
        return out.toString();
    }

    static List<Block> blocks(Path path, String what) {
        String text = new String(read(path, what), StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        String label = null;
        boolean encrypted = false;
        StringBuilder base64 = new StringBuilder();
        for (String raw : text.split("\r?\n|\r")) {
            String line = raw.strip();
            if (label == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----") && line.length() > 16) {
                    label = line.substring(11, line.length() - 5);
                    encrypted = false;
                    base64.setLength(0);
                }
            } else if (line.equals("-----END " + label + "-----")) {
                try {
                    blocks.add(new Block(label, Base64.getDecoder().decode(base64.toString()), encrypted));
                } catch (IllegalArgumentException e) {
                    throw fail(what, path, "the BEGIN " + label + " block is not valid Base64");
                }
                label = null;
            } else if (line.contains(":")) {
                // RFC 1421 headers: only the legacy OpenSSL encryption of PKCS#1 and SEC1 keys uses them.
                encrypted |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
            } else {
                base64.append(line);
            }
        }
        if (label != null) {
            throw fail(what, path, "the BEGIN " + label + " block has no END line");
        }
        return blocks;
    }

    private static byte[] read(Path path, String what) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw fail(what, path, "the file is larger than " + MAX_BYTES + " bytes: not a PEM file");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw fail(what, path, "no such file");
        } catch (AccessDeniedException e) {
            throw fail(what, path, "permission denied");
        } catch (IOException e) {
            throw fail(what, path, "cannot be read (" + e.getMessage() + ")");
        }
    }

    static IllegalStateException fail(String what, Path path, String detail) {
        return new IllegalStateException("TLS " + what + " " + path.toAbsolutePath() + ": " + detail);
    }
}
