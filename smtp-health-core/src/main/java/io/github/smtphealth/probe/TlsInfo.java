package io.github.smtphealth.probe;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLSession;

import javax.security.auth.x500.X500Principal;

import org.jspecify.annotations.Nullable;

/**
 * What the TLS handshake established, and the server certificate it showed.
 *
 * @param protocol the protocol version, for example {@code TLSv1.3}
 * @param cipherSuite the cipher suite
 * @param subject the server certificate's subject (RFC 2253)
 * @param issuer the server certificate's issuer (RFC 2253)
 * @param notBefore when the server certificate became valid
 * @param notAfter when the server certificate expires
 * @since 0.1.0
 */
public record TlsInfo(String protocol, String cipherSuite, String subject, String issuer, Instant notBefore,
		Instant notAfter) {

	/**
	 * Return the time left until the certificate expires.
	 * @param now the current time
	 * @return the time left, negative once expired
	 */
	public Duration timeUntilExpiry(Instant now) {
		return Duration.between(now, this.notAfter);
	}

	static @Nullable TlsInfo of(SSLSession session) {
		Certificate[] chain;
		try {
			chain = session.getPeerCertificates();
		}
		catch (Exception ex) {
			return null;
		}
		if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
			return null;
		}
		return new TlsInfo(session.getProtocol(), session.getCipherSuite(), name(leaf.getSubjectX500Principal()),
				name(leaf.getIssuerX500Principal()), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
	}

	private static String name(X500Principal principal) {
		return Texts.printable(principal.getName(X500Principal.RFC2253));
	}

}
