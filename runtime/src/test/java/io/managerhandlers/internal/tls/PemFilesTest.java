package io.managerhandlers.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.common.tls.Tls;
import io.managerhandlers.internal.settings.Settings;
import io.managerhandlers.security.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PEM reader against what openssl writes, and the TLS settings handed to Helidon. */
class PemFilesTest {
    static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.get();
    }

    /** The key as the JDK reads it from openssl's PKCS#12 file: an independent reference. */
    private static PrivateKey reference(String p12, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.file(p12))) {
            store.load(in, TestPki.P12_PASSWORD.toCharArray());
        }
        return (PrivateKey) store.getKey(alias, TestPki.P12_PASSWORD.toCharArray());
    }

    @Test
    void pkcs1AndPkcs8GiveTheSameRsaKey() throws IOException {
        assertThat(Files.readString(pki.file("server-rsa-pkcs1.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(pki.file("server-rsa-pkcs8.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        PrivateKey pkcs1 = PemFiles.privateKey(pki.file("server-rsa-pkcs1.key"));
        PrivateKey pkcs8 = PemFiles.privateKey(pki.file("server-rsa-pkcs8.key"));
        assertThat(pkcs1.getAlgorithm()).isEqualTo("RSA");
        assertThat(pkcs1.getEncoded()).isEqualTo(pkcs8.getEncoded());
    }

    @Test
    void sec1EcKeysReadAsTheKeyOpensslExports() throws Exception {
        for (String name : List.of("client-1", "client-2")) {
            assertThat(Files.readString(pki.file(name + ".key"))).startsWith("-----BEGIN EC PRIVATE KEY-----");
            PrivateKey key = PemFiles.privateKey(pki.file(name + ".key"));
            assertThat(key.getAlgorithm()).isEqualTo("EC");
            assertSameEcKey(key, reference(name + ".p12", name));
        }
    }

    @Test
    void aSec1KeyWithoutItsOwnCurveTakesItFromTheParametersBlock() throws IOException {
        // openssl always writes the curve into a SEC1 key; drop it ([0]) to get what other tools may write.
        List<PemFiles.Block> blocks = PemFiles.blocks(pki.file("server-ec.key"), "key");
        assertThat(blocks).extracting(PemFiles.Block::label).containsExactly("EC PARAMETERS", "EC PRIVATE KEY");
        Der.Reader fields = Der.parse(blocks.get(1).der()).children();
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        while (fields.hasNext()) {
            Der.Element field = fields.next();
            if (field.tag() != Der.CONTEXT_0) {
                kept.writeBytes(field.encoded());
            }
        }
        byte[] withoutCurve = Der.encode(Der.SEQUENCE, kept.toByteArray());
        Path withBlock = pki.file("no-curve-with-parameters.key");
        Files.writeString(withBlock, pem("EC PARAMETERS", blocks.get(0).der()) + pem("EC PRIVATE KEY", withoutCurve));
        assertSameEcKey(PemFiles.privateKey(withBlock), PemFiles.privateKey(pki.file("server-ec.key")));

        Path alone = pki.file("no-curve.key");
        Files.writeString(alone, pem("EC PRIVATE KEY", withoutCurve));
        assertThatThrownBy(() -> PemFiles.privateKey(alone))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(alone.toString())
                .hasMessageContaining("names no curve");
    }

    /** Same curve, same secret: encodings may differ in the optional fields. */
    private static void assertSameEcKey(PrivateKey actual, PrivateKey expected) {
        ECPrivateKey a = (ECPrivateKey) actual;
        ECPrivateKey e = (ECPrivateKey) expected;
        assertThat(a.getS()).isEqualTo(e.getS());
        assertThat(a.getParams().toString()).isEqualTo(e.getParams().toString());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    @Test
    void ed25519Pkcs8KeysAreRead() throws IOException {
        pki.openssl("genpkey", "-algorithm", "ed25519", "-out", "ed25519.key");
        assertThat(PemFiles.privateKey(pki.file("ed25519.key")).getAlgorithm()).isIn("EdDSA", "Ed25519");
    }

    @Test
    void explicitCurveParametersAreRefusedByName() throws IOException {
        pki.openssl("ec", "-in", "server-ec.key", "-param_enc", "explicit", "-out", "explicit-ec.key");
        Path explicit = pki.file("explicit-ec.key");
        assertThatThrownBy(() -> PemFiles.privateKey(explicit))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(explicit.toString())
                .hasMessageContaining("explicit curve parameters");
    }

    @Test
    void certificatesComeInFileOrder() throws IOException {
        Path bundle = pki.file("bundle.pem");
        Files.writeString(bundle, "leading text is ignored\n" + Files.readString(pki.file("server-rsa.crt"))
                + Files.readString(pki.file("ca.crt")));
        List<X509Certificate> chain = PemFiles.certificates(bundle, "certificate chain");
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(chain.get(1).getSubjectX500Principal().getName()).isEqualTo("CN=Test ca");
    }

    @Test
    void helidonGetsTls13And12OnlyAndClientAuthOnlyWithACa() {
        Tls withCa = ServerTls.create(settings(pki.file("ca.crt"), List.of("client-1")));
        assertThat(withCa.sslParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(withCa.sslParameters().getNeedClientAuth()).isTrue();
        Tls without = ServerTls.create(settings(null, List.of()));
        assertThat(without.sslParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(without.sslParameters().getNeedClientAuth()).isFalse();
        assertThat(without.sslParameters().getWantClientAuth()).isFalse();
    }

    private static Settings settings(Path ca, List<String> names) {
        Settings.Builder builder = new Settings.Builder();
        builder.tls(pki.file("server-rsa.crt"), pki.file("server-rsa-pkcs1.key"), ca);
        builder.allowedNames(names);
        return builder.build();
    }

    @Test
    void theCommonNameIsTheOnlyCnOfTheSubject() throws IOException {
        assertThat(AllowedNames.commonName(PemFiles.certificates(pki.file("client-1.crt"), "c").get(0)))
                .isEqualTo("client-1");
        assertThat(commonNameOf("/O=Acme/CN=client-1/OU=ops")).isEqualTo("client-1");
        assertThat(commonNameOf("/CN=client-1+O=Acme")).isEqualTo("client-1");
        assertThat(commonNameOf("/CN=client-1/CN=admin")).isNull();
        assertThat(commonNameOf("/CN=admin+CN=client-1")).isNull();
        assertThat(commonNameOf("/O=client-1")).isNull();
        assertThat(commonNameOf("/CN=client-1,O=x")).isEqualTo("client-1,O=x");
    }

    private static String commonNameOf(String subject) throws IOException {
        String name = "subject-" + Integer.toHexString(subject.hashCode());
        pki.openssl("req", "-x509", "-new", "-key", "client-1.key", "-subj", subject, "-multivalue-rdn",
                "-days", "1", "-out", name + ".crt");
        return AllowedNames.commonName(PemFiles.certificates(pki.file(name + ".crt"), "c").get(0));
    }

    @Test
    void allowedNamesMatchExactly() {
        AllowedNames names = new AllowedNames(List.of("client-1"));
        assertThat(names.restricted()).isTrue();
        assertThat(names.allows("client-1")).isTrue();
        assertThat(names.allows("Client-1")).isFalse();
        assertThat(names.allows("client-1 ")).isFalse();
        assertThat(names.allows("client")).isFalse();
        assertThat(names.allows(null)).isFalse();
        AllowedNames anyone = new AllowedNames(List.of());
        assertThat(anyone.restricted()).isFalse();
        assertThat(anyone.allows(null)).isTrue();
    }
}
