package io.github.smtphealth.probe;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jspecify.annotations.Nullable;

/**
 * Delegates every decision to another trust manager and, when it rejects the server, says why in
 * words a person can act on: expired, not yet valid, issued for another host, or issued by someone not
 * trusted. With no delegate it accepts any certificate (verification switched off).
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final @Nullable X509ExtendedTrustManager delegate;

	ExplainingTrustManager(@Nullable X509ExtendedTrustManager delegate) {
		this.delegate = delegate;
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		verify(chain, (delegate) -> delegate.checkServerTrusted(chain, authType, socket));
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		verify(chain, (delegate) -> delegate.checkServerTrusted(chain, authType, engine));
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		verify(chain, (delegate) -> delegate.checkServerTrusted(chain, authType));
	}

	private void verify(X509Certificate[] chain, DelegateCheck check) throws CertificateException {
		if (this.delegate == null) {
			return;
		}
		try {
			check.run(this.delegate);
		}
		catch (CertificateException ex) {
			throw explain(chain, ex);
		}
		checkValidityOfLeaf(chain);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		throw new CertificateException("a probe does not accept client connections");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		throw new CertificateException("a probe does not accept client connections");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw new CertificateException("a probe does not accept client connections");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return (this.delegate != null) ? this.delegate.getAcceptedIssuers() : new X509Certificate[0];
	}

	/**
	 * The JDK does not check the validity dates of a certificate that is itself a trust anchor, such as
	 * a pinned self-signed one; a health check must not call an expired certificate healthy.
	 */
	private static void checkValidityOfLeaf(X509Certificate[] chain) throws CertificateException {
		if (chain.length > 0) {
			try {
				chain[0].checkValidity();
			}
			catch (CertificateException ex) {
				throw explain(chain, ex);
			}
		}
	}

	static ExplainedCertificateException explain(X509Certificate[] chain, CertificateException ex) {
		if (chain.length == 0) {
			return new ExplainedCertificateException("server sent no certificate", ex);
		}
		X509Certificate leaf = chain[0];
		Instant now = Instant.now();
		String subject = Texts.printable(leaf.getSubjectX500Principal().getName());
		for (int i = 0; i < chain.length; i++) {
			String which = (i == 0) ? "certificate" : "certificate " + (i + 1) + " of the chain";
			String whose = Texts.printable(chain[i].getSubjectX500Principal().getName());
			Instant notAfter = chain[i].getNotAfter().toInstant();
			Instant notBefore = chain[i].getNotBefore().toInstant();
			if (now.isAfter(notAfter)) {
				return new ExplainedCertificateException(
						which + " expired on " + DATE.format(notAfter) + " (" + whose + ")", ex);
			}
			if (now.isBefore(notBefore)) {
				return new ExplainedCertificateException(
						which + " not valid until " + DATE.format(notBefore) + " (" + whose + ")", ex);
			}
		}
		String message = String.valueOf(ex.getMessage());
		if (message.contains("No subject alternative") || message.contains("No name matching")) {
			return new ExplainedCertificateException(
					"certificate does not match the host name; it names " + namesOf(leaf), ex);
		}
		if (message.contains("PKIX path") || message.contains("certification path")) {
			String issuer = Texts.printable(leaf.getIssuerX500Principal().getName());
			String what = leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())
					? "self-signed certificate (" + subject + ") is not trusted"
					: "certificate issuer is not trusted or the chain is incomplete (issuer " + issuer + ")";
			return new ExplainedCertificateException(what, ex);
		}
		return new ExplainedCertificateException("certificate rejected: " + Texts.printable(message), ex);
	}

	private static String namesOf(X509Certificate certificate) {
		List<String> names = new ArrayList<>();
		try {
			Collection<List<?>> alternativeNames = certificate.getSubjectAlternativeNames();
			if (alternativeNames != null) {
				for (List<?> entry : alternativeNames) {
					if (entry.size() == 2 && entry.get(1) instanceof String name) {
						names.add(name);
					}
				}
			}
		}
		catch (CertificateParsingException ex) {
			// Fall back to the subject below.
		}
		return names.isEmpty() ? Texts.printable(certificate.getSubjectX500Principal().getName())
				: Texts.printable(String.join(", ", names));
	}

	/**
	 * One of the delegate's checks.
	 */
	@FunctionalInterface
	private interface DelegateCheck {

		void run(X509ExtendedTrustManager delegate) throws CertificateException;

	}

	/**
	 * A certificate rejection whose message is fit for a person.
	 */
	static final class ExplainedCertificateException extends CertificateException {

		private static final long serialVersionUID = 1L;

		ExplainedCertificateException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
