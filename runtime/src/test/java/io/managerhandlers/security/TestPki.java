package io.managerhandlers.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away PKI made with {@code openssl} at test time, once per test JVM, in a temporary directory deleted
 * at exit: nothing secret is committed. Clients load their keys from PKCS#12 files that openssl writes, so the
 * test side never goes through the framework's own PEM reader.
 */
public final class TestPki {
    public static final String P12_PASSWORD = "test";
    private static TestPki instance;

    public final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    /** The PKI of this JVM, made on first use. */
    public static synchronized TestPki get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("mh-pki-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                TestPki pki = new TestPki(dir);
                pki.make();
                instance = pki;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    private void make() throws IOException {
        // Two independent CAs: ours, and a foreign one whose certificates must never get in.
        for (String ca : List.of("ca", "foreign-ca")) {
            openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", ca + ".key");
            openssl("req", "-x509", "-new", "-key", ca + ".key", "-subj", "/CN=Test " + ca, "-days", "2",
                    "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", ca + ".crt");
        }
        Files.writeString(file("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                + "extendedKeyUsage=serverAuth\n");
        Files.writeString(file("client.ext"), "extendedKeyUsage=clientAuth\n");

        // The RSA server key, as OpenSSL 3 writes it (PKCS#8), and the same key as PKCS#1.
        openssl("genrsa", "-out", "server-rsa-pkcs8.key", "2048");
        openssl("rsa", "-in", "server-rsa-pkcs8.key", "-traditional", "-out", "server-rsa-pkcs1.key");
        sign("ca", "server-rsa-pkcs8.key", "/CN=localhost", "server.ext", "server-rsa.crt");
        // An EC server key in SEC1 form, preceded by its EC PARAMETERS block, as `openssl ecparam -genkey` writes.
        openssl("ecparam", "-genkey", "-name", "prime256v1", "-out", "server-ec.key");
        sign("ca", "server-ec.key", "/CN=localhost", "server.ext", "server-ec.crt");
        // A second RSA key, for "does not match the certificate", and an encrypted copy of the server key.
        openssl("genrsa", "-out", "other-rsa.key", "2048");
        openssl("pkcs8", "-topk8", "-in", "server-rsa-pkcs8.key", "-v2", "aes-256-cbc", "-passout", "pass:x",
                "-out", "encrypted.key");

        client("client-1", "ca", "/CN=client-1");
        client("client-2", "ca", "/CN=client-2");
        client("foreign-client-1", "foreign-ca", "/CN=client-1");
        // Expired: an `openssl ca` signature with validity dates in the past.
        openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "expired-client-1.key");
        openssl("req", "-new", "-key", "expired-client-1.key", "-subj", "/CN=client-1",
                "-out", "expired-client-1.csr");
        Files.writeString(file("ca.cnf"), """
                [ca]
                default_ca = test
                [test]
                database = index.txt
                new_certs_dir = .
                serial = serial
                default_md = sha256
                policy = any
                x509_extensions = client
                [any]
                commonName = supplied
                [client]
                extendedKeyUsage = clientAuth
                """);
        Files.writeString(file("index.txt"), "");
        Files.writeString(file("serial"), "1000\n");
        openssl("ca", "-batch", "-config", "ca.cnf", "-cert", "ca.crt", "-keyfile", "ca.key",
                "-in", "expired-client-1.csr", "-startdate", "20200101000000Z", "-enddate", "20200201000000Z",
                "-notext", "-out", "expired-client-1.crt");
        p12("expired-client-1");
    }

    private void client(String name, String ca, String subject) throws IOException {
        openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", name + ".key");
        sign(ca, name + ".key", subject, "client.ext", name + ".crt");
        p12(name);
    }

    private void p12(String name) throws IOException {
        openssl("pkcs12", "-export", "-in", name + ".crt", "-inkey", name + ".key", "-name", name,
                "-passout", "pass:" + P12_PASSWORD, "-out", name + ".p12");
    }

    /** A certificate for {@code key}, signed by {@code ca}. */
    public void sign(String ca, String key, String subject, String extensions, String out) throws IOException {
        String csr = out + ".csr";
        openssl("req", "-new", "-key", key, "-subj", subject, "-out", csr);
        openssl("x509", "-req", "-in", csr, "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
                "-days", "2", "-sha256", "-extfile", extensions, "-out", out);
    }

    /** Runs openssl in the PKI's directory; a failure fails the test with openssl's own words. */
    public void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("openssl failed: " + command + "\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * A client TLS context trusting our CA, presenting {@code client}'s certificate ({@code null}: none).
     */
    public SSLContext clientContext(String client) {
        try {
            KeyManagerFactory keyManagers = null;
            if (client != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file(client + ".p12"))) {
                    keys.load(in, P12_PASSWORD.toCharArray());
                }
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, P12_PASSWORD.toCharArray());
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(file("ca.crt"))) {
                trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP/1.1 client over TLS as {@code client} (null: no certificate), limited to {@code protocols}. */
    public HttpClient httpClient(String client, String... protocols) {
        SSLParameters parameters = new SSLParameters();
        if (protocols.length > 0) {
            parameters.setProtocols(protocols);
        }
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(clientContext(client))
                .sslParameters(parameters)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory: the OS cleans up what is left.
        }
    }
}
