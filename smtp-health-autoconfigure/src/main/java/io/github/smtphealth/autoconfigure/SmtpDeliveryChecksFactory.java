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

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import io.github.smtphealth.autoconfigure.SmtpDeliveryResolver.ResolvedDelivery;
import io.github.smtphealth.check.SmtpCheck;
import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.delivery.DeliveryCheck;
import io.github.smtphealth.delivery.DeliveryChecks;
import io.github.smtphealth.delivery.DeliveryListener;
import io.github.smtphealth.delivery.DeliveryProbe;
import io.github.smtphealth.delivery.DeliverySettings;
import io.github.smtphealth.delivery.ImapSecurity;
import io.github.smtphealth.delivery.ImapSettings;
import io.github.smtphealth.probe.TlsSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;

/**
 * Turns the resolved delivery properties into delivery checks, one per server that has
 * the check enabled, each sending through that server's own probe (its security, AUTH and
 * TLS).
 *
 * @param sslBundles the SSL bundles, or {@code null} if there are none
 * @param listener told about every delivery check
 * @param applicationName the application's name, for the origin of the probe messages
 */
record SmtpDeliveryChecksFactory(@Nullable SslBundles sslBundles, DeliveryListener listener, String applicationName) {

	private static final SmtpDeliveryResolver resolver = new SmtpDeliveryResolver();

	DeliveryChecks create(SmtpHealthProperties properties, SmtpChecks smtpChecks, ThreadFactory threadFactory) {
		List<DeliveryCheck> checks = new ArrayList<>();
		for (SmtpCheck check : smtpChecks.checks().values()) {
			String name = check.name();
			boolean configured = SmtpServerResolver.DEFAULT_SERVER_NAME.equals(name)
					|| properties.getServers().containsKey(name);
			ResolvedDelivery delivery = configured ? resolver.resolve(properties, name) : null;
			if (delivery != null) {
				checks.add(new DeliveryCheck(
						new DeliveryProbe(settings(name, delivery, check), check.probe(), Clock.systemUTC()),
						this.listener));
			}
		}
		SmtpDeliveryProperties topLevel = properties.getDelivery();
		if (topLevel != null && Boolean.TRUE.equals(topLevel.enabled())
				&& !smtpChecks.checks().containsKey(SmtpServerResolver.DEFAULT_SERVER_NAME)) {
			throw new InvalidSmtpCheckPropertyException("smtp.check.delivery.enabled", true,
					"There is no top-level SMTP server (smtp.check.host or spring.mail.host) to send the probe "
							+ "messages through; enable the delivery check of a named server instead");
		}
		return new DeliveryChecks(checks, threadFactory);
	}

	private DeliverySettings settings(String name, ResolvedDelivery delivery, SmtpCheck check) {
		SSLSocketFactory socketFactory = (delivery.imapSecurity() != ImapSecurity.NONE)
				? socketFactory(delivery, check.probe().settings().tls()) : null;
		ImapSettings imap = new ImapSettings(delivery.imapHost(), delivery.imapPort(), delivery.imapSecurity(),
				delivery.imapUsername(), delivery.imapPassword(), delivery.imapFolder(), socketFactory);
		return new DeliverySettings(name, origin(name), delivery.to(), delivery.interval(), delivery.timeout(),
				delivery.warning(), delivery.critical(), imap);
	}

	/**
	 * The IMAP server is verified with its own bundle if one is named, else with the SMTP
	 * server's trust material (its tls.bundle), else with the JDK's trust store; always
	 * chain and host name.
	 */
	private SSLSocketFactory socketFactory(ResolvedDelivery delivery, TlsSettings smtpTls) {
		String bundle = delivery.imapTlsBundle();
		if (bundle != null) {
			String property = delivery.prefix() + ".imap.tls.bundle";
			if (this.sslBundles == null) {
				throw new InvalidSmtpCheckPropertyException(property, bundle,
						"No SSL bundles are configured (spring.ssl.bundle.*)");
			}
			try {
				return this.sslBundles.getBundle(bundle).createSslContext().getSocketFactory();
			}
			catch (NoSuchSslBundleException ex) {
				throw new InvalidSmtpCheckPropertyException(property, bundle,
						"No SSL bundle with that name is configured (spring.ssl.bundle.*)");
			}
		}
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(smtpTls.keyManagers().isEmpty() ? null : smtpTls.keyManagers().toArray(new KeyManager[0]),
					smtpTls.trustManagers().isEmpty() ? null : smtpTls.trustManagers().toArray(new TrustManager[0]),
					null);
			return context.getSocketFactory();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create the TLS context of the IMAP connection", ex);
		}
	}

	/**
	 * The application and server, in the origin header of every probe message: the
	 * clean-up deletes only messages with exactly this origin. Characters outside a safe
	 * set become dashes.
	 */
	private String origin(String serverName) {
		return (this.applicationName + "/" + serverName).replaceAll("[^A-Za-z0-9._/-]", "-");
	}

}
