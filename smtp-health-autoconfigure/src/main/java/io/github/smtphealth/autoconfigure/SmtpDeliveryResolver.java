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

import io.github.smtphealth.delivery.ImapSecurity;
import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;
import org.springframework.util.StringUtils;

/**
 * The one place where the delivery check's defaults and fallbacks are decided, and where
 * its properties are validated with the name the user wrote. A named server's behaviour
 * keys (interval, timeout, warning, critical, imap.security, imap.folder) fall back to
 * {@code smtp.check.delivery}; its identity (enabled, to, the mailbox's host, port,
 * username, password, allow-plaintext and tls.bundle) is its own.
 */
final class SmtpDeliveryResolver {

	static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

	static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

	static final Duration MINIMUM_INTERVAL = Duration.ofMinutes(1);

	static final String DEFAULT_FOLDER = "INBOX";

	private static final SmtpDeliveryProperties.Imap EMPTY_IMAP = new SmtpDeliveryProperties.Imap(null, null, null,
			null, null, null, null, null);

	private static final SmtpDeliveryProperties EMPTY = new SmtpDeliveryProperties(null, null, null, null, null, null,
			null);

	/**
	 * A JVM system property that lifts {@link #MINIMUM_INTERVAL}, for tests that want
	 * several checks in seconds. Not a configuration property on purpose: a production
	 * mailbox should not get a probe every few seconds.
	 */
	static final String SHORT_INTERVAL_SYSTEM_PROPERTY = "smtp-health.delivery.allow-short-interval";

	/**
	 * Resolve the delivery check of one server.
	 * @param properties all properties
	 * @param serverName the server's name, {@code default} for the top level
	 * @return the delivery check, or {@code null} if it is not enabled for the server
	 */
	@Nullable ResolvedDelivery resolve(SmtpHealthProperties properties, String serverName) {
		SmtpDeliveryProperties top = orEmpty(properties.getDelivery());
		SmtpServerProperties named = properties.getServers().get(serverName);
		SmtpDeliveryProperties own = (named != null) ? orEmpty(named.getDelivery()) : top;
		String prefix = (named != null) ? SmtpServerResolver.PREFIX + ".servers." + serverName + ".delivery"
				: SmtpServerResolver.PREFIX + ".delivery";
		if (!Boolean.TRUE.equals(own.enabled())) {
			return null;
		}
		SmtpDeliveryProperties fallback = (named != null) ? top : EMPTY;
		SmtpDeliveryProperties.Imap imap = orEmpty(own.imap());
		SmtpDeliveryProperties.Imap fallbackImap = orEmpty(fallback.imap());
		String to = required(own.to(), prefix + ".to", "A recipient is required when the delivery check is enabled");
		if (to.chars().anyMatch((c) -> c <= ' ' || c >= 0x7f || c == '<' || c == '>')) {
			throw invalid(prefix + ".to", to, "Must be an address without spaces, '<', '>' or control characters");
		}
		Duration interval = positive(prefix + ".interval",
				first(own.interval(), fallback.interval(), DEFAULT_INTERVAL));
		if (interval.compareTo(MINIMUM_INTERVAL) < 0 && !Boolean.getBoolean(SHORT_INTERVAL_SYSTEM_PROPERTY)) {
			throw invalid(prefix + ".interval", interval, "Must be at least " + MINIMUM_INTERVAL.toMinutes()
					+ " minute: every check sends a message to the mailbox");
		}
		Duration timeout = positive(prefix + ".timeout", first(own.timeout(), fallback.timeout(), DEFAULT_TIMEOUT));
		Duration warning = positive(prefix + ".warning", (own.warning() != null) ? own.warning() : fallback.warning());
		Duration critical = positive(prefix + ".critical",
				(own.critical() != null) ? own.critical() : fallback.critical());
		validateThresholds(prefix, warning, critical, timeout);
		ImapSecurity security = first(imap.security(), fallbackImap.security(), ImapSecurity.IMAPS);
		if (security == ImapSecurity.NONE && !Boolean.TRUE.equals(imap.allowPlaintext())) {
			throw invalid(prefix + ".imap.security", "none", "Would send the IMAP password without TLS: use starttls "
					+ "or imaps, or set " + prefix + ".imap.allow-plaintext=true");
		}
		String host = required(imap.host(), prefix + ".imap.host",
				"An IMAP host is required when the delivery check is enabled");
		String username = required(imap.username(), prefix + ".imap.username",
				"An IMAP username is required when the delivery check is enabled");
		String password = imap.password();
		if (password == null || password.isEmpty()) {
			throw invalid(prefix + ".imap.password", null,
					"An IMAP password is required when the delivery check is enabled");
		}
		Integer port = imap.port();
		if (port != null && (port < 1 || port > 65535)) {
			throw invalid(prefix + ".imap.port", port, "Must be between 1 and 65535");
		}
		String folder = first(imap.folder(), fallbackImap.folder(), DEFAULT_FOLDER);
		String bundle = (imap.tls() != null) ? imap.tls().bundle() : null;
		return new ResolvedDelivery(prefix, to, interval, timeout, warning, critical, host,
				(port != null) ? port : security.defaultPort(), security, username, password, folder, bundle);
	}

	private static SmtpDeliveryProperties orEmpty(@Nullable SmtpDeliveryProperties properties) {
		return (properties != null) ? properties : EMPTY;
	}

	private static SmtpDeliveryProperties.Imap orEmpty(SmtpDeliveryProperties.@Nullable Imap imap) {
		return (imap != null) ? imap : EMPTY_IMAP;
	}

	@Contract("_, null -> null; _, !null -> !null")
	private static @Nullable Duration positive(String property, @Nullable Duration duration) {
		if (duration != null && (duration.isNegative() || duration.isZero())) {
			throw invalid(property, duration, "Must be positive");
		}
		return duration;
	}

	private static InvalidSmtpCheckPropertyException invalid(String property, @Nullable Object value, String reason) {
		return new InvalidSmtpCheckPropertyException(property, value, reason);
	}

	private static void validateThresholds(String prefix, @Nullable Duration warning, @Nullable Duration critical,
			Duration timeout) {
		if (warning != null && critical != null && warning.compareTo(critical) >= 0) {
			throw invalid(prefix + ".warning", warning, "Must be less than critical (" + critical + ")");
		}
		if (critical != null && critical.compareTo(timeout) >= 0) {
			throw invalid(prefix + ".critical", critical, "Must be less than timeout (" + timeout + ")");
		}
		if (warning != null && warning.compareTo(timeout) >= 0) {
			throw invalid(prefix + ".warning", warning, "Must be less than timeout (" + timeout + ")");
		}
	}

	private static String required(@Nullable String value, String property, String reason) {
		if (!StringUtils.hasText(value)) {
			throw invalid(property, value, reason);
		}
		return value.strip();
	}

	private static <T> T first(@Nullable T own, @Nullable T fallback, T defaultValue) {
		if (own != null) {
			return own;
		}
		return (fallback != null) ? fallback : defaultValue;
	}

	/**
	 * One server's delivery check, every default applied and every value checked.
	 *
	 * @param prefix where the server's own delivery keys live, such as
	 * {@code smtp.check.delivery}
	 * @param to the recipient
	 * @param interval the pause between checks
	 * @param timeout the wait for arrival
	 * @param warning the DEGRADED threshold, or {@code null}
	 * @param critical the DOWN threshold, or {@code null}
	 * @param imapHost the IMAP host
	 * @param imapPort the IMAP port
	 * @param imapSecurity the IMAP security
	 * @param imapUsername the IMAP user
	 * @param imapPassword the IMAP password
	 * @param imapFolder the folder
	 * @param imapTlsBundle the SSL bundle for IMAP, or {@code null} for the SMTP server's
	 * trust material
	 */
	record ResolvedDelivery(String prefix, String to, Duration interval, Duration timeout, @Nullable Duration warning,
			@Nullable Duration critical, String imapHost, int imapPort, ImapSecurity imapSecurity, String imapUsername,
			String imapPassword, String imapFolder, @Nullable String imapTlsBundle) {

		@Override
		public String toString() {
			return "ResolvedDelivery[" + this.prefix + ", to=" + this.to + ", imap=" + this.imapUsername + "@"
					+ this.imapHost + ":" + this.imapPort + ", password=******]";
		}

	}

}
