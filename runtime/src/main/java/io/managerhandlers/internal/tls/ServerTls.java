package io.managerhandlers.internal.tls;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.managerhandlers.internal.settings.Settings;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server's TLS from the PEM files of {@code tls(cert, key, ca)}: the JDK reads them ({@link PemFiles}),
 * checks that the key belongs to the certificate, and builds the {@link SSLContext} that Helidon serves with.
 * TLS 1.3 and 1.2 only. With a CA, a client certificate is required, verified by the JDK's PKIX trust manager
 * against that CA alone (expiry included), and its CN must be in {@code allowedNames} when that list is set.
 */
public final class ServerTls {
    /** The protocols served, newest first; everything older is refused in the handshake. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final System.Logger LOG = System.getLogger(ServerTls.class.getName());

    private ServerTls() {
    }

    /**
     * Helidon's TLS for these settings.
     *
     * @throws IllegalStateException a file is missing or unreadable, holds no usable certificate or key, or the
     *         key does not belong to the certificate; the message names the file
     */
    public static Tls create(Settings settings) {
        Path certPath = settings.tlsCertificate();
        Path keyPath = settings.tlsKey();
        Path caPath = settings.tlsCa();
        List<X509Certificate> chain = PemFiles.certificates(certPath, "certificate chain");
        PrivateKey key = PemFiles.privateKey(keyPath);
        requireMatch(key, chain.get(0), keyPath, certPath);
        warnIfNotValidNow(chain.get(0), certPath);
        List<X509Certificate> authorities = caPath == null ? List.of() : PemFiles.certificates(caPath, "CA certificate");
        SSLContext context = sslContext(key, chain, authorities, new AllowedNames(settings.allowedNames()), caPath);
        return Tls.builder()
                .sslContext(context)
                .enabledProtocols(PROTOCOLS)
                .clientAuth(caPath == null ? TlsClientAuth.NONE : TlsClientAuth.REQUIRED)
                .endpointIdentificationAlgorithm(Tls.ENDPOINT_IDENTIFICATION_NONE)
                .build();
    }

    private static SSLContext sslContext(PrivateKey key, List<X509Certificate> chain,
            List<X509Certificate> authorities, AllowedNames names, Path caPath) {
        try {
            // The key store lives in memory only; its password protects nothing and is thrown away.
            char[] password = UUID.randomUUID().toString().toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", key, password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
            keyManagers.init(keys, password);

            TrustManager[] trustManagers = null;
            if (!authorities.isEmpty()) {
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                for (int i = 0; i < authorities.size(); i++) {
                    trusted.setCertificateEntry("ca-" + i, authorities.get(i));
                }
                TrustManagerFactory pkix = TrustManagerFactory.getInstance("PKIX");
                pkix.init(trusted);
                trustManagers = new TrustManager[] {new AllowedNamesTrustManager(extended(pkix), names)};
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("TLS cannot be set up from " + chain.get(0).getSubjectX500Principal()
                    + (caPath == null ? "" : " and the CA " + caPath.toAbsolutePath()) + ": " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager extended(TrustManagerFactory factory) {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new IllegalStateException("This JDK's PKIX trust manager factory gave no X509ExtendedTrustManager");
    }

    /** A key that does not belong to the certificate would only fail later, in every client's handshake. */
    private static void requireMatch(PrivateKey key, X509Certificate certificate, Path keyPath, Path certPath) {
        PublicKey publicKey = certificate.getPublicKey();
        boolean matches;
        if (key instanceof RSAKey rsa && publicKey instanceof RSAKey rsaPublic) {
            matches = rsa.getModulus().equals(rsaPublic.getModulus());
        } else if (!family(key.getAlgorithm()).equals(family(publicKey.getAlgorithm()))) {
            matches = false;
        } else {
            matches = signsFor(key, publicKey);
        }
        if (!matches) {
            throw PemFiles.fail("private key", keyPath, "the " + key.getAlgorithm() + " key does not match the"
                    + " certificate's " + publicKey.getAlgorithm() + " public key in " + certPath.toAbsolutePath()
                    + " (subject " + certificate.getSubjectX500Principal().getName() + ")");
        }
    }

    private static String family(String algorithm) {
        return switch (algorithm) {
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            case "RSA", "RSASSA-PSS" -> "RSA";
            default -> algorithm;
        };
    }

    /** Signs a random message with the private key and checks it with the public one: the JDK's own check. */
    private static boolean signsFor(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (family(key.getAlgorithm())) {
            case "EC" -> "SHA256withECDSA";
            case "EdDSA" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return true; // No generic check for this algorithm: the handshake will tell.
        }
        try {
            byte[] message = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void warnIfNotValidNow(X509Certificate certificate, Path certPath) {
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            LOG.log(Level.WARNING, "The TLS certificate in " + certPath.toAbsolutePath() + " is not valid now ("
                    + certificate.getNotBefore() + " to " + certificate.getNotAfter() + "): clients will refuse it");
        }
    }
}
