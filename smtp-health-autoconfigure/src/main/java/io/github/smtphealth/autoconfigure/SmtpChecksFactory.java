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

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

import javax.net.ssl.KeyManager;

import io.github.smtphealth.autoconfigure.ResolvedServer.Origins;
import io.github.smtphealth.check.CheckPolicy;
import io.github.smtphealth.check.SmtpCheck;
import io.github.smtphealth.check.SmtpCheckListener;
import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * Turns resolved servers into checks, after {@link SmtpServerValidator} has accepted
 * them, and says at startup what is checked and what is weakened. Secrets are never part
 * of a message.
 */
final class SmtpChecksFactory {

	private static final Log logger = LogFactory.getLog(SmtpChecksFactory.class);

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

	SmtpChecks create(List<ResolvedServer> servers) {
		List<SmtpCheck> checks = new ArrayList<>(servers.size());
		for (ResolvedServer server : servers) {
			checks.add(createCheck(server));
		}
		return new SmtpChecks(checks, this.threadFactory);
	}

	private SmtpCheck createCheck(ResolvedServer server) {
		SmtpServerValidator.validate(server);
		SmtpProbeSettings settings = probeSettings(server);
		logStartup(server, settings);
		CheckPolicy policy = new CheckPolicy(server.warning(), server.critical(), server.tls().expiryWarning(),
				server.tls().expiryCritical());
		return new SmtpCheck(server.name(), new SmtpProbe(settings), policy, server.cacheTtl(), server.refresh(),
				server.interval(), this.listener, this.clock);
	}

	private SmtpProbeSettings probeSettings(ResolvedServer server) {
		ResolvedServer.Auth auth = server.auth();
		SmtpCredentials credentials = auth.hasUsername()
				? new SmtpCredentials(String.valueOf(auth.username()), auth.password(), auth.token()) : null;
		return SmtpProbeSettings.builder(String.valueOf(server.host()))
			.port(server.port())
			.security(server.security())
			.heloName(server.heloName())
			.lmtp(server.lmtp())
			.credentials(credentials)
			.authMechanism(auth.mechanism())
			.allowPlaintextAuth(auth.allowPlaintext())
			.mailFrom(server.mailFrom())
			.rcptTo(server.rcptTo())
			.timeout(server.timeout())
			.connectTimeout(server.connectTimeout())
			.ipFamily(server.ipFamily())
			.tls(tlsSettings(server))
			.build();
	}

	private TlsSettings tlsSettings(ResolvedServer server) {
		ResolvedServer.Tls tls = server.tls();
		TlsSettings settings = new TlsSettings(List.of(), List.of(), true, true, tls.protocols(), tls.cipherSuites());
		if (tls.bundle() != null) {
			SslBundle bundle = sslBundle(server.origins().of("tls.bundle"), tls.bundle());
			SslOptions options = bundle.getOptions();
			settings = new TlsSettings(List.of(bundle.getManagers().getTrustManagers()), keyManagers(bundle), true,
					true, listOf(options.getEnabledProtocols(), tls.protocols()),
					listOf(options.getCiphers(), tls.cipherSuites()));
		}
		return settings.withVerifyCertificate(tls.verify()).withVerifyHostname(tls.verifyHostname());
	}

	private SslBundle sslBundle(String property, String name) {
		if (this.sslBundles == null) {
			throw new InvalidSmtpCheckPropertyException(property, name,
					"No SSL bundles are configured (spring.ssl.bundle.*)");
		}
		try {
			return this.sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidSmtpCheckPropertyException(property, name,
					"No SSL bundle with that name is configured (spring.ssl.bundle.*)");
		}
	}

	private static List<KeyManager> keyManagers(SslBundle bundle) {
		return (bundle.getStores().getKeyStore() != null) ? List.of(bundle.getManagers().getKeyManagers()) : List.of();
	}

	private static List<String> listOf(String @Nullable [] values, List<String> otherwise) {
		return (values != null) ? List.of(values) : otherwise;
	}

	/**
	 * One INFO line per check, and a WARN for every weakening, naming the property that
	 * asked for it.
	 */
	private static void logStartup(ResolvedServer server, SmtpProbeSettings settings) {
		Origins names = server.origins();
		if (logger.isInfoEnabled()) {
			logger.info("SMTP health check '" + server.name() + "': " + settings.address() + ", " + describe(settings)
					+ ", settings from " + server.source() + ".*");
		}
		if (settings.security() != Security.NONE && !settings.tls().verifyCertificate()) {
			logger.warn("TLS verification is disabled for SMTP server '" + server.name() + "' ("
					+ setting(names, "tls.verify", "false") + "): its health check accepts any certificate");
		}
		else if (settings.security() != Security.NONE && !settings.tls().verifyHostname()) {
			logger.warn("Host name verification is disabled for SMTP server '" + server.name() + "' ("
					+ setting(names, "tls.verify-hostname", "false") + ")");
		}
		if (settings.credentials() != null && settings.security() == Security.NONE && settings.allowPlaintextAuth()) {
			logger.warn("SMTP server '" + server.name() + "' will be sent credentials without TLS ("
					+ names.of("auth.allow-plaintext") + "=true)");
		}
	}

	/**
	 * {@code smtp.check.tls.verify=false}, or the JavaMail property that weakened it.
	 */
	private static String setting(Origins names, String key, String value) {
		String property = names.of(key);
		return property.startsWith(SmtpServerResolver.PREFIX + ".") ? property + "=" + value : "following " + property;
	}

	private static String describe(SmtpProbeSettings settings) {
		String security = settings.security().name().toLowerCase(Locale.ROOT);
		if (settings.security() != Security.NONE && !settings.tls().fullyVerified()) {
			security += " (TLS verification disabled)";
		}
		String auth = (settings.credentials() != null)
				? ", AUTH " + settings.authMechanism().name().toLowerCase(Locale.ROOT).replace('_', '-') : "";
		return security + auth;
	}

}
