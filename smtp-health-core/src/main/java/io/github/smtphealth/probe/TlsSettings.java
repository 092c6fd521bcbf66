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

import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * How the probe does TLS: which certificates it trusts, which it presents, and how
 * strictly it verifies the server.
 *
 * @param trustManagers the trust managers deciding whether the server's chain is trusted;
 * empty for the JDK's default trust store
 * @param keyManagers the key managers presenting a client certificate; empty for none
 * @param verifyHostname whether the certificate must match the host name (RFC 6125, as
 * HTTPS does)
 * @param verifyCertificate whether the chain must be trusted at all; {@code false}
 * accepts any certificate, which also disables host name verification
 * @param protocols the TLS protocol versions to enable; empty for the JDK's defaults
 * @param cipherSuites the cipher suites to enable; empty for the JDK's defaults
 * @since 0.1.0
 */
public record TlsSettings(List<TrustManager> trustManagers, List<KeyManager> keyManagers, boolean verifyHostname,
		boolean verifyCertificate, List<String> protocols, List<String> cipherSuites) {

	/**
	 * The JDK's trust store, host name verification on.
	 */
	public static final TlsSettings DEFAULT = new TlsSettings(List.of(), List.of(), true, true, List.of(), List.of());

	/**
	 * Create settings, copying every list.
	 * @param trustManagers the trust managers; empty for the JDK's default trust store
	 * @param keyManagers the key managers; empty for none
	 * @param verifyHostname whether the certificate must match the host name
	 * @param verifyCertificate whether the chain must be trusted at all
	 * @param protocols the TLS protocol versions to enable; empty for the JDK's defaults
	 * @param cipherSuites the cipher suites to enable; empty for the JDK's defaults
	 */
	public TlsSettings {
		trustManagers = List.copyOf(trustManagers);
		keyManagers = List.copyOf(keyManagers);
		protocols = List.copyOf(protocols);
		cipherSuites = List.copyOf(cipherSuites);
	}

	/**
	 * Return settings that trust the given trust managers, verifying chain and host name.
	 * @param trustManagers the trust managers
	 * @return the settings
	 */
	public static TlsSettings trusting(TrustManager... trustManagers) {
		return new TlsSettings(List.of(trustManagers), List.of(), true, true, List.of(), List.of());
	}

	/**
	 * Return a copy with host name verification switched.
	 * @param verifyHostname whether the certificate must match the host name
	 * @return the settings
	 */
	public TlsSettings withVerifyHostname(boolean verifyHostname) {
		return new TlsSettings(this.trustManagers, this.keyManagers, verifyHostname, this.verifyCertificate,
				this.protocols, this.cipherSuites);
	}

	/**
	 * Return a copy with chain verification switched.
	 * @param verifyCertificate whether the chain must be trusted at all
	 * @return the settings
	 */
	public TlsSettings withVerifyCertificate(boolean verifyCertificate) {
		return new TlsSettings(this.trustManagers, this.keyManagers, this.verifyHostname, verifyCertificate,
				this.protocols, this.cipherSuites);
	}

	/**
	 * Return whether the server is fully verified: chain and host name.
	 * @return {@code true} unless some verification is off
	 */
	public boolean fullyVerified() {
		return this.verifyCertificate && this.verifyHostname;
	}

}
