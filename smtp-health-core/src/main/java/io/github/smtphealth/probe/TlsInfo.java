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

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

import org.jspecify.annotations.Nullable;

/**
 * What the TLS handshake established, the server certificate it showed, and the
 * certificate of the chain that expires first. Expiry is the chain's, not the leaf's: the
 * earliest {@code notAfter} of the certificates the server presented and, when the chain
 * was verified, of the verified path (its trust anchor included), as Blackbox's
 * {@code probe_ssl_earliest_cert_expiry} does.
 *
 * @param protocol the protocol version, for example {@code TLSv1.3}
 * @param cipherSuite the cipher suite
 * @param subject the server (leaf) certificate's subject (RFC 2253)
 * @param issuer the server (leaf) certificate's issuer (RFC 2253)
 * @param notBefore when the server (leaf) certificate became valid
 * @param notAfter when the server (leaf) certificate expires
 * @param expiresFirst the certificate of the chain that expires first (the leaf when it
 * does)
 * @since 0.1.0
 */
public record TlsInfo(String protocol, String cipherSuite, String subject, String issuer, Instant notBefore,
		Instant notAfter, ChainCertificate expiresFirst) {

	/**
	 * Create TLS information.
	 * @param protocol the protocol version
	 * @param cipherSuite the cipher suite
	 * @param subject the leaf's subject
	 * @param issuer the leaf's issuer
	 * @param notBefore when the leaf became valid
	 * @param notAfter when the leaf expires
	 * @param expiresFirst the certificate of the chain that expires first
	 */
	public TlsInfo {
		Objects.requireNonNull(expiresFirst, "'expiresFirst' must not be null");
	}

	/**
	 * Create TLS information for a chain whose leaf is the certificate that expires
	 * first.
	 * @param protocol the protocol version
	 * @param cipherSuite the cipher suite
	 * @param subject the leaf's subject
	 * @param issuer the leaf's issuer
	 * @param notBefore when the leaf became valid
	 * @param notAfter when the leaf expires
	 */
	public TlsInfo(String protocol, String cipherSuite, String subject, String issuer, Instant notBefore,
			Instant notAfter) {
		this(protocol, cipherSuite, subject, issuer, notBefore, notAfter,
				new ChainCertificate(1, subject, notAfter, true));
	}

	/**
	 * Return the time left until the first certificate of the chain expires.
	 * @param now the current time
	 * @return the time left, negative once expired
	 */
	public Duration timeUntilExpiry(Instant now) {
		return Duration.between(now, this.expiresFirst.notAfter());
	}

	/**
	 * Describe an established session.
	 * @param session the session
	 * @param verifiedPath the path that verified the chain, leaf first, or empty when not
	 * verified
	 * @return the information, or {@code null} if the server showed no X.509 certificate
	 */
	static @Nullable TlsInfo of(SSLSession session, List<X509Certificate> verifiedPath) {
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
		List<X509Certificate> presented = new ArrayList<>();
		for (Certificate certificate : chain) {
			if (certificate instanceof X509Certificate x509) {
				presented.add(x509);
			}
		}
		return new TlsInfo(session.getProtocol(), session.getCipherSuite(), name(leaf.getSubjectX500Principal()),
				name(leaf.getIssuerX500Principal()), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(),
				expiresFirst(presented, verifiedPath));
	}

	/**
	 * The earliest expiry of the presented chain and of the verified path; on a tie the
	 * presented, lower position wins.
	 */
	static ChainCertificate expiresFirst(List<X509Certificate> presented, List<X509Certificate> verifiedPath) {
		List<ChainCertificate> candidates = new ArrayList<>();
		for (int i = 0; i < presented.size(); i++) {
			candidates.add(describe(presented.get(i), i + 1, true));
		}
		for (int i = 0; i < verifiedPath.size(); i++) {
			if (!presented.contains(verifiedPath.get(i))) {
				candidates.add(describe(verifiedPath.get(i), i + 1, false));
			}
		}
		return candidates.stream()
			.min(Comparator.comparing(ChainCertificate::notAfter)
				.thenComparing(ChainCertificate::presented, Comparator.reverseOrder())
				.thenComparingInt(ChainCertificate::position))
			.orElseThrow();
	}

	private static ChainCertificate describe(X509Certificate certificate, int position, boolean presented) {
		return new ChainCertificate(position, name(certificate.getSubjectX500Principal()),
				certificate.getNotAfter().toInstant(), presented);
	}

	static String name(X500Principal principal) {
		return Texts.printable(principal.getName(X500Principal.RFC2253));
	}

}
