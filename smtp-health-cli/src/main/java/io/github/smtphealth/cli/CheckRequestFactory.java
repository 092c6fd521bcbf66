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

package io.github.smtphealth.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

import io.github.smtphealth.check.CheckPolicy;
import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.IpFamily;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;
import org.jspecify.annotations.Nullable;

/**
 * Turns parsed options into a {@link CheckRequest}. Every value is validated here, once,
 * with a message that names the flag the user wrote; defaults are the core's
 * ({@link CheckPolicy#DEFAULT}, {@link SmtpProbeSettings#DEFAULT_TIMEOUT}, the builder's
 * ports and EHLO name), so {@code -w}, {@code -c} and {@code -D} mean what
 * {@code smtp.check.warning}, {@code .critical} and {@code .tls.expiry-*} mean.
 */
final class CheckRequestFactory {

	private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

	private final Map<Option, String> options;

	private final Function<String, @Nullable String> environment;

	/**
	 * Create a factory.
	 * @param options the parsed options
	 * @param environment the environment variables, for {@code --password-env}
	 */
	CheckRequestFactory(Map<Option, String> options, Function<String, @Nullable String> environment) {
		this.options = options;
		this.environment = environment;
	}

	CheckRequest create() throws UsageException {
		String host = required(Option.HOST);
		Security security = security();
		@Nullable String secret = secret();
		AuthMechanism mechanism = authMechanism();
		SmtpCredentials credentials = credentials(secret, mechanism);
		Duration timeout = Objects.requireNonNullElse(seconds(Option.TIMEOUT), SmtpProbeSettings.DEFAULT_TIMEOUT);
		CheckPolicy policy = policy(timeout);
		SmtpProbeSettings.Builder builder = SmtpProbeSettings.builder(host)
			.port(port())
			.security(security)
			.heloName(value(Option.HELO_NAME))
			.lmtp(has(Option.LMTP))
			.credentials(credentials)
			.authMechanism(mechanism)
			.allowPlaintextAuth(has(Option.ALLOW_PLAINTEXT_AUTH))
			.mailFrom(value(Option.MAIL_FROM))
			.rcptTo(value(Option.RCPT_TO))
			.timeout(timeout)
			.ipFamily(ipFamily());
		if (security != Security.NONE) {
			builder.tls(tls());
		}
		else {
			rejectWithoutTls(Option.CA_FILE, Option.CLIENT_CERT, Option.CLIENT_KEY, Option.INSECURE);
		}
		try {
			return new CheckRequest(builder.build(), policy, has(Option.JSON), has(Option.VERBOSE), secret);
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(blame(ex));
		}
	}

	private Security security() throws UsageException {
		if (has(Option.SMTPS) && has(Option.STARTTLS)) {
			throw new UsageException(
					Option.SMTPS.displayName() + " and " + Option.STARTTLS.displayName() + " exclude each other");
		}
		return has(Option.SMTPS) ? Security.SMTPS : has(Option.STARTTLS) ? Security.STARTTLS : Security.NONE;
	}

	private @Nullable Integer port() throws UsageException {
		String value = value(Option.PORT);
		if (value == null) {
			return null;
		}
		try {
			int port = Integer.parseInt(value);
			if (port >= 1 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new UsageException(
				Option.PORT.displayName() + " must be a port number from 1 to 65535 but was '" + value + "'");
	}

	private AuthMechanism authMechanism() throws UsageException {
		String value = value(Option.AUTH_MECHANISM);
		if (value == null) {
			return AuthMechanism.AUTO;
		}
		for (AuthMechanism mechanism : AuthMechanism.values()) {
			if (mechanism.name().replace('_', '-').equalsIgnoreCase(value)) {
				return mechanism;
			}
		}
		throw new UsageException(Option.AUTH_MECHANISM.displayName()
				+ " must be one of auto, plain, login, cram-md5, xoauth2 but was '" + value + "'");
	}

	/**
	 * The password (or, for XOAUTH2, the token) from exactly one of its three sources.
	 * Its value is never part of a message.
	 */
	private @Nullable String secret() throws UsageException {
		List<Option> given = List.of(Option.PASSWORD, Option.PASSWORD_FILE, Option.PASSWORD_ENV)
			.stream()
			.filter(this::has)
			.toList();
		if (given.size() > 1) {
			throw new UsageException("give the password once: " + Option.PASSWORD.displayName() + ", "
					+ Option.PASSWORD_FILE.displayName() + " or " + Option.PASSWORD_ENV.displayName());
		}
		if (given.isEmpty()) {
			return null;
		}
		Option source = given.get(0);
		String value = Objects.requireNonNull(this.options.get(source));
		String secret = switch (source) {
			case PASSWORD_FILE -> readPasswordFile(value);
			case PASSWORD_ENV -> {
				String fromEnvironment = this.environment.apply(value);
				if (fromEnvironment == null || fromEnvironment.isEmpty()) {
					throw new UsageException(Option.PASSWORD_ENV.displayName() + ": environment variable '" + value
							+ "' is not set or empty");
				}
				yield fromEnvironment;
			}
			default -> value;
		};
		if (secret.isEmpty()) {
			throw new UsageException(source.displayName() + " gives an empty password");
		}
		return secret;
	}

	/**
	 * The first line of the file, without its line break, as {@code --password-file} of
	 * other tools.
	 */
	private static String readPasswordFile(String path) throws UsageException {
		try {
			String content = Files.readString(Path.of(path), StandardCharsets.UTF_8);
			int end = content.indexOf('\n');
			String line = (end >= 0) ? content.substring(0, end) : content;
			return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
		}
		catch (NoSuchFileException ex) {
			throw new UsageException(Option.PASSWORD_FILE.displayName() + ": no such file '" + path + "'");
		}
		catch (IOException | RuntimeException ex) {
			throw new UsageException(Option.PASSWORD_FILE.displayName() + ": cannot read '" + path + "' ("
					+ ex.getClass().getSimpleName() + ")");
		}
	}

	private @Nullable SmtpCredentials credentials(@Nullable String secret, AuthMechanism mechanism)
			throws UsageException {
		String user = value(Option.USER);
		if (user == null && secret == null) {
			if (has(Option.AUTH_MECHANISM)) {
				throw new UsageException(Option.AUTH_MECHANISM.displayName() + " needs " + Option.USER.displayName());
			}
			return null;
		}
		if (user == null) {
			throw new UsageException("a password is given but no user: add " + Option.USER.displayName());
		}
		if (secret == null) {
			throw new UsageException(Option.USER.displayName() + " needs a password: " + Option.PASSWORD.displayName()
					+ ", " + Option.PASSWORD_FILE.displayName() + " or " + Option.PASSWORD_ENV.displayName());
		}
		try {
			return (mechanism == AuthMechanism.XOAUTH2) ? SmtpCredentials.ofToken(user, secret)
					: SmtpCredentials.ofPassword(user, secret);
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(Option.USER.displayName() + " must be non-empty and free of control characters");
		}
	}

	/**
	 * The same rules as the starter's properties: warning below critical, both below the
	 * timeout.
	 */
	private CheckPolicy policy(Duration timeout) throws UsageException {
		Duration warning = seconds(Option.WARNING);
		Duration critical = seconds(Option.CRITICAL);
		if (warning != null && critical != null && warning.compareTo(critical) >= 0) {
			throw new UsageException(
					Option.WARNING.displayName() + " must be less than " + Option.CRITICAL.displayName());
		}
		for (Option option : List.of(Option.WARNING, Option.CRITICAL)) {
			Duration threshold = (option == Option.WARNING) ? warning : critical;
			if (threshold != null && threshold.compareTo(timeout) >= 0) {
				throw new UsageException(option.displayName() + " must be less than the timeout "
						+ Option.TIMEOUT.displayName() + " (" + seconds(timeout) + " s)");
			}
		}
		Duration expiryWarning = CheckPolicy.DEFAULT.expiryWarning();
		Duration expiryCritical = CheckPolicy.DEFAULT.expiryCritical();
		String days = value(Option.CERTIFICATE_DAYS);
		if (days != null) {
			String[] parts = days.split(",", -1);
			if (parts.length > 2) {
				throw new UsageException(
						Option.CERTIFICATE_DAYS.displayName() + " must be warn[,crit] days but was '" + days + "'");
			}
			expiryWarning = days(parts[0], days);
			if (parts.length == 2) {
				expiryCritical = days(parts[1], days);
			}
			if (expiryCritical.compareTo(expiryWarning) > 0) {
				throw new UsageException(Option.CERTIFICATE_DAYS.displayName()
						+ " critical days must not exceed warning days but was '" + days + "'");
			}
		}
		return new CheckPolicy(warning, critical, expiryWarning, expiryCritical);
	}

	private static Duration days(String part, String whole) throws UsageException {
		try {
			int value = Integer.parseInt(part.strip());
			if (value >= 0) {
				return Duration.ofDays(value);
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new UsageException(Option.CERTIFICATE_DAYS.displayName()
				+ " must be warn[,crit] whole days, 0 or more, but was '" + whole + "'");
	}

	private @Nullable Duration seconds(Option option) throws UsageException {
		String value = value(option);
		if (value == null) {
			return null;
		}
		try {
			BigDecimal seconds = new BigDecimal(value.strip());
			long nanos = seconds.multiply(NANOS_PER_SECOND).longValueExact();
			if (nanos > 0 && seconds.compareTo(BigDecimal.valueOf(86_400)) <= 0) {
				return Duration.ofNanos(nanos);
			}
		}
		catch (NumberFormatException | ArithmeticException ex) {
			// reported below
		}
		throw new UsageException(option.displayName() + " must be a number of seconds above 0 (decimals allowed, "
				+ "at most 86400) but was '" + value + "'");
	}

	private static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toNanos()).divide(NANOS_PER_SECOND).stripTrailingZeros().toPlainString();
	}

	private IpFamily ipFamily() throws UsageException {
		if (has(Option.IPV4) && has(Option.IPV6)) {
			throw new UsageException(
					Option.IPV4.displayName() + " and " + Option.IPV6.displayName() + " exclude each other");
		}
		return has(Option.IPV4) ? IpFamily.IPV4 : has(Option.IPV6) ? IpFamily.IPV6 : IpFamily.ANY;
	}

	private TlsSettings tls() throws UsageException {
		String caFile = value(Option.CA_FILE);
		String clientCert = value(Option.CLIENT_CERT);
		String clientKey = value(Option.CLIENT_KEY);
		if ((clientCert == null) != (clientKey == null)) {
			throw new UsageException(
					Option.CLIENT_CERT.displayName() + " and " + Option.CLIENT_KEY.displayName() + " go together");
		}
		if (has(Option.INSECURE) && caFile != null) {
			throw new UsageException(Option.INSECURE.displayName() + " trusts any certificate: drop "
					+ Option.CA_FILE.displayName() + " or " + Option.INSECURE.displayName());
		}
		List<TrustManager> trust = (caFile != null) ? PemMaterial.trustManagers(Path.of(caFile), Option.CA_FILE)
				: List.of();
		List<KeyManager> keys = (clientCert != null && clientKey != null)
				? PemMaterial.keyManagers(Path.of(clientCert), Path.of(clientKey)) : List.of();
		boolean verify = !has(Option.INSECURE);
		return new TlsSettings(trust, keys, verify, verify, List.of(), List.of());
	}

	private void rejectWithoutTls(Option... tlsOptions) throws UsageException {
		for (Option option : tlsOptions) {
			if (has(option)) {
				throw new UsageException(option.displayName() + " needs TLS: add " + Option.STARTTLS.displayName()
						+ " or " + Option.SMTPS.displayName());
			}
		}
	}

	private String required(Option option) throws UsageException {
		String value = value(option);
		if (value == null || value.isEmpty()) {
			throw new UsageException(option.displayName() + " is required");
		}
		return value;
	}

	private @Nullable String value(Option option) {
		return this.options.get(option);
	}

	private boolean has(Option option) {
		return this.options.containsKey(option);
	}

	/**
	 * The settings validate host, EHLO name, sender and recipient, and name their own
	 * fields; the user wrote a flag. Each of those values is tried alone to find the flag
	 * to blame (only on this error path, and without parsing the message).
	 */
	private String blame(IllegalArgumentException ex) {
		for (Option option : List.of(Option.HOST, Option.HELO_NAME, Option.MAIL_FROM, Option.RCPT_TO)) {
			String value = value(option);
			if (value == null) {
				continue;
			}
			try {
				SmtpProbeSettings.Builder alone = SmtpProbeSettings
					.builder((option == Option.HOST) ? value : "localhost")
					.heloName("localhost");
				switch (option) {
					case HELO_NAME -> alone.heloName(value);
					case MAIL_FROM -> alone.mailFrom(value);
					case RCPT_TO -> alone.rcptTo(value);
					default -> {
					}
				}
				alone.build();
			}
			catch (IllegalArgumentException invalid) {
				return option.displayName() + " is invalid: " + invalid.getMessage();
			}
		}
		return "invalid arguments: " + ex.getMessage();
	}

}
