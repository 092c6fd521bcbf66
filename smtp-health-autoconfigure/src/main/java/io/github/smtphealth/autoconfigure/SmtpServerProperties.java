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

import io.github.smtphealth.check.RefreshMode;
import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.IpFamily;
import io.github.smtphealth.probe.Security;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationUnit;

/**
 * Settings of one named server, {@code smtp.check.servers.<name>}. Every field is unset
 * until the user sets it. Behaviour keys that are unset fall back to the top level of
 * {@code smtp.check}; the keys that say who and where (host, port, mail-from, rcpt-to,
 * auth) are never inherited, so that a relay listed beside another never receives its
 * credentials. {@link SmtpServerResolver} does the fallback.
 *
 * @since 0.1.0
 */
public class SmtpServerProperties extends AbstractSmtpServerProperties {

	/**
	 * How the connection is protected: none, starttls or smtps. Inherited from
	 * smtp.check.security.
	 */
	private @Nullable Security security;

	/**
	 * Whether to speak LMTP, sending LHLO instead of EHLO. Inherited from
	 * smtp.check.lmtp.
	 */
	private @Nullable Boolean lmtp;

	/**
	 * Envelope sender used for MAIL FROM. Not inherited. Empty for the null sender.
	 */
	private @Nullable String mailFrom;

	/**
	 * Deadline for the whole probe, DNS included, from 100ms to 5m. Inherited from
	 * smtp.check.timeout. A bare number is in seconds.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration timeout;

	/**
	 * Which addresses of the host to connect to: any, ipv4 or ipv6. Inherited from
	 * smtp.check.ip-family.
	 */
	private @Nullable IpFamily ipFamily;

	/**
	 * How long a result is reused before the server is probed again, from 0 to 1h.
	 * Inherited from smtp.check.cache-ttl. A bare number is in seconds.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration cacheTtl;

	/**
	 * When the server is probed: on-demand or background. Inherited from
	 * smtp.check.refresh.
	 */
	private @Nullable RefreshMode refresh;

	/**
	 * Period of background probes, from 1s to 1d. Inherited from smtp.check.interval. A
	 * bare number is in seconds.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration interval;

	private final Auth auth = new Auth();

	private final Tls tls = new Tls();

	public @Nullable Security getSecurity() {
		return this.security;
	}

	public void setSecurity(@Nullable Security security) {
		this.security = security;
	}

	public @Nullable Boolean getLmtp() {
		return this.lmtp;
	}

	public void setLmtp(@Nullable Boolean lmtp) {
		this.lmtp = lmtp;
	}

	public @Nullable String getMailFrom() {
		return this.mailFrom;
	}

	public void setMailFrom(@Nullable String mailFrom) {
		this.mailFrom = mailFrom;
	}

	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(@Nullable Duration timeout) {
		this.timeout = timeout;
	}

	public @Nullable IpFamily getIpFamily() {
		return this.ipFamily;
	}

	public void setIpFamily(@Nullable IpFamily ipFamily) {
		this.ipFamily = ipFamily;
	}

	public @Nullable Duration getCacheTtl() {
		return this.cacheTtl;
	}

	public void setCacheTtl(@Nullable Duration cacheTtl) {
		this.cacheTtl = cacheTtl;
	}

	public @Nullable RefreshMode getRefresh() {
		return this.refresh;
	}

	public void setRefresh(@Nullable RefreshMode refresh) {
		this.refresh = refresh;
	}

	public @Nullable Duration getInterval() {
		return this.interval;
	}

	public void setInterval(@Nullable Duration interval) {
		this.interval = interval;
	}

	public Auth getAuth() {
		return this.auth;
	}

	public Tls getTls() {
		return this.tls;
	}

	/**
	 * SMTP AUTH settings of a named server. None of them is inherited.
	 */
	public static class Auth {

		/**
		 * User name for SMTP AUTH. AUTH is skipped when unset or empty. Not inherited.
		 */
		private @Nullable String username;

		/**
		 * Password for SMTP AUTH. Not inherited.
		 */
		private @Nullable String password;

		/**
		 * OAuth 2 bearer token, for the xoauth2 mechanism. Not inherited.
		 */
		private @Nullable String token;

		/**
		 * SASL mechanism: auto, plain, login, cram-md5 or xoauth2. Not inherited;
		 * defaults to auto.
		 */
		private @Nullable AuthMechanism mechanism;

		/**
		 * Whether credentials may be sent over a connection without TLS. Not inherited;
		 * defaults to false.
		 */
		private @Nullable Boolean allowPlaintext;

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

		public @Nullable AuthMechanism getMechanism() {
			return this.mechanism;
		}

		public void setMechanism(@Nullable AuthMechanism mechanism) {
			this.mechanism = mechanism;
		}

		public @Nullable Boolean getAllowPlaintext() {
			return this.allowPlaintext;
		}

		public void setAllowPlaintext(@Nullable Boolean allowPlaintext) {
			this.allowPlaintext = allowPlaintext;
		}

	}

	/**
	 * TLS settings of a named server, each inherited from smtp.check.tls when unset.
	 */
	public static class Tls {

		/**
		 * Name of a Spring SSL bundle (spring.ssl.bundle.*) with the certificates to
		 * trust and, if any, the client certificate. Inherited from
		 * smtp.check.tls.bundle.
		 */
		private @Nullable String bundle;

		/**
		 * Whether the server's certificate chain must be trusted. Inherited from
		 * smtp.check.tls.verify.
		 */
		private @Nullable Boolean verify;

		/**
		 * Whether the server's certificate must match the host name. Inherited from
		 * smtp.check.tls.verify-hostname.
		 */
		private @Nullable Boolean verifyHostname;

		/**
		 * Certificate lifetime left below which the status is DEGRADED. Inherited from
		 * smtp.check.tls.expiry-warning. A bare number is in seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration expiryWarning;

		/**
		 * Certificate lifetime left below which the status is DOWN. Inherited from
		 * smtp.check.tls.expiry-critical. A bare number is in seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration expiryCritical;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public @Nullable Boolean getVerify() {
			return this.verify;
		}

		public void setVerify(@Nullable Boolean verify) {
			this.verify = verify;
		}

		public @Nullable Boolean getVerifyHostname() {
			return this.verifyHostname;
		}

		public void setVerifyHostname(@Nullable Boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
		}

		public @Nullable Duration getExpiryWarning() {
			return this.expiryWarning;
		}

		public void setExpiryWarning(@Nullable Duration expiryWarning) {
			this.expiryWarning = expiryWarning;
		}

		public @Nullable Duration getExpiryCritical() {
			return this.expiryCritical;
		}

		public void setExpiryCritical(@Nullable Duration expiryCritical) {
			this.expiryCritical = expiryCritical;
		}

	}

}
