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

package io.github.smtphealth.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.smtphealth.testsupport.LeakCheck;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.SmtpScript;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the probe tests share: settings pointing at a scripted server, a resolver that
 * needs no DNS, and the bound every probe must finish within.
 */
final class ProbeFixtures {

	/**
	 * The EHLO name every test sends, so no test waits for the local host's name.
	 */
	static final String HELO = "probe.test";

	/**
	 * How far past its deadline a probe may finish on a busy machine.
	 */
	static final Duration MARGIN = Duration.ofMillis(1500);

	private ProbeFixtures() {
	}

	/**
	 * Return settings for the scripted server's address literal.
	 * @param server the server
	 * @param timeout the probe's deadline
	 * @return the builder
	 */
	static SmtpProbeSettings.Builder settings(ScriptedSmtpServer server, Duration timeout) {
		return SmtpProbeSettings.builder(server.host()).port(server.port()).heloName(HELO).timeout(timeout);
	}

	/**
	 * Return settings for a made-up host name that resolves to the scripted server, so
	 * that TLS checks a name rather than an address.
	 * @param hostName the host name
	 * @param server the server
	 * @param timeout the probe's deadline
	 * @return the builder
	 */
	static SmtpProbeSettings.Builder settings(String hostName, ScriptedSmtpServer server, Duration timeout) {
		return settings(server, timeout).host(hostName).resolver(resolvingTo(server.host()));
	}

	/**
	 * Return a resolver that answers every name with the given address literals.
	 * @param literals the addresses, in order
	 * @return the resolver
	 */
	static HostResolver resolvingTo(String... literals) {
		return (host) -> {
			List<InetAddress> addresses = new ArrayList<>();
			for (String literal : literals) {
				addresses.add(address(literal));
			}
			return addresses;
		};
	}

	/**
	 * Return the address of an IP literal, which never asks DNS.
	 * @param literal the literal
	 * @return the address
	 * @throws UnknownHostException if it is not a literal
	 */
	static InetAddress address(String literal) throws UnknownHostException {
		return InetAddress.getByName(literal);
	}

	/**
	 * Run a probe.
	 * @param settings the settings
	 * @return the result
	 */
	static SmtpProbeResult probe(SmtpProbeSettings.Builder settings) {
		return new SmtpProbe(settings.build()).run();
	}

	/**
	 * Run a probe and assert that it finished within its deadline, give or take
	 * {@link #MARGIN}.
	 * @param settings the settings, whose timeout is the deadline
	 * @return the result
	 */
	static SmtpProbeResult probeInTime(SmtpProbeSettings.Builder settings) {
		SmtpProbeSettings built = settings.build();
		SmtpProbeResult result = new SmtpProbe(built).run();
		assertWithinDeadline(result, built.timeout());
		return result;
	}

	/**
	 * Run a probe that must succeed.
	 * @param settings the settings
	 * @return the result, for what else the test asserts
	 */
	static SmtpProbeResult probeSucceeding(SmtpProbeSettings.Builder settings) {
		SmtpProbeResult result = probe(settings);
		assertThat(result.isSuccess()).as("%s", result).isTrue();
		return result;
	}

	/**
	 * Run a first probe that must succeed, then take the baseline of threads and file
	 * descriptors. The first probe starts the probe's shared daemon threads (the lookup
	 * pool and the watchdog) and loads what the JVM loads once; the JDK's
	 * {@link SecureRandom} opens {@code /dev/random} and {@code /dev/urandom} on first
	 * use and keeps them open.
	 * @param script the warm-up server's script
	 * @param settings the warm-up probe's settings for that server
	 * @return the baseline
	 */
	static LeakCheck warmedUpBaseline(Consumer<SmtpScript> script,
			Function<ScriptedSmtpServer, SmtpProbeSettings.Builder> settings) {
		new SecureRandom().nextInt();
		try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script)) {
			SmtpProbeResult result = probe(settings.apply(server));
			assertThat(result.isSuccess()).as("warm-up %s", result).isTrue();
		}
		return LeakCheck.snapshot();
	}

	/**
	 * Assert that the probe finished within its deadline, give or take {@link #MARGIN}.
	 * @param result the result
	 * @param timeout the deadline the probe had
	 */
	static void assertWithinDeadline(SmtpProbeResult result, Duration timeout) {
		assertThat(result.total()).as("total time of %s", result).isLessThanOrEqualTo(timeout.plus(MARGIN));
	}

	/**
	 * Return the failure of a result that must have failed.
	 * @param result the result
	 * @return the failure
	 */
	static ProbeFailure failureOf(SmtpProbeResult result) {
		assertThat(result.isSuccess()).as("success of %s", result).isFalse();
		return Objects.requireNonNull(result.failure());
	}

	/**
	 * Assert that the probe failed exactly so.
	 * @param result the result
	 * @param phase the phase that must have failed
	 * @param kind the kind of failure
	 * @param replyCode the server's reply code, or {@code null} when no reply caused the
	 * failure
	 * @param reason the whole reason
	 */
	static void assertFailure(SmtpProbeResult result, Phase phase, FailureKind kind, @Nullable Integer replyCode,
			String reason) {
		ProbeFailure failure = failureOf(result);
		assertThat(failure.phase()).as("phase of %s", failure).isEqualTo(phase);
		assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(kind);
		assertThat(failure.replyCode()).as("reply code of %s", failure).isEqualTo(replyCode);
		assertThat(failure.reason()).isEqualTo(reason);
	}

}
