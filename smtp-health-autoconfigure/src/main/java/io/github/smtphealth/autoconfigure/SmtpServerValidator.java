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
import java.util.regex.Pattern;

import io.github.smtphealth.autoconfigure.ResolvedServer.Auth;
import io.github.smtphealth.autoconfigure.ResolvedServer.Origins;
import io.github.smtphealth.probe.AuthMechanism;
import org.jspecify.annotations.Nullable;

/**
 * The one place where the values of a resolved server are checked, each failure naming
 * the property the value came from ({@code spring.mail.port} when the port came from
 * there, {@code smtp.check.servers.relay.critical} for a named server). The probe's
 * settings guard their own invariants too, but a user never sees those messages: every
 * value reaching them has passed here. Secrets are never shown in a message.
 */
final class SmtpServerValidator {

	static final Duration MIN_TIMEOUT = Duration.ofMillis(100);

	static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

	static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

	static final Duration MAX_INTERVAL = Duration.ofDays(1);

	static final Duration MAX_CACHE_TTL = Duration.ofHours(1);

	/**
	 * A domain or an address literal (RFC 5321 4.1.3), as EHLO takes it.
	 */
	private static final Pattern HELO_NAME = Pattern.compile("[A-Za-z0-9._-]+|\\[[A-Za-z0-9:._-]+\\]");

	private SmtpServerValidator() {
	}

	/**
	 * Check a resolved server.
	 * @param server the server
	 * @throws InvalidSmtpCheckPropertyException naming the first property that is wrong
	 */
	static void validate(ResolvedServer server) {
		Origins names = server.origins();
		String host = server.host();
		if (host == null || host.isBlank()) {
			throw new InvalidSmtpCheckPropertyException(names.of("host"), null, "A host is required");
		}
		require(isPrintable(host) && host.indexOf(' ') < 0, names.of("host"), host,
				"Must be a host name or IP address");
		Integer port = server.port();
		require(port == null || (port >= 1 && port <= 65535), names.of("port"), port, "Must be between 1 and 65535");
		String heloName = server.heloName();
		require(heloName == null || HELO_NAME.matcher(heloName).matches(), names.of("helo-name"), heloName,
				"Must be a domain name or an address literal such as [192.0.2.1]");
		require(isAddress(server.mailFrom(), true), names.of("mail-from"), server.mailFrom(),
				"Must be an address without spaces, '<', '>' or control characters");
		require(server.rcptTo() == null || isAddress(server.rcptTo(), false), names.of("rcpt-to"), server.rcptTo(),
				"Must be an address without spaces, '<', '>' or control characters");
		validateDurations(server, names);
		validateAuth(server.auth(), names);
	}

	private static void validateDurations(ResolvedServer server, Origins names) {
		Duration timeout = server.timeout();
		require(within(timeout, MIN_TIMEOUT, MAX_TIMEOUT), names.of("timeout"), timeout, "Must be from 100ms to 5m");
		Duration connectTimeout = server.connectTimeout();
		require(connectTimeout == null || within(connectTimeout, Duration.ofMillis(1), timeout),
				names.of("connect-timeout"), connectTimeout,
				"Must be positive and at most the timeout (" + text(timeout) + ")");
		Duration warning = server.warning();
		Duration critical = server.critical();
		require(warning == null || isPositive(warning), names.of("warning"), warning, "Must be positive");
		require(critical == null || isPositive(critical), names.of("critical"), critical, "Must be positive");
		require(warning == null || critical == null || warning.compareTo(critical) < 0, names.of("warning"), warning,
				"Must be less than critical (" + text(critical) + ", " + names.of("critical") + ")");
		require(critical == null || critical.compareTo(timeout) < 0, names.of("critical"), critical,
				"Must be less than the timeout (" + text(timeout) + ", " + names.of("timeout") + ")");
		require(warning == null || warning.compareTo(timeout) < 0, names.of("warning"), warning,
				"Must be less than the timeout (" + text(timeout) + ", " + names.of("timeout") + ")");
		require(within(server.cacheTtl(), Duration.ZERO, MAX_CACHE_TTL), names.of("cache-ttl"), server.cacheTtl(),
				"Must be from 0 to 1h");
		require(within(server.interval(), MIN_INTERVAL, MAX_INTERVAL), names.of("interval"), server.interval(),
				"Must be from 1s to 1d");
		Duration expiryWarning = server.tls().expiryWarning();
		Duration expiryCritical = server.tls().expiryCritical();
		require(!expiryWarning.isNegative(), names.of("tls.expiry-warning"), expiryWarning, "Must not be negative");
		require(!expiryCritical.isNegative(), names.of("tls.expiry-critical"), expiryCritical, "Must not be negative");
		require(expiryWarning.compareTo(expiryCritical) >= 0, names.of("tls.expiry-warning"), expiryWarning,
				"Must not be less than tls.expiry-critical (" + text(expiryCritical) + ")");
	}

	private static void validateAuth(Auth auth, Origins names) {
		if (!auth.hasUsername()) {
			if (auth.password() != null || auth.token() != null) {
				throw new InvalidSmtpCheckPropertyException(names.of("auth.username"), null,
						"A username is required when a password or token is set");
			}
			return;
		}
		String username = String.valueOf(auth.username());
		require(username.chars().noneMatch((c) -> c < 0x20 || c == 0x7f), names.of("auth.username"), username,
				"Must be free of control characters");
		if (auth.mechanism() == AuthMechanism.XOAUTH2) {
			if (auth.token() == null || auth.token().isEmpty()) {
				throw new InvalidSmtpCheckPropertyException(names.of("auth.token"), null,
						"A token is required for the xoauth2 mechanism");
			}
		}
		else if (auth.password() == null) {
			throw new InvalidSmtpCheckPropertyException(names.of("auth.password"), null,
					"A password is required when a username is set (or use mechanism xoauth2 with a token)");
		}
	}

	private static String text(@Nullable Duration duration) {
		return (duration != null) ? InvalidSmtpCheckPropertyException.text(duration) : "unset";
	}

	private static void require(boolean condition, String property, @Nullable Object value, String reason) {
		if (!condition) {
			throw new InvalidSmtpCheckPropertyException(property, value, reason);
		}
	}

	private static boolean within(Duration duration, Duration min, Duration max) {
		return duration.compareTo(min) >= 0 && duration.compareTo(max) <= 0;
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	private static boolean isPrintable(String value) {
		return value.chars().allMatch((c) -> c >= 0x20 && c < 0x7f);
	}

	private static boolean isAddress(String value, boolean emptyAllowed) {
		return (emptyAllowed || !value.isEmpty()) && isPrintable(value)
				&& value.chars().noneMatch((c) -> c == ' ' || c == '<' || c == '>');
	}

}
