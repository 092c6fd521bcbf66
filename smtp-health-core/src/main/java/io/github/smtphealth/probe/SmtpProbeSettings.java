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

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Everything one probe needs, fixed for its whole run. Build with
 * {@link #builder(String)}; the constructor rejects values that cannot be sent safely,
 * naming the offending field.
 *
 * @param host the server's host name or IP literal
 * @param port the TCP port
 * @param security how the connection is protected
 * @param heloName the name sent in EHLO, HELO or LHLO
 * @param lmtp whether to speak LMTP (LHLO instead of EHLO)
 * @param credentials the AUTH credentials, or {@code null} to skip AUTH
 * @param authMechanism the AUTH mechanism
 * @param allowPlaintextAuth whether credentials may be sent over a connection without TLS
 * @param mailFrom the envelope sender for {@code MAIL FROM}; empty for the null sender
 * {@code <>}
 * @param rcptTo the recipient for {@code RCPT TO}, or {@code null} to skip that step
 * @param timeout the deadline for the whole probe, DNS included
 * @param connectTimeout a separate bound for each connection attempt, or {@code null}
 * @param tls how TLS is done, when {@code security} is not {@link Security#NONE}
 * @param ipFamily which address family to connect to
 * @param resolver how the host name is resolved
 * @since 0.1.0
 */
public record SmtpProbeSettings(String host, int port, Security security, String heloName, boolean lmtp,
		@Nullable SmtpCredentials credentials, AuthMechanism authMechanism, boolean allowPlaintextAuth, String mailFrom,
		@Nullable String rcptTo, Duration timeout, @Nullable Duration connectTimeout, TlsSettings tls,
		IpFamily ipFamily, HostResolver resolver) {

	/**
	 * The default deadline of a probe.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Create settings, validating every field.
	 * @param host the server's host name or IP literal
	 * @param port the TCP port
	 * @param security how the connection is protected
	 * @param heloName the name sent in EHLO, HELO or LHLO
	 * @param lmtp whether to speak LMTP
	 * @param credentials the AUTH credentials, or {@code null}
	 * @param authMechanism the AUTH mechanism
	 * @param allowPlaintextAuth whether credentials may be sent without TLS
	 * @param mailFrom the envelope sender; empty for the null sender
	 * @param rcptTo the recipient, or {@code null}
	 * @param timeout the deadline for the whole probe
	 * @param connectTimeout a separate bound for each connection attempt, or {@code null}
	 * @param tls how TLS is done
	 * @param ipFamily which address family to connect to
	 * @param resolver how the host name is resolved
	 */
	public SmtpProbeSettings {
		Objects.requireNonNull(host, "'host' must not be null");
		Objects.requireNonNull(security, "'security' must not be null");
		Objects.requireNonNull(heloName, "'heloName' must not be null");
		Objects.requireNonNull(authMechanism, "'authMechanism' must not be null");
		Objects.requireNonNull(mailFrom, "'mailFrom' must not be null");
		Objects.requireNonNull(timeout, "'timeout' must not be null");
		Objects.requireNonNull(tls, "'tls' must not be null");
		Objects.requireNonNull(ipFamily, "'ipFamily' must not be null");
		Objects.requireNonNull(resolver, "'resolver' must not be null");
		if (host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		require(!host.isEmpty() && isCommandSafe(host) && host.indexOf(' ') < 0, "host",
				"must be a host name or IP address");
		require(port > 0 && port <= 65535, "port", "must be between 1 and 65535 but was " + port);
		require(!heloName.isEmpty() && isCommandSafe(heloName) && heloName.indexOf(' ') < 0, "heloName",
				"must be a single word without control characters");
		require(isAddressSafe(mailFrom), "mailFrom",
				"must be an address without spaces, '<', '>' or control characters");
		require(rcptTo == null || (!rcptTo.isEmpty() && isAddressSafe(rcptTo)), "rcptTo",
				"must be an address without spaces, '<', '>' or control characters");
		require(timeout.compareTo(Duration.ZERO) > 0, "timeout", "must be positive but was " + timeout);
		require(connectTimeout == null || connectTimeout.compareTo(Duration.ZERO) > 0, "connectTimeout",
				"must be positive but was " + connectTimeout);
		if (credentials != null) {
			if (authMechanism == AuthMechanism.XOAUTH2) {
				require(credentials.token() != null, "credentials", "XOAUTH2 needs a token");
			}
			else {
				require(credentials.password() != null, "credentials", authMechanism + " needs a password");
			}
		}
	}

	/**
	 * Start building settings for a host, with every other value at its default.
	 * @param host the server's host name or IP literal
	 * @return the builder
	 */
	public static Builder builder(String host) {
		return new Builder(host);
	}

	/**
	 * Return a builder initialised with these settings.
	 * @return the builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Return the address of the server as {@code host:port}, bracketing IPv6 literals.
	 * @return the address for messages
	 */
	public String address() {
		return (this.host.indexOf(':') >= 0) ? "[" + this.host + "]:" + this.port : this.host + ":" + this.port;
	}

	private static void require(boolean condition, String field, String message) {
		if (!condition) {
			throw new IllegalArgumentException("'" + field + "' " + message);
		}
	}

	private static boolean isCommandSafe(String value) {
		return value.chars().allMatch((c) -> c >= 0x20 && c < 0x7f);
	}

	private static boolean isAddressSafe(String value) {
		return isCommandSafe(value) && value.chars().noneMatch((c) -> c == ' ' || c == '<' || c == '>');
	}

	/**
	 * Builder of {@link SmtpProbeSettings}.
	 */
	public static final class Builder {

		private String host;

		private @Nullable Integer port;

		private Security security = Security.NONE;

		private @Nullable String heloName;

		private boolean lmtp;

		private @Nullable SmtpCredentials credentials;

		private AuthMechanism authMechanism = AuthMechanism.AUTO;

		private boolean allowPlaintextAuth;

		private String mailFrom = "";

		private @Nullable String rcptTo;

		private Duration timeout = DEFAULT_TIMEOUT;

		private @Nullable Duration connectTimeout;

		private TlsSettings tls = TlsSettings.DEFAULT;

		private IpFamily ipFamily = IpFamily.ANY;

		private HostResolver resolver = HostResolver.SYSTEM;

		private Builder(String host) {
			this.host = host;
		}

		private Builder(SmtpProbeSettings settings) {
			this.host = settings.host;
			this.port = settings.port;
			this.security = settings.security;
			this.heloName = settings.heloName;
			this.lmtp = settings.lmtp;
			this.credentials = settings.credentials;
			this.authMechanism = settings.authMechanism;
			this.allowPlaintextAuth = settings.allowPlaintextAuth;
			this.mailFrom = settings.mailFrom;
			this.rcptTo = settings.rcptTo;
			this.timeout = settings.timeout;
			this.connectTimeout = settings.connectTimeout;
			this.tls = settings.tls;
			this.ipFamily = settings.ipFamily;
			this.resolver = settings.resolver;
		}

		/**
		 * Set the host.
		 * @param host the host name or IP literal
		 * @return this builder
		 */
		public Builder host(String host) {
			this.host = host;
			return this;
		}

		/**
		 * Set the port; by default 465 for smtps, else 25.
		 * @param port the port, or {@code null} for the default
		 * @return this builder
		 */
		public Builder port(@Nullable Integer port) {
			this.port = port;
			return this;
		}

		/**
		 * Set the security.
		 * @param security the security
		 * @return this builder
		 */
		public Builder security(Security security) {
			this.security = security;
			return this;
		}

		/**
		 * Set the EHLO name; by default the local host's canonical name.
		 * @param heloName the name, or {@code null} for the default
		 * @return this builder
		 */
		public Builder heloName(@Nullable String heloName) {
			this.heloName = heloName;
			return this;
		}

		/**
		 * Set whether to speak LMTP.
		 * @param lmtp whether to send LHLO
		 * @return this builder
		 */
		public Builder lmtp(boolean lmtp) {
			this.lmtp = lmtp;
			return this;
		}

		/**
		 * Set the AUTH credentials.
		 * @param credentials the credentials, or {@code null} to skip AUTH
		 * @return this builder
		 */
		public Builder credentials(@Nullable SmtpCredentials credentials) {
			this.credentials = credentials;
			return this;
		}

		/**
		 * Set the AUTH mechanism.
		 * @param authMechanism the mechanism
		 * @return this builder
		 */
		public Builder authMechanism(AuthMechanism authMechanism) {
			this.authMechanism = authMechanism;
			return this;
		}

		/**
		 * Set whether credentials may be sent without TLS.
		 * @param allowPlaintextAuth whether to allow it
		 * @return this builder
		 */
		public Builder allowPlaintextAuth(boolean allowPlaintextAuth) {
			this.allowPlaintextAuth = allowPlaintextAuth;
			return this;
		}

		/**
		 * Set the envelope sender.
		 * @param mailFrom the sender; empty or {@code null} for the null sender
		 * @return this builder
		 */
		public Builder mailFrom(@Nullable String mailFrom) {
			this.mailFrom = (mailFrom != null) ? mailFrom : "";
			return this;
		}

		/**
		 * Set the recipient to test.
		 * @param rcptTo the recipient, or {@code null} to skip RCPT
		 * @return this builder
		 */
		public Builder rcptTo(@Nullable String rcptTo) {
			this.rcptTo = rcptTo;
			return this;
		}

		/**
		 * Set the deadline of the whole probe.
		 * @param timeout the deadline
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * Set the bound of each connection attempt.
		 * @param connectTimeout the bound, or {@code null} to share the deadline between
		 * addresses
		 * @return this builder
		 */
		public Builder connectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set how TLS is done.
		 * @param tls the TLS settings
		 * @return this builder
		 */
		public Builder tls(TlsSettings tls) {
			this.tls = tls;
			return this;
		}

		/**
		 * Set the address family.
		 * @param ipFamily the family
		 * @return this builder
		 */
		public Builder ipFamily(IpFamily ipFamily) {
			this.ipFamily = ipFamily;
			return this;
		}

		/**
		 * Set the resolver.
		 * @param resolver the resolver
		 * @return this builder
		 */
		public Builder resolver(HostResolver resolver) {
			this.resolver = resolver;
			return this;
		}

		/**
		 * Build the settings.
		 * @return the validated settings
		 * @throws IllegalArgumentException naming the field when a value is invalid
		 */
		public SmtpProbeSettings build() {
			Objects.requireNonNull(this.security, "'security' must not be null");
			int resolvedPort = (this.port != null) ? this.port : this.security.defaultPort();
			String resolvedHelo = (this.heloName != null) ? this.heloName : LocalHostName.get();
			return new SmtpProbeSettings(this.host, resolvedPort, this.security, resolvedHelo, this.lmtp,
					this.credentials, this.authMechanism, this.allowPlaintextAuth, this.mailFrom, this.rcptTo,
					this.timeout, this.connectTimeout, this.tls, this.ipFamily, this.resolver);
		}

	}

}
