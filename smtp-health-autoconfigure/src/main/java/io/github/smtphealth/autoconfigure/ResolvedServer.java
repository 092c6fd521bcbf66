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

package io.github.smtphealth.autoconfigure;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.github.smtphealth.check.RefreshMode;
import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.IpFamily;
import io.github.smtphealth.probe.Security;
import org.jspecify.annotations.Nullable;

/**
 * One server to check, every fallback resolved: what {@link SmtpServerResolver} makes of
 * the properties, before {@link SmtpServerValidator} checks it. Each value remembers the
 * property it came from, so that a message names what the user wrote.
 *
 * @param name the server's name, {@code default} for the top level
 * @param source where the settings came from, for the startup log ({@code smtp.check},
 * {@code smtp.check.servers.relay}, {@code spring.mail})
 * @param origins the full property name of each key, such as {@code timeout} →
 * {@code smtp.check.timeout}
 * @param host the host, or {@code null} if none was configured
 * @param port the port, or {@code null} for the default of the security
 * @param security how the connection is protected
 * @param heloName the EHLO name, or {@code null} for the local host's name
 * @param lmtp whether to speak LMTP
 * @param mailFrom the envelope sender, empty for the null sender
 * @param rcptTo the recipient to test, or {@code null}
 * @param warning the DEGRADED threshold, or {@code null}
 * @param critical the DOWN threshold, or {@code null}
 * @param timeout the deadline of a probe
 * @param connectTimeout the bound of each connection attempt, or {@code null}
 * @param ipFamily which addresses to connect to
 * @param cacheTtl how long a result is reused
 * @param refresh when the server is probed
 * @param interval the period of background probes
 * @param auth the AUTH settings
 * @param tls the TLS settings
 */
record ResolvedServer(String name, String source, Origins origins, @Nullable String host, @Nullable Integer port,
		Security security, @Nullable String heloName, boolean lmtp, String mailFrom, @Nullable String rcptTo,
		@Nullable Duration warning, @Nullable Duration critical, Duration timeout, @Nullable Duration connectTimeout,
		IpFamily ipFamily, Duration cacheTtl, RefreshMode refresh, Duration interval, Auth auth, Tls tls) {

	/**
	 * AUTH settings.
	 *
	 * @param username the user name, or {@code null} (or empty) to skip AUTH
	 * @param password the password, or {@code null}
	 * @param token the OAuth 2 token, or {@code null}
	 * @param mechanism the mechanism
	 * @param allowPlaintext whether credentials may travel without TLS
	 */
	record Auth(@Nullable String username, @Nullable String password, @Nullable String token, AuthMechanism mechanism,
			boolean allowPlaintext) {

		boolean hasUsername() {
			return this.username != null && !this.username.isEmpty();
		}

	}

	/**
	 * TLS settings.
	 *
	 * @param bundle the SSL bundle's name, or {@code null} for the JDK's trust store
	 * @param verify whether the chain must be trusted
	 * @param verifyHostname whether the certificate must match the host name
	 * @param expiryWarning certificate lifetime left for DEGRADED
	 * @param expiryCritical certificate lifetime left for DOWN
	 * @param protocols TLS protocol versions to enable, empty for the JDK's defaults
	 * @param cipherSuites cipher suites to enable, empty for the JDK's defaults
	 */
	record Tls(@Nullable String bundle, boolean verify, boolean verifyHostname, Duration expiryWarning,
			Duration expiryCritical, List<String> protocols, List<String> cipherSuites) {
	}

	/**
	 * The full property name of each key of one server.
	 *
	 * @param fallbackPrefix the prefix of keys that took their default, where the user
	 * would set them
	 * @param names the full names of the keys that were resolved from a property
	 */
	record Origins(String fallbackPrefix, Map<String, String> names) {

		/**
		 * Create origins over a read-only view of the names, which the resolver fills in
		 * while it builds the server and never changes after.
		 * @param fallbackPrefix the prefix of keys that took their default
		 * @param names the full names of the keys that were resolved from a property
		 */
		Origins {
			names = Collections.unmodifiableMap(names);
		}

		/**
		 * Return the full name of a key.
		 * @param key a key relative to one server, such as {@code auth.username}
		 * @return the full property name, such as
		 * {@code smtp.check.servers.relay.auth.username}
		 */
		String of(String key) {
			String name = this.names.get(key);
			return (name != null) ? name : this.fallbackPrefix + "." + key;
		}

	}

}
