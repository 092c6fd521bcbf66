package io.github.smtphealth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

import javax.net.ssl.KeyManager;

import io.github.smtphealth.autoconfigure.SmtpServerResolver.Server;
import io.github.smtphealth.check.CheckPolicy;
import io.github.smtphealth.check.SmtpCheck;
import io.github.smtphealth.check.SmtpCheckListener;
import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * Turns resolved server properties into checks, rejecting invalid combinations with a message that
 * names the property. Secrets are never part of a message.
 */
final class SmtpChecksFactory {

	private static final Log logger = LogFactory.getLog(SmtpChecksFactory.class);

	private static final Map<String, String> SETTINGS_FIELD_TO_PROPERTY = Map.of("host", "host", "port", "port",
			"heloName", "helo-name", "mailFrom", "mail-from", "rcptTo", "rcpt-to", "timeout", "timeout",
			"connectTimeout", "connect-timeout", "credentials", "auth.username", "username", "auth.username");

	private final @Nullable SslBundles sslBundles;

	private final SmtpCheckListener listener;

	private final Clock clock;

	private final ThreadFactory threadFactory;

	SmtpChecksFactory(@Nullable SslBundles sslBundles, SmtpCheckListener listener, Clock clock,
			ThreadFactory threadFactory) {
		this.sslBundles = sslBundles;
		this.listener = listener;
		this.clock = clock;
		this.threadFactory = threadFactory;
	}

	SmtpChecks create(List<Server> servers) {
		List<SmtpCheck> checks = new ArrayList<>(servers.size());
		for (Server server : servers) {
			checks.add(createCheck(server));
		}
		return new SmtpChecks(checks, this.threadFactory);
	}

	private SmtpCheck createCheck(Server server) {
		PropertyNames names = server.propertyNames();
		SmtpServerProperties properties = server.properties();
		validate(names, properties);
		SmtpProbeSettings settings = probeSettings(names, properties);
		warnAboutWeakenedSecurity(server, settings);
		CheckPolicy policy = new CheckPolicy(properties.getWarning(), properties.getCritical(),
				properties.getTls().getExpiryWarning(), properties.getTls().getExpiryCritical());
		return new SmtpCheck(server.name(), new SmtpProbe(settings), policy, properties.getCacheTtl(),
				properties.getRefresh(), properties.getInterval(), this.listener, this.clock);
	}

	private static void validate(PropertyNames names, SmtpServerProperties properties) {
		if (properties.getHost() == null || properties.getHost().isBlank()) {
			throw invalid(names.of("host"), properties.getHost(), "A host is required");
		}
		Duration warning = properties.getWarning();
		Duration critical = properties.getCritical();
		Duration timeout = properties.getTimeout();
		if (warning != null && critical != null && warning.compareTo(critical) >= 0) {
			throw invalid(names.of("warning"), warning, "Must be less than critical (" + critical + ")");
		}
		if (critical != null && critical.compareTo(timeout) >= 0) {
			throw invalid(names.of("critical"), critical, "Must be less than timeout (" + timeout + ")");
		}
		if (warning != null && warning.compareTo(timeout) >= 0) {
			throw invalid(names.of("warning"), warning, "Must be less than timeout (" + timeout + ")");
		}
		SmtpServerProperties.Tls tls = properties.getTls();
		if (tls.getExpiryWarning().compareTo(tls.getExpiryCritical()) < 0) {
			throw invalid(names.of("tls.expiry-warning"), tls.getExpiryWarning(),
					"Must not be less than tls.expiry-critical (" + tls.getExpiryCritical() + ")");
		}
		validateAuth(names, properties.getAuth());
	}

	private static void validateAuth(PropertyNames names, SmtpServerProperties.Auth auth) {
		boolean hasUsername = auth.getUsername() != null && !auth.getUsername().isEmpty();
		if (!hasUsername) {
			if (auth.getPassword() != null || auth.getToken() != null) {
				throw invalid(names.of("auth.username"), null, "A username is required when a password or token is set");
			}
			return;
		}
		if (auth.getMechanism() == AuthMechanism.XOAUTH2) {
			if (auth.getToken() == null || auth.getToken().isEmpty()) {
				throw invalid(names.of("auth.token"), null, "A token is required for the xoauth2 mechanism");
			}
		}
		else if (auth.getPassword() == null) {
			throw invalid(names.of("auth.password"), null,
					"A password is required when a username is set (or use mechanism xoauth2 with a token)");
		}
	}

	private SmtpProbeSettings probeSettings(PropertyNames names, SmtpServerProperties properties) {
		SmtpServerProperties.Auth auth = properties.getAuth();
		try {
			SmtpCredentials credentials = (auth.getUsername() != null && !auth.getUsername().isEmpty())
					? new SmtpCredentials(auth.getUsername(), auth.getPassword(), auth.getToken()) : null;
			return SmtpProbeSettings.builder(String.valueOf(properties.getHost()))
				.port(properties.getPort())
				.security(properties.getSecurity())
				.heloName(properties.getHeloName())
				.lmtp(properties.isLmtp())
				.credentials(credentials)
				.authMechanism(auth.getMechanism())
				.allowPlaintextAuth(auth.isAllowPlaintext())
				.mailFrom(properties.getMailFrom())
				.rcptTo(properties.getRcptTo())
				.timeout(properties.getTimeout())
				.connectTimeout(properties.getConnectTimeout())
				.ipFamily(properties.getIpFamily())
				.tls(tlsSettings(names, properties))
				.build();
		}
		catch (IllegalArgumentException ex) {
			throw invalidSetting(names, properties, ex);
		}
	}

	private TlsSettings tlsSettings(PropertyNames names, SmtpServerProperties properties) {
		SmtpServerProperties.Tls tls = properties.getTls();
		TlsSettings settings = TlsSettings.DEFAULT;
		if (tls.getBundle() != null) {
			SslBundle bundle = sslBundle(names.of("tls.bundle"), tls.getBundle());
			SslOptions options = bundle.getOptions();
			settings = new TlsSettings(List.of(bundle.getManagers().getTrustManagers()),
					keyManagers(bundle), true, true, listOf(options.getEnabledProtocols()),
					listOf(options.getCiphers()));
		}
		return settings.withVerifyCertificate(tls.isVerify()).withVerifyHostname(tls.isVerifyHostname());
	}

	private SslBundle sslBundle(String property, String name) {
		if (this.sslBundles == null) {
			throw invalid(property, name, "No SSL bundles are configured (spring.ssl.bundle.*)");
		}
		try {
			return this.sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw invalid(property, name, "No SSL bundle with that name is configured (spring.ssl.bundle.*)");
		}
	}

	private static List<KeyManager> keyManagers(SslBundle bundle) {
		return (bundle.getStores().getKeyStore() != null) ? List.of(bundle.getManagers().getKeyManagers()) : List.of();
	}

	private static List<String> listOf(String @Nullable [] values) {
		return (values != null) ? List.of(values) : List.of();
	}

	private static void warnAboutWeakenedSecurity(Server server, SmtpProbeSettings settings) {
		PropertyNames names = server.propertyNames();
		if (settings.security() != Security.NONE && !settings.tls().verifyCertificate()) {
			logger.warn("TLS verification is disabled for SMTP server '" + server.name() + "' ("
					+ names.of("tls.verify") + "=false): its health check accepts any certificate");
		}
		else if (settings.security() != Security.NONE && !settings.tls().verifyHostname()) {
			logger.warn("Host name verification is disabled for SMTP server '" + server.name() + "' ("
					+ names.of("tls.verify-hostname") + "=false)");
		}
		if (settings.credentials() != null && settings.security() == Security.NONE && settings.allowPlaintextAuth()) {
			logger.warn("SMTP server '" + server.name() + "' will be sent credentials without TLS ("
					+ names.of("auth.allow-plaintext") + "=true)");
		}
	}

	/**
	 * The probe settings check what can be sent safely on the wire; name the property they reject.
	 */
	private static InvalidConfigurationPropertyValueException invalidSetting(PropertyNames names,
			SmtpServerProperties properties, IllegalArgumentException ex) {
		String message = String.valueOf(ex.getMessage());
		String property = names.of("host");
		Object value = null;
		for (Map.Entry<String, String> entry : SETTINGS_FIELD_TO_PROPERTY.entrySet()) {
			if (message.startsWith("'" + entry.getKey() + "'")) {
				property = names.of(entry.getValue());
				value = publicValue(entry.getKey(), properties);
			}
		}
		return invalid(property, value, message.replaceFirst("^'[A-Za-z]+' ", "Must ").replace("Must must", "Must"));
	}

	private static @Nullable Object publicValue(String field, SmtpServerProperties properties) {
		return switch (field) {
			case "host" -> properties.getHost();
			case "heloName" -> properties.getHeloName();
			case "mailFrom" -> properties.getMailFrom();
			case "rcptTo" -> properties.getRcptTo();
			default -> null;
		};
	}

	/**
	 * A rejected value is shown with its control characters escaped, so that it cannot forge log lines.
	 */
	private static InvalidConfigurationPropertyValueException invalid(String property, @Nullable Object value,
			String reason) {
		Object shown = (value instanceof String text) ? escapeControlCharacters(text) : value;
		return new InvalidConfigurationPropertyValueException(property, shown, reason);
	}

	private static String escapeControlCharacters(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			if (c < 0x20 || c == 0x7f) {
				escaped.append(String.format("\\x%02x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
