package io.managerhandlers.internal.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.managerhandlers.Call;
import io.managerhandlers.internal.bus.CallInfo;
import io.managerhandlers.internal.tls.AllowedNames;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;

/** Who is on the other end of a request: address and, under mutual TLS, the verified certificate's CN. */
public final class Peers {
    private Peers() {
    }

    /** The {@link Call} a handler sees for an HTTP request: its peer, its headers, and a deadline {@code timeout} away. */
    public static CallInfo call(ServerRequest req, String handler, Duration timeout) {
        return new CallInfo(Call.HTTP, handler, System.nanoTime() + timeout.toNanos(), address(req),
                name -> req.headers().first(HeaderNames.create(name)), clientName(req));
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
