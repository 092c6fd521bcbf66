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

package io.github.smtphealth.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import ch.qos.logback.classic.LoggerContext;
import io.github.smtphealth.autoconfigure.SmtpHealthContributorAutoConfiguration;
import io.github.smtphealth.autoconfigure.SmtpHealthProperties;
import io.github.smtphealth.check.SmtpCheckOutcome;
import io.github.smtphealth.metrics.SmtpCheckMetrics;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A canary password and token run through every failure that involves credentials: they
 * must never appear in the health JSON, the logs (everything at TRACE: the root logger of
 * Logback and of JUL, so the probe's transcript and whatever the JDK logs are included),
 * the metrics, the {@code toString()} of anything that holds them, startup failure
 * messages, or on the wire without TLS.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretCanaryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * JUL's root logger: the JDK's own loggers ({@code javax.security.sasl},
	 * {@code javax.net.ssl}) inherit its level.
	 */
	private static final Logger julRoot = Logger.getLogger("");

	private static @Nullable Level previousJulLevel;

	private static boolean bridgeInstalledHere;

	private static ch.qos.logback.classic.@Nullable Level previousLogbackLevel;

	/**
	 * Channels where a scenario is known to leak the canary: none. Kept so that a leak
	 * found later can be recorded here while it is being fixed, and fails the test once
	 * the fix lands.
	 */
	private static final Map<String, Set<String>> KNOWN_LEAKS = Map.of();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SmtpHealthContributorAutoConfiguration.class));

	/**
	 * Log everything at TRACE the way an application with
	 * {@code logging.level.root=trace} does: System.Logger and the JDK's loggers go to
	 * JUL, which Boot bridges to SLF4J (Logback here).
	 */
	@BeforeAll
	static void logEverythingAtTrace() {
		if (!SLF4JBridgeHandler.isInstalled()) {
			SLF4JBridgeHandler.install();
			bridgeInstalledHere = true;
		}
		previousJulLevel = julRoot.getLevel();
		julRoot.setLevel(Level.ALL);
		ch.qos.logback.classic.Logger logger = logbackRoot();
		previousLogbackLevel = logger.getLevel();
		logger.setLevel(ch.qos.logback.classic.Level.TRACE);
		WarmUp.probeOverStartTlsWithAuth();
	}

	@AfterAll
	static void restoreLogging() {
		julRoot.setLevel(previousJulLevel);
		logbackRoot().setLevel(previousLogbackLevel);
		if (bridgeInstalledHere) {
			SLF4JBridgeHandler.uninstall();
		}
	}

	static List<Scenario> failures() {
		return CanaryScenarios.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void canaryShouldNotLeakWhen(Scenario scenario, CapturedOutput output) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		SmtpCheckMetrics metrics = new SmtpCheckMetrics(registry);
		AtomicReference<SmtpCheckOutcome> outcome = new AtomicReference<>();
		SmtpProbeSettings settings;
		Health health;
		Target target = scenario.target().get();
		try {
			settings = scenario.tweaks().apply(target.settings().heloName("probe.test").timeout(TIMEOUT)).build();
			health = Indicators.onDemand("canary", settings, (probed) -> {
				outcome.set(probed);
				metrics.probed(probed);
			}).health();
		}
		finally {
			target.close();
		}
		assertThat(health.getStatus()).isEqualTo(scenario.status());
		assertThat(registry.getMeters()).as("meters recorded").isNotEmpty();
		assertThat(Details.first(health, "error", "reason", "quitProblem")).contains(scenario.reason());
		if (health.getDetails().containsKey("greeting")) {
			assertThat(output.getAll()).as("the transcript at DEBUG was captured").contains("C: EHLO probe.test");
		}
		Map<String, String> channels = new LinkedHashMap<>();
		channels.put("health JSON", json.writeValueAsString(health));
		channels.put("logs", output.getAll());
		channels.put("meters", meters(registry));
		channels.put("toString() of the settings", settings.toString());
		channels.put("toString() of the outcome", String.valueOf(outcome.get()));
		channels.put("toString() of the health", health.toString());
		if (!settings.allowPlaintextAuth()) {
			channels.put("lines sent without TLS", String.join("\n", target.receivedInPlaintext()));
		}
		Set<String> knownLeaks = KNOWN_LEAKS.getOrDefault(scenario.name(), Set.of());
		assertThat(channels).allSatisfy((channel, text) -> {
			if (knownLeaks.contains(channel)) {
				assertThat(text).as(channel + " (known leak, reported: remove it from KNOWN_LEAKS once fixed)")
					.containsAnyOf(Canary.forms().toArray(String[]::new));
			}
			else {
				assertThat(text).as(channel).doesNotContain(Canary.forms());
			}
		});
	}

	@Test
	void jdkLoggersAtFinestShouldReachTheCapturedLog(CapturedOutput output) {
		Logger.getLogger("javax.security.sasl").finest("jul-finest-marker");
		assertThat(output.getAll()).as("JUL at FINEST is bridged to the captured log").contains("jul-finest-marker");
	}

	@Test
	void toStringOfCredentialsSettingsAndPropertiesShouldNotShowTheCanary() {
		SmtpCredentials password = SmtpCredentials.ofPassword(Canary.USERNAME, Canary.PASSWORD);
		SmtpCredentials token = SmtpCredentials.ofToken(Canary.USERNAME, Canary.TOKEN);
		SmtpProbeSettings settings = SmtpProbeSettings.builder("mail.example.com")
			.credentials(password)
			.heloName("probe.test")
			.build();
		SmtpHealthProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("smtp.check.host",
				"mail.example.com", "smtp.check.auth.username", Canary.USERNAME, "smtp.check.auth.password",
				Canary.PASSWORD, "smtp.check.servers.relay.auth.token", Canary.TOKEN)))
			.bind("smtp.check", SmtpHealthProperties.class)
			.get();
		assertThat(properties.getAuth().getPassword()).isEqualTo(Canary.PASSWORD);
		assertThat(password.toString()).contains("password=******").doesNotContain(Canary.forms());
		assertThat(token.toString()).contains("token=******").doesNotContain(Canary.forms());
		assertThat(List.of(settings.toString(), settings.toBuilder().build().toString(), properties.toString(),
				properties.getAuth().toString(), properties.getServers().toString(),
				properties.getServers().get("relay").getAuth().toString()))
			.allSatisfy((text) -> assertThat(text).doesNotContain(Canary.forms()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidConfigurations")
	void startupFailureShouldNotShowTheCanary(String problem, List<String> properties, String property,
			CapturedOutput output) {
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			String report = stackTrace(context.getStartupFailure());
			assertThat(report).as("the failure names what is wrong").contains(property);
			assertThat(report).doesNotContain(Canary.forms());
		});
		assertThat(output.getAll()).doesNotContain(Canary.forms());
	}

	static List<Arguments> invalidConfigurations() {
		String password = "smtp.check.auth.password=" + Canary.PASSWORD;
		String token = "smtp.check.auth.token=" + Canary.TOKEN;
		String user = "smtp.check.auth.username=" + Canary.USERNAME;
		String host = "smtp.check.host=mail.example.com";
		return List.of(
				Arguments.of("port out of range", List.of(host, user, password, "smtp.check.port=70000"),
						"smtp.check.port"),
				Arguments.of("host with a space", List.of("smtp.check.host=mail example.com", user, password),
						"smtp.check.host"),
				Arguments.of("unknown mechanism", List.of(host, user, password, "smtp.check.auth.mechanism=scram"),
						"smtp.check.auth.mechanism"),
				Arguments.of("xoauth2 without a token",
						List.of(host, user, password, "smtp.check.auth.mechanism=xoauth2"), "smtp.check.auth.token"),
				Arguments.of("password without a user name", List.of(host, password, token),
						"smtp.check.auth.username"),
				Arguments.of("user name with a line break",
						List.of(host, "smtp.check.auth.username=canary\nRCPT TO:<victim@example.com>", password),
						"username"),
				Arguments.of("helo name with a space", List.of(host, user, password, "smtp.check.helo-name=a b"),
						"smtp.check.helo-name"),
				Arguments.of("unknown SSL bundle",
						List.of(host, user, password, "smtp.check.security=smtps", "smtp.check.tls.bundle=missing"),
						"smtp.check.tls.bundle"),
				Arguments.of("named server with a bad timeout",
						List.of(user, password, token, "smtp.check.servers.relay.host=mail.example.com",
								"smtp.check.servers.relay.timeout=0s"),
						"timeout"),
				Arguments.of(
						"spring.mail fallback with a bad host", List.of("spring.mail.host=mail example.com",
								"spring.mail.username=" + Canary.USERNAME, "spring.mail.password=" + Canary.PASSWORD),
						"host"));
	}

	private static String meters(SimpleMeterRegistry registry) {
		List<String> meters = new ArrayList<>();
		for (Meter meter : registry.getMeters()) {
			Meter.Id id = meter.getId();
			meters.add(id.getName() + " " + id.getTags() + " " + id.getDescription() + " " + id.getBaseUnit());
		}
		return String.join("\n", meters);
	}

	private static String stackTrace(Throwable failure) {
		StringWriter writer = new StringWriter();
		failure.printStackTrace(new PrintWriter(writer));
		return writer.toString();
	}

	private static ch.qos.logback.classic.Logger logbackRoot() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
