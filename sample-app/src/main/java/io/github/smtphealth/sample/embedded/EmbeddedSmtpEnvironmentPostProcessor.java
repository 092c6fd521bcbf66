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

package io.github.smtphealth.sample.embedded;

import java.net.BindException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.smtphealth.probe.ProbeFailure;
import io.github.smtphealth.probe.SmtpProbeResult;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the {@link EmbeddedSmtpServer embedded SMTP server} when
 * {@code sample.embedded-smtp.enabled} is true (the default) and points the health check
 * at it: {@code smtp.check.host}, {@code port}, {@code security=starttls}, {@code auth.*}
 * and {@code tls.bundle=embedded-smtp}, an SSL bundle that trusts the server's
 * self-signed certificate
 * ({@code spring.ssl.bundle.pem.embedded-smtp.truststore.certificate}, the PEM text
 * itself). With {@code sample.embedded-smtp.delivery=true} it also turns on
 * {@code smtp.check.delivery.*} against the server's {@link EmbeddedMailbox}. These
 * properties take precedence over every other source.
 * <p>
 * The server starts here, before any bean exists, because its port (free unless
 * configured) and its certificate must be in the environment before the SSL bundles and
 * the health check bind their properties. A warm-up probe follows (see
 * {@code EmbeddedSmtpWarmUp}), then {@code EmbeddedSmtpServerLifecycle} ties the server's
 * life to the application context.
 *
 * @since 0.1.0
 */
public class EmbeddedSmtpEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source this post-processor adds.
	 */
	public static final String PROPERTY_SOURCE_NAME = "embeddedSmtpServer";

	/**
	 * Name of the SSL bundle that trusts the embedded server's certificate.
	 */
	public static final String SSL_BUNDLE_NAME = "embedded-smtp";

	/**
	 * Runs late: after the config data (application.yml, command line) is in the
	 * environment.
	 */
	private static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	private static final Duration CERTIFICATE_LIFETIME = Duration.ofDays(90);

	private final Log logger;

	/**
	 * Create a new instance.
	 * @param logFactory the factory of the log, which Spring Boot replays once logging is
	 * set up
	 */
	public EmbeddedSmtpEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(EmbeddedSmtpEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		Binder binder = Binder.get(environment);
		EmbeddedSmtpProperties properties = binder.bind(EmbeddedSmtpProperties.PREFIX, EmbeddedSmtpProperties.class)
			.orElseGet(EmbeddedSmtpProperties::new);
		if (!properties.isEnabled()) {
			assertServerToCheck(binder);
			return;
		}
		SelfSignedCertificate certificate = SelfSignedCertificate.generate(CERTIFICATE_LIFETIME,
				EmbeddedSmtpServer.HOST, "127.0.0.1", "::1");
		EmbeddedSmtpServer server = start(properties, certificate);
		try {
			SmtpProbeResult warmUp = EmbeddedSmtpWarmUp.probe(server, properties, certificate);
			environment.getPropertySources()
				.addFirst(
						new MapPropertySource(PROPERTY_SOURCE_NAME, checkProperties(server, properties, certificate)));
			EmbeddedSmtpServerLifecycle lifecycle = new EmbeddedSmtpServerLifecycle(server);
			application.addInitializers(lifecycle);
			application.addListeners(lifecycle);
			log(server, properties, warmUp);
		}
		catch (RuntimeException ex) {
			server.stop();
			throw ex;
		}
	}

	private void log(EmbeddedSmtpServer server, EmbeddedSmtpProperties properties, SmtpProbeResult warmUp) {
		String description = "Embedded SMTP server on " + EmbeddedSmtpServer.HOST + ":" + server.port()
				+ " (STARTTLS required, AUTH as '" + properties.getUsername() + "', greeting delay "
				+ properties.getGreetingDelay().toMillis() + " ms)";
		ProbeFailure failure = warmUp.failure();
		if (failure != null) {
			this.logger.warn(description + " failed its warm-up probe in the " + failure.phase().id() + " phase: "
					+ failure.reason());
			return;
		}
		this.logger.info(description + " answered a warm-up probe in " + warmUp.total().toMillis()
				+ " ms; smtp.check.* points at it. "
				+ "Run with --sample.embedded-smtp.enabled=false to check the server smtp.check.* names.");
	}

	private static EmbeddedSmtpServer start(EmbeddedSmtpProperties properties, SelfSignedCertificate certificate) {
		try {
			return EmbeddedSmtpServer.start(properties, certificate);
		}
		catch (RuntimeException ex) {
			if (ex.getCause() instanceof BindException) {
				throw new InvalidConfigurationPropertyValueException(EmbeddedSmtpProperties.PREFIX + ".port",
						properties.getPort(), "The port is in use: choose another one, or 0 for a free one");
			}
			throw ex;
		}
	}

	/**
	 * Without the embedded server and without a server of its own, the sample would fail
	 * on the readiness group's missing {@code smtp} member; say what to do instead.
	 */
	private static void assertServerToCheck(Binder binder) {
		boolean configured = binder.bind("smtp.check.host", String.class).isBound()
				|| binder.bind("smtp.check.servers", Bindable.mapOf(String.class, Object.class)).isBound()
				|| binder.bind("spring.mail.host", String.class).isBound();
		if (!configured) {
			throw new InvalidConfigurationPropertyValueException("smtp.check.host", null,
					"sample.embedded-smtp.enabled is false, so the sample needs a server to check: set smtp.check.host "
							+ "(for example --smtp.check.host=mail.example.com --smtp.check.security=starttls)");
		}
	}

	private static Map<String, Object> checkProperties(EmbeddedSmtpServer server, EmbeddedSmtpProperties properties,
			SelfSignedCertificate certificate) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("smtp.check.host", EmbeddedSmtpServer.HOST);
		values.put("smtp.check.port", server.port());
		values.put("smtp.check.security", "starttls");
		values.put("smtp.check.auth.username", properties.getUsername());
		values.put("smtp.check.auth.password", properties.getPassword());
		values.put("smtp.check.tls.bundle", SSL_BUNDLE_NAME);
		values.put("spring.ssl.bundle.pem." + SSL_BUNDLE_NAME + ".truststore.certificate",
				certificate.certificatePem());
		EmbeddedMailbox mailbox = server.mailbox();
		if (mailbox != null) {
			// Plain IMAP is acceptable here only because the mailbox is on loopback and
			// made for the demo.
			values.put("smtp.check.delivery.enabled", true);
			values.put("smtp.check.delivery.to", EmbeddedMailbox.ADDRESS);
			values.put("smtp.check.delivery.imap.host", "127.0.0.1");
			values.put("smtp.check.delivery.imap.port", mailbox.imapPort());
			values.put("smtp.check.delivery.imap.security", "none");
			values.put("smtp.check.delivery.imap.allow-plaintext", true);
			values.put("smtp.check.delivery.imap.username", EmbeddedMailbox.USERNAME);
			values.put("smtp.check.delivery.imap.password", mailbox.password());
		}
		return values;
	}

}
