package io.managerhandlers.internal.tls;

import io.helidon.webserver.http.ServerRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The client certificate subject CNs let in under mutual TLS. Empty: every certificate the CA signed. A name
 * matches exactly (case-sensitive), and only from a certificate the TLS handshake verified: never a header.
 */
public final class AllowedNames {
    private final Set<String> names;

    public AllowedNames(List<String> names) {
        this.names = Set.copyOf(names);
    }

    /** Whether only some names get in. */
    public boolean restricted() {
        return !names.isEmpty();
    }

    /** Whether a certificate whose subject CN is {@code commonName} (null: none, or several) gets in. */
    public boolean allows(String commonName) {
        return !restricted() || commonName != null && names.contains(commonName);
    }

    /** Whether the request came over TLS with a verified client certificate whose CN is allowed. */
    public boolean admits(ServerRequest req) {
        if (!restricted()) {
            return true;
        }
        if (!req.isSecure()) {
            return false;
        }
        return req.remotePeer().tlsCertificates()
                .filter(chain -> chain.length > 0)
                .map(chain -> allows(commonName(chain[0])))
                .orElse(false);
    }

    /**
     * The certificate's subject CN, or null when it has none or several (several CNs name no one client, so
     * such a certificate never matches a restricted list).
     */
    public static String commonName(Certificate certificate) {
        if (!(certificate instanceof X509Certificate x509)) {
            return null;
        }
        List<String> found = new ArrayList<>(1);
        try {
            for (Rdn rdn : new LdapName(x509.getSubjectX500Principal().getName()).getRdns()) {
                // A multi-valued RDN (CN=a+O=b) holds several attributes: look at each.
                Attribute cn = rdn.toAttributes().get("CN");
                if (cn != null) {
                    NamingEnumeration<?> values = cn.getAll();
                    while (values.hasMore()) {
                        found.add(String.valueOf(values.next()));
                    }
                }
            }
        } catch (InvalidNameException e) {
            return null;
        } catch (NamingException e) {
            return null;
        }
        return found.size() == 1 ? found.get(0) : null;
    }
}
