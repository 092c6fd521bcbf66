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

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;

import io.github.smtphealth.probe.ExplainingTrustManager.ExplainedCertificateException;
import org.jspecify.annotations.Nullable;

/**
 * Does the client side of a TLS handshake over an open connection, with the trust, host
 * name checks, SNI and protocol limits of {@link TlsSettings}, and explains a failure in
 * words.
 */
final class TlsConnector {

	private final TlsSettings settings;

	private final HandshakeObservations observations = new HandshakeObservations();

	private final KeyManager[] keyManagers;

	private final TrustManager[] trustManagers;

	/**
	 * Create a connector; the key and trust managers are built once, here.
	 * @param settings the TLS settings
	 * @throws IllegalArgumentException if the key or trust material cannot be used
	 */
	TlsConnector(TlsSettings settings) {
		this.settings = settings;
		try {
			this.keyManagers = keyManagers(settings, this.observations);
			this.trustManagers = trustManagers(settings, this.observations);
			newSocketFactory();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("TLS settings cannot be used: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A context per handshake, so that no TLS session is ever resumed: a resumed session
	 * skips the certificate messages, and a health check must see, verify and report the
	 * server's chain (and whether it asks for a client certificate) on every probe.
	 */
	private SSLSocketFactory newSocketFactory() throws GeneralSecurityException {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(this.keyManagers, this.trustManagers, null);
		return context.getSocketFactory();
	}

	/**
	 * JSSE uses the first X.509 key manager only; it is wrapped so that a server's
	 * request for a client certificate is seen, with or without a configured one.
	 */
	private static KeyManager[] keyManagers(TlsSettings settings, HandshakeObservations observations) {
		X509KeyManager configured = null;
		for (KeyManager keyManager : settings.keyManagers()) {
			if (keyManager instanceof X509KeyManager x509) {
				configured = x509;
				break;
			}
		}
		return new KeyManager[] { new RecordingKeyManager(configured, observations) };
	}

	private static TrustManager[] trustManagers(TlsSettings settings, HandshakeObservations observations)
			throws GeneralSecurityException {
		if (!settings.verifyCertificate()) {
			return new TrustManager[] { new ExplainingTrustManager(null, observations) };
		}
		List<TrustManager> configured = settings.trustManagers();
		if (configured.isEmpty()) {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init((KeyStore) null);
			configured = List.of(factory.getTrustManagers());
		}
		List<TrustManager> result = new ArrayList<>(configured.size());
		for (TrustManager trustManager : configured) {
			result.add((trustManager instanceof X509ExtendedTrustManager extended)
					? new ExplainingTrustManager(extended, observations) : trustManager);
		}
		return result.toArray(new TrustManager[0]);
	}

	/**
	 * Wrap an open connection in TLS and complete the handshake.
	 * @param raw the connected socket
	 * @param host the host name the probe was given (for SNI and host name verification)
	 * @param port the port
	 * @param deadline the probe's deadline
	 * @param implicit whether this is implicit TLS (smtps) rather than after STARTTLS
	 * @return the TLS socket
	 * @throws ProbeException if the handshake fails or the certificate is not accepted
	 */
	Established handshake(Socket raw, String host, int port, Deadline deadline, boolean implicit)
			throws ProbeException {
		SSLSocket socket = null;
		try {
			socket = (SSLSocket) newSocketFactory().createSocket(raw, host, port, true);
			SSLParameters parameters = socket.getSSLParameters();
			if (this.settings.fullyVerified()) {
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
			}
			parameters.setProtocols(this.settings.protocols().isEmpty() ? modernProtocols(parameters.getProtocols())
					: this.settings.protocols().toArray(new String[0]));
			if (!this.settings.cipherSuites().isEmpty()) {
				parameters.setCipherSuites(this.settings.cipherSuites().toArray(new String[0]));
			}
			socket.setSSLParameters(parameters);
			socket.setSoTimeout(deadline.remainingMillisForSocket());
			socket.startHandshake();
			HandshakeObservations.Observation seen = this.observations.of(socket);
			return new Established(socket, TlsInfo.of(socket.getSession(), seen.verifiedPath()),
					seen.clientCertificate());
		}
		catch (GeneralSecurityException ex) {
			throw new ProbeException(Phase.TLS, FailureKind.TLS, null,
					"TLS settings cannot be used: " + ex.getMessage());
		}
		catch (IOException | RuntimeException ex) {
			HandshakeObservations.ClientCertificate request = (socket != null)
					? this.observations.of(socket).clientCertificate()
					: HandshakeObservations.ClientCertificate.NOT_REQUESTED;
			throw explain(ex, deadline, implicit, request);
		}
		finally {
			if (socket != null) {
				this.observations.forget(socket);
			}
		}
	}

	/**
	 * Explain a TLS failure that arrives after the client's side of the handshake
	 * finished: over TLS 1.3 a server judges the client's certificate only then, and its
	 * alert (or its hang-up) comes with the first application data.
	 * @param failure how the first read or write after the handshake failed
	 * @param established the handshake
	 * @return the failure to report, in the {@code tls} phase, or {@code null} if it is
	 * not a TLS one
	 */
	static @Nullable ProbeException afterHandshake(ProbeException failure, Established established) {
		String explanation = established.clientCertificate().explanation();
		boolean alert = failure.kind() == FailureKind.TLS;
		if (!alert && (explanation == null || failure.kind() != FailureKind.CONNECTION)) {
			return null;
		}
		String cause = withoutAlertPrefix(String.valueOf(failure.getMessage()));
		int colon = cause.indexOf(": ");
		String what = (alert && colon > 0) ? cause.substring(colon + 2) : alert ? "a TLS alert" : "connection closed";
		String when = what + ", right after the handshake";
		return new ProbeException(Phase.TLS, FailureKind.TLS, null, "TLS handshake failed: " + ((explanation != null)
				? explanation + " (" + when + ")" : "the server refused the session (" + when + ")"));
	}

	/**
	 * Without configured protocols, TLS 1.2 and later only, even where the JVM was told
	 * to allow older versions: a health check should not call a TLS 1.0 server healthy.
	 */
	private static String[] modernProtocols(String[] enabled) {
		return Arrays.stream(enabled)
			.filter((protocol) -> protocol.startsWith("TLSv1.") && !"TLSv1.1".equals(protocol))
			.toArray(String[]::new);
	}

	private static ProbeException explain(Exception ex, Deadline deadline, boolean implicit,
			HandshakeObservations.ClientCertificate request) {
		if (ex instanceof SocketTimeoutException || deadline.isExpired()) {
			return new ProbeException(Phase.TLS, FailureKind.TIMEOUT, null,
					"timed out after " + Texts.human(deadline.timeout()) + " during the TLS handshake");
		}
		String explanation = request.explanation();
		String reason = reason(ex, implicit);
		String message = withoutAlertPrefix(String.valueOf(ex.getMessage()));
		if (explanation != null && !reason.startsWith("certificate")) {
			reason = explanation + " (" + message + ")";
		}
		else if (message.contains("certificate_required")) {
			reason = "the server requires a client certificate (" + message + ")";
		}
		return new ProbeException(Phase.TLS, FailureKind.TLS, null, "TLS handshake failed: " + reason);
	}

	private static String reason(Exception ex, boolean implicit) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ExplainedCertificateException) {
				return String.valueOf(cause.getMessage());
			}
		}
		String message = withoutAlertPrefix(String.valueOf(ex.getMessage()));
		// A server that picks a suite the client never offered has none in common with
		// it: since JDK 24
		// no TLS_RSA_* suite is offered, so that is how a TLS 1.0-only server's answer
		// fails there.
		if (message.contains("No appropriate protocol") || message.contains("protocol_version")
				|| message.contains("insufficient_security") || message.contains("not accepted by client preferences")
				|| message.contains("handshake_failure") || message.contains("selected improper ciphersuite")) {
			return "no TLS version or cipher suite in common (" + message + ")";
		}
		if (message.contains("Unsupported or unrecognized SSL message") || message.contains("plaintext connection")) {
			return implicit ? "the server did not answer in TLS (plain text on a TLS port?)"
					: "the server did not answer in TLS after accepting STARTTLS";
		}
		if (ex instanceof EOFException || ex instanceof SocketException || message.contains("terminated the handshake")
				|| (ex instanceof SSLException && ex.getCause() instanceof EOFException)) {
			return "the server closed the connection during the handshake";
		}
		return message;
	}

	/**
	 * Newer JDKs put the alert's name before the message ("(handshake_failure) Received
	 * fatal alert: handshake_failure"); without it the reason reads the same on every
	 * JDK.
	 */
	private static String withoutAlertPrefix(String message) {
		return message.replaceFirst("^\\([a-z_]+\\) ", "");
	}

	/**
	 * A completed client handshake.
	 *
	 * @param socket the TLS socket
	 * @param tls what it established, or {@code null} if the server showed no X.509
	 * certificate
	 * @param clientCertificate whether the server asked for a client certificate
	 */
	record Established(SSLSocket socket, @Nullable TlsInfo tls,
			HandshakeObservations.ClientCertificate clientCertificate) {

	}

}
