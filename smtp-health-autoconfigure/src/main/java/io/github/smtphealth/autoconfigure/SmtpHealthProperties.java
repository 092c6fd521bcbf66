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
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.smtphealth.check.RefreshMode;
import io.github.smtphealth.health.PendingStatus;
import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.IpFamily;
import io.github.smtphealth.probe.Security;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration properties of the SMTP health check ({@code smtp.check.*}), the only
 * place its configuration lives: the top-level server, the defaults every named server
 * falls back to, and the named servers under {@code servers}. Values are checked once, by
 * {@link SmtpServerValidator}, after {@link SmtpServerResolver} has resolved each server.
 * A bare number in a duration is in seconds.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("smtp.check")
public class SmtpHealthProperties extends AbstractSmtpServerProperties {

	/**
	 * How the connection is protected: none, starttls or smtps.
	 */
	private Security security = Security.NONE;

	/**
	 * Whether to speak LMTP, sending LHLO instead of EHLO.
	 */
	private boolean lmtp;

	/**
	 * Envelope sender used for MAIL FROM. Empty for the null sender. Not inherited by
	 * named servers.
	 */
	private String mailFrom = "";

	/**
	 * Deadline for the whole probe, DNS included, from 100ms to 5m. A bare number is in
	 * seconds.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * Which addresses of the host to connect to: any, ipv4 or ipv6.
	 */
	private IpFamily ipFamily = IpFamily.ANY;

	/**
	 * How long a result is reused before the server is probed again, from 0 to 1h. Zero
	 * probes on every request. A bare number is in seconds.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration cacheTtl = Duration.ofSeconds(10);

	/**
	 * When the server is probed: on-demand (when health is requested, within the cache
	 * TTL) or background (every interval, serving the last result).
	 */
	private RefreshMode refresh = RefreshMode.ON_DEMAND;

	/**
	 * Period of background probes, from 1s to 1d. A bare number is in seconds.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration interval = Duration.ofSeconds(30);

	private final Auth auth = new Auth();

	private final Tls tls = new Tls();

	/**
	 * More SMTP servers to check, by name (lowercase letters, digits and '-'). Each
	 * inherits the behaviour keys it does not set from this level, never host, port,
	 * mail-from, rcpt-to or auth.
	 */
	private final Map<String, SmtpServerProperties> servers = new LinkedHashMap<>();

	/**
	 * Health status of a server whose first check is still running: out-of-service keeps
	 * a readiness group that includes smtp out of service until the server was checked
	 * once, unknown lets it become ready before.
	 */
	private PendingStatus pendingStatus = PendingStatus.OUT_OF_SERVICE;

	public Security getSecurity() {
		return this.security;
	}

	public void setSecurity(Security security) {
		this.security = security;
	}

	public boolean isLmtp() {
		return this.lmtp;
	}

	public void setLmtp(boolean lmtp) {
		this.lmtp = lmtp;
	}

	public String getMailFrom() {
		return this.mailFrom;
	}

	public void setMailFrom(@Nullable String mailFrom) {
		this.mailFrom = (mailFrom != null) ? mailFrom : "";
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public IpFamily getIpFamily() {
		return this.ipFamily;
	}

	public void setIpFamily(IpFamily ipFamily) {
		this.ipFamily = ipFamily;
	}

	public Duration getCacheTtl() {
		return this.cacheTtl;
	}

	public void setCacheTtl(Duration cacheTtl) {
		this.cacheTtl = cacheTtl;
	}

	public RefreshMode getRefresh() {
		return this.refresh;
	}

	public void setRefresh(RefreshMode refresh) {
		this.refresh = refresh;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public Auth getAuth() {
		return this.auth;
	}

	public Tls getTls() {
		return this.tls;
	}

	public Map<String, SmtpServerProperties> getServers() {
		return this.servers;
	}

	public PendingStatus getPendingStatus() {
		return this.pendingStatus;
	}

	public void setPendingStatus(PendingStatus pendingStatus) {
		this.pendingStatus = pendingStatus;
	}

	/**
	 * SMTP AUTH settings of the top-level server; never inherited by named servers.
	 */
	public static class Auth {

		/**
		 * User name for SMTP AUTH. AUTH is skipped when unset or empty.
		 */
		private @Nullable String username;

		/**
		 * Password for SMTP AUTH.
		 */
		private @Nullable String password;

		/**
		 * OAuth 2 bearer token, for the xoauth2 mechanism.
		 */
		private @Nullable String token;

		/**
		 * SASL mechanism: auto (the strongest both sides support: cram-md5, plain,
		 * login), plain, login, cram-md5 or xoauth2.
		 */
		private AuthMechanism mechanism = AuthMechanism.AUTO;

		/**
		 * Whether credentials may be sent over a connection without TLS.
		 */
		private boolean allowPlaintext;

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public AuthMechanism getMechanism() {
			return this.mechanism;
		}

		public void setMechanism(AuthMechanism mechanism) {
			this.mechanism = mechanism;
		}

		public boolean isAllowPlaintext() {
			return this.allowPlaintext;
		}

		public void setAllowPlaintext(boolean allowPlaintext) {
			this.allowPlaintext = allowPlaintext;
		}

	}

	/**
	 * TLS settings; inherited by named servers.
	 */
	public static class Tls {

		/**
		 * Name of a Spring SSL bundle (spring.ssl.bundle.*) holding the certificates to
		 * trust and, if any, the client certificate. Defaults to the JDK's trust store.
		 */
		private @Nullable String bundle;

		/**
		 * Whether the server's certificate chain must be trusted. Turning it off accepts
		 * any certificate.
		 */
		private boolean verify = true;

		/**
		 * Whether the server's certificate must match the host name.
		 */
		private boolean verifyHostname = true;

		/**
		 * Lifetime left, of the chain's first certificate to expire, below which the
		 * status is DEGRADED. A bare number is in seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration expiryWarning = Duration.ofDays(14);

		/**
		 * Lifetime left, of the chain's first certificate to expire, below which the
		 * status is DOWN. An expired certificate is always DOWN. A bare number is in
		 * seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration expiryCritical = Duration.ZERO;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public boolean isVerify() {
			return this.verify;
		}

		public void setVerify(boolean verify) {
			this.verify = verify;
		}

		public boolean isVerifyHostname() {
			return this.verifyHostname;
		}

		public void setVerifyHostname(boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
		}

		public Duration getExpiryWarning() {
			return this.expiryWarning;
		}

		public void setExpiryWarning(Duration expiryWarning) {
			this.expiryWarning = expiryWarning;
		}

		public Duration getExpiryCritical() {
			return this.expiryCritical;
		}

		public void setExpiryCritical(Duration expiryCritical) {
			this.expiryCritical = expiryCritical;
		}

	}

}
