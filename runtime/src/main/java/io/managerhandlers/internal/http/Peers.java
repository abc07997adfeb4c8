package io.managerhandlers.internal.http;

import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Who is on the other end of a request: address and, under mutual TLS, the verified certificate's CN. */
public final class Peers {
    private Peers() {
    }

    public static String address(ServerRequest req) {
        SocketAddress address = req.remotePeer().address();
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** The subject CN of the client's certificate, verified by the TLS handshake; null without one. */
    public static String clientName(ServerRequest req) {
        if (!req.isSecure()) {
            return null;
        }
        return req.remotePeer().tlsCertificates()
                .filter(chain -> chain.length > 0 && chain[0] instanceof X509Certificate)
                .map(chain -> commonName((X509Certificate) chain[0]))
                .orElse(null);
    }

    static String commonName(Certificate certificate) {
        try {
            String subject = ((X509Certificate) certificate).getSubjectX500Principal().getName();
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
