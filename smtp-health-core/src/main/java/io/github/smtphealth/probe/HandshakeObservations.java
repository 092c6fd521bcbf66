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
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.jspecify.annotations.Nullable;

/**
 * What the trust and key managers saw during a socket's handshakes, which
 * {@code SSLSocket} does not tell: the path that verified the server's chain, and whether
 * the server asked for a client certificate. The managers belong to one
 * {@code SSLContext} shared by every run of a probe, so what they see is kept per socket
 * (weakly, so a socket nobody asked about is not kept alive).
 */
final class HandshakeObservations {

	private final Map<Socket, Observation> bySocket = Collections.synchronizedMap(new WeakHashMap<>());

	void verifiedPath(@Nullable Socket socket, List<X509Certificate> path) {
		if (socket != null) {
			this.bySocket.compute(socket, (key, seen) -> ((seen != null) ? seen : Observation.NONE).withPath(path));
		}
	}

	void certificateRequested(@Nullable Socket socket, boolean configured, boolean sent) {
		if (socket != null) {
			ClientCertificate request = ClientCertificate.of(configured, sent);
			this.bySocket.compute(socket,
					(key, seen) -> ((seen != null) ? seen : Observation.NONE).withRequest(request));
		}
	}

	/**
	 * Return what was seen on a socket.
	 * @param socket the socket
	 * @return what was seen, {@link Observation#NONE} if nothing
	 */
	Observation of(Socket socket) {
		Observation seen = this.bySocket.get(socket);
		return (seen != null) ? seen : Observation.NONE;
	}

	/**
	 * Forget a socket.
	 * @param socket the socket
	 */
	void forget(Socket socket) {
		this.bySocket.remove(socket);
	}

	/**
	 * Whether the server asked for a client certificate, and whether one was sent.
	 */
	enum ClientCertificate {

		NOT_REQUESTED, REQUESTED_NONE_CONFIGURED, REQUESTED_NONE_MATCHING, REQUESTED_AND_SENT;

		static ClientCertificate of(boolean configured, boolean sent) {
			return sent ? REQUESTED_AND_SENT : configured ? REQUESTED_NONE_MATCHING : REQUESTED_NONE_CONFIGURED;
		}

		/**
		 * Return the explanation of a failure that follows this.
		 * @return the words, or {@code null} when the server did not ask for a
		 * certificate
		 */
		@Nullable String explanation() {
			return switch (this) {
				case NOT_REQUESTED -> null;
				case REQUESTED_NONE_CONFIGURED ->
					"the server asked for a client certificate (CertificateRequest) " + "and none is configured";
				case REQUESTED_NONE_MATCHING -> "the server asked for a client certificate (CertificateRequest) "
						+ "and none of the configured ones is of a type or from an issuer it accepts";
				case REQUESTED_AND_SENT ->
					"the server asked for a client certificate (CertificateRequest) " + "and rejected the one sent";
			};
		}

	}

	/**
	 * What was seen on one socket.
	 *
	 * @param verifiedPath the verified path, leaf first, empty when not verified
	 * @param clientCertificate whether a client certificate was asked for
	 */
	record Observation(List<X509Certificate> verifiedPath, ClientCertificate clientCertificate) {

		static final Observation NONE = new Observation(List.of(), ClientCertificate.NOT_REQUESTED);

		Observation withPath(List<X509Certificate> path) {
			return new Observation(List.copyOf(path), this.clientCertificate);
		}

		Observation withRequest(ClientCertificate request) {
			return new Observation(this.verifiedPath, request);
		}

	}

}
