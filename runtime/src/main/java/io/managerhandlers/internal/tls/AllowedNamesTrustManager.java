package io.managerhandlers.internal.tls;

import java.lang.System.Logger.Level;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's PKIX trust manager for the configured CA, and after it the allowed names: a client whose verified
 * certificate's CN is not listed fails the handshake, so it never reaches the HTTP layer at all.
 */
final class AllowedNamesTrustManager extends X509ExtendedTrustManager {
    private static final System.Logger LOG = System.getLogger(AllowedNamesTrustManager.class.getName());

    private final X509ExtendedTrustManager pkix;
    private final AllowedNames names;

    AllowedNamesTrustManager(X509ExtendedTrustManager pkix, AllowedNames names) {
        this.pkix = pkix;
        this.names = names;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
        admit(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        pkix.checkClientTrusted(chain, authType, socket);
        admit(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        pkix.checkClientTrusted(chain, authType, engine);
        admit(chain);
    }

    /** Only called after the CA verified the chain, so the name is the CA's word, not the client's. */
    private void admit(X509Certificate[] chain) throws CertificateException {
        String name = AllowedNames.commonName(chain[0]);
        if (!names.allows(name)) {
            String shown = name == null ? "no single CN" : "CN '" + printable(name) + "'";
            LOG.log(Level.WARNING, "Refused a TLS client: its certificate (" + shown + ", subject "
                    + printable(chain[0].getSubjectX500Principal().getName()) + ") is not in allowedNames");
            throw new CertificateException("The client certificate's " + shown + " is not in allowedNames");
        }
    }

    /** Keeps a name read from a certificate from forging log lines. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        pkix.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        pkix.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
