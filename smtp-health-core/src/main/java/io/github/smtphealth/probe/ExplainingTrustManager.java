/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.smtphealth.probe;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jspecify.annotations.Nullable;

/**
 * Delegates every decision to another trust manager and, when it rejects the server, says
 * why in words a person can act on: expired, not yet valid, issued for another host, or
 * issued by someone not trusted. With no delegate it accepts any issuer and name
 * (verification switched off).
 * <p>
 * One expiry rule holds with or without verification: every certificate the server
 * presented, and every certificate of the verified path (the trust anchor included, which
 * the JDK does not check), must be within its validity dates. The verified path is
 * recorded in the {@link HandshakeObservations}, so that expiry can be reported for the
 * whole chain.
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final @Nullable X509ExtendedTrustManager delegate;

	private final HandshakeObservations observations;

	ExplainingTrustManager(@Nullable X509ExtendedTrustManager delegate, HandshakeObservations observations) {
		this.delegate = delegate;
		this.observations = observations;
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		verify(chain, socket, (delegate) -> delegate.checkServerTrusted(chain, authType, socket));
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		verify(chain, null, (delegate) -> delegate.checkServerTrusted(chain, authType, engine));
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		verify(chain, null, (delegate) -> delegate.checkServerTrusted(chain, authType));
	}

	private void verify(X509Certificate[] chain, @Nullable Socket socket, DelegateCheck check)
			throws CertificateException {
		List<X509Certificate> path = List.of();
		if (this.delegate != null) {
			try {
				check.run(this.delegate);
			}
			catch (CertificateException ex) {
				throw explain(chain, ex);
			}
			path = verifiedPath(chain, Arrays.asList(this.delegate.getAcceptedIssuers()));
		}
		checkValidity(chain, path);
		this.observations.verifiedPath(socket, path);
	}

	/**
	 * Rebuild the path the delegate accepted: the presented certificates, leaf first, as
	 * long as each issued the one before, up to the first that is a trust anchor or that
	 * a trust anchor issued (then the anchor ends the path). Empty when no anchor is
	 * found, for example when the delegate lists no accepted issuers.
	 */
	static List<X509Certificate> verifiedPath(X509Certificate[] chain, List<X509Certificate> anchors) {
		List<X509Certificate> path = new ArrayList<>();
		for (X509Certificate certificate : chain) {
			if (!path.isEmpty() && !path.get(path.size() - 1)
				.getIssuerX500Principal()
				.equals(certificate.getSubjectX500Principal())) {
				break;
			}
			path.add(certificate);
			if (anchors.contains(certificate)) {
				return path;
			}
			for (X509Certificate anchor : anchors) {
				if (issued(anchor, certificate)) {
					path.add(anchor);
					return path;
				}
			}
		}
		return List.of();
	}

	private static boolean issued(X509Certificate issuer, X509Certificate certificate) {
		if (!issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
			return false;
		}
		try {
			certificate.verify(issuer.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
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
	 * The JDK checks no validity dates without verification, nor those of a trust anchor
	 * (a pinned self-signed certificate, or the root of the verified path); a health
	 * check must not call an expired certificate healthy, whichever it is.
	 */
	private static void checkValidity(X509Certificate[] chain, List<X509Certificate> path)
			throws ExplainedCertificateException {
		Instant now = Instant.now();
		for (int i = 0; i < chain.length; i++) {
			String problem = validityProblem(chain[i], presentedName(i), now);
			if (problem != null) {
				throw new ExplainedCertificateException(problem, null);
			}
		}
		List<X509Certificate> presented = Arrays.asList(chain);
		for (int i = 0; i < path.size(); i++) {
			String problem = presented.contains(path.get(i)) ? null
					: validityProblem(path.get(i), "certificate " + (i + 1) + " of the verified path", now);
			if (problem != null) {
				throw new ExplainedCertificateException(problem, null);
			}
		}
	}

	private static String presentedName(int index) {
		return (index == 0) ? "certificate" : "certificate " + (index + 1) + " of the chain";
	}

	private static @Nullable String validityProblem(X509Certificate certificate, String which, Instant now) {
		String whose = Texts.printable(certificate.getSubjectX500Principal().getName());
		Instant notAfter = certificate.getNotAfter().toInstant();
		Instant notBefore = certificate.getNotBefore().toInstant();
		if (now.isAfter(notAfter)) {
			return which + " expired on " + DATE.format(notAfter) + " (" + whose + ")";
		}
		if (now.isBefore(notBefore)) {
			return which + " not valid until " + DATE.format(notBefore) + " (" + whose + ")";
		}
		return null;
	}

	static ExplainedCertificateException explain(X509Certificate[] chain, CertificateException ex) {
		if (chain.length == 0) {
			return new ExplainedCertificateException("server sent no certificate", ex);
		}
		X509Certificate leaf = chain[0];
		Instant now = Instant.now();
		String subject = Texts.printable(leaf.getSubjectX500Principal().getName());
		for (int i = 0; i < chain.length; i++) {
			String problem = validityProblem(chain[i], presentedName(i), now);
			if (problem != null) {
				return new ExplainedCertificateException(problem, ex);
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

		ExplainedCertificateException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

}
