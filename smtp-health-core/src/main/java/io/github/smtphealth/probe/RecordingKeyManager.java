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
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

import org.jspecify.annotations.Nullable;

/**
 * Delegates to the configured client key manager, if any, and records that the server
 * asked for a client certificate: JSSE asks a client's key manager for an alias only when
 * a {@code CertificateRequest} arrives. Over TLS 1.3 the server judges the client's
 * certificate after the client's handshake has finished, so this record is what later
 * lets a closed connection be explained as a client-certificate failure.
 */
final class RecordingKeyManager extends X509ExtendedKeyManager {

	private final @Nullable X509KeyManager delegate;

	private final HandshakeObservations observations;

	RecordingKeyManager(@Nullable X509KeyManager delegate, HandshakeObservations observations) {
		this.delegate = delegate;
		this.observations = observations;
	}

	@Override
	public @Nullable String chooseClientAlias(String[] keyType, Principal @Nullable [] issuers,
			@Nullable Socket socket) {
		String alias = (this.delegate != null) ? this.delegate.chooseClientAlias(keyType, issuers, socket) : null;
		this.observations.certificateRequested(socket, this.delegate != null, alias != null);
		return alias;
	}

	@Override
	public @Nullable String chooseEngineClientAlias(String[] keyType, Principal @Nullable [] issuers,
			@Nullable SSLEngine engine) {
		if (this.delegate instanceof X509ExtendedKeyManager extended) {
			return extended.chooseEngineClientAlias(keyType, issuers, engine);
		}
		return null;
	}

	@Override
	public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
		return (this.delegate != null) ? this.delegate.getClientAliases(keyType, issuers) : null;
	}

	@Override
	public X509Certificate @Nullable [] getCertificateChain(String alias) {
		return (this.delegate != null) ? this.delegate.getCertificateChain(alias) : null;
	}

	@Override
	public @Nullable PrivateKey getPrivateKey(String alias) {
		return (this.delegate != null) ? this.delegate.getPrivateKey(alias) : null;
	}

	@Override
	public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
		return null;
	}

	@Override
	public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
		return null;
	}

}
