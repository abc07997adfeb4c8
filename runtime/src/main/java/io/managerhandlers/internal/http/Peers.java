package io.managerhandlers.internal.http;

import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import io.managerhandlers.internal.tls.AllowedNames;
import java.security.cert.X509Certificate;

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

    /**
     * The subject CN of the client's certificate, verified by the TLS handshake; null without one, or with
     * several CNs (the same reading as the allowed-names check).
     */
    public static String clientName(ServerRequest req) {
        if (!req.isSecure()) {
            return null;
        }
        return req.remotePeer().tlsCertificates()
                .filter(chain -> chain.length > 0 && chain[0] instanceof X509Certificate)
                .map(chain -> AllowedNames.commonName(chain[0]))
                .orElse(null);
    }
}
