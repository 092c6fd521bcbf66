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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.smtphealth.probe.AuthMechanism;
import io.github.smtphealth.probe.Phase;
import io.github.smtphealth.probe.ProbeFailure;
import io.github.smtphealth.probe.Security;
import io.github.smtphealth.probe.SmtpCredentials;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.probe.TlsSettings;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link EmbeddedSmtpServer}, probed with smtp-health's own client.
 */
class EmbeddedSmtpServerTests {

	private static final SelfSignedCertificate certificate = SelfSignedCertificate.generate(Duration.ofDays(90),
			"localhost", "127.0.0.1");

	private @Nullable EmbeddedSmtpServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void probeWithStartTlsAndTheRightCredentialsShouldSucceed() {
		SmtpProbeResult result = probeDefaultServerAsDemo("localhost");
		assertThat(result.failure()).isNull();
		assertThat(result.authMechanism()).isEqualTo("PLAIN");
		assertThat(result.tls()).isNotNull();
		assertThat(result.tls().subject()).contains("CN=localhost");
		assertThat(result.phases()).containsKeys(Phase.STARTTLS, Phase.TLS, Phase.AUTH, Phase.MAIL);
	}

	@Test
	void probeByIpAddressShouldPassHostNameVerification() {
		SmtpProbeResult result = probeDefaultServerAsDemo("127.0.0.1");
		assertThat(result.failure()).isNull();
	}

	/**
	 * Start the server with its default settings and probe it through {@code host} with
	 * the default demo credentials.
	 */
	private SmtpProbeResult probeDefaultServerAsDemo(String host) {
		this.server = EmbeddedSmtpServer.start(new EmbeddedSmtpProperties(), certificate);
		return probe(settings(host).credentials(SmtpCredentials.ofPassword("demo", "demo-password")));
	}

	@Test
	void probeWithConfiguredCredentialsShouldSucceedWithLogin() {
		EmbeddedSmtpProperties properties = new EmbeddedSmtpProperties();
		properties.setUsername("alice");
		properties.setPassword("s3cret");
		this.server = EmbeddedSmtpServer.start(properties, certificate);
		SmtpProbeResult result = probe(settings("localhost").credentials(SmtpCredentials.ofPassword("alice", "s3cret"))
			.authMechanism(AuthMechanism.LOGIN));
		assertThat(result.failure()).isNull();
		assertThat(result.authMechanism()).isEqualTo("LOGIN");
	}

	@Test
	void probeWithAWrongPasswordShouldBeRejectedAtAuth() {
		this.server = EmbeddedSmtpServer.start(new EmbeddedSmtpProperties(), certificate);
		SmtpProbeResult result = probe(settings("localhost").credentials(SmtpCredentials.ofPassword("demo", "wrong")));
		assertRejected(result, Phase.AUTH, 535);
	}

	@Test
	void probeWithoutAuthShouldBeRejectedAtMail() {
		this.server = EmbeddedSmtpServer.start(new EmbeddedSmtpProperties(), certificate);
		SmtpProbeResult result = probe(settings("localhost"));
		assertRejected(result, Phase.MAIL, 530);
	}

	@Test
	void probeWithoutStartTlsShouldBeRejectedAtMail() {
		this.server = EmbeddedSmtpServer.start(new EmbeddedSmtpProperties(), certificate);
		SmtpProbeResult result = probe(settings("localhost").security(Security.NONE));
		assertRejected(result, Phase.MAIL, 530);
		assertThat(result.capabilities()).contains("STARTTLS").noneMatch((line) -> line.startsWith("AUTH"));
	}

	@Test
	void greetingDelayShouldHoldTheGreetingBack() {
		EmbeddedSmtpProperties properties = new EmbeddedSmtpProperties();
		properties.setGreetingDelay(Duration.ofMillis(400));
		this.server = EmbeddedSmtpServer.start(properties, certificate);
		SmtpProbeResult result = probe(
				settings("localhost").credentials(SmtpCredentials.ofPassword("demo", "demo-password")));
		assertThat(result.failure()).isNull();
		// The delay starts when the server accepts the connection: all of it is inside
		// the total, most
		// of it in the greeting phase
		assertThat(result.total()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertThat(result.phases().get(Phase.GREETING)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	@Test
	void stopShouldEndWaitingSessionsCloseThePortAndEndEveryThread() throws IOException {
		Set<Thread> before = serverThreads();
		EmbeddedSmtpProperties properties = new EmbeddedSmtpProperties();
		properties.setGreetingDelay(Duration.ofMinutes(5));
		this.server = EmbeddedSmtpServer.start(properties, certificate);
		int port = this.server.port();
		try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
			client.setSoTimeout(30_000);
			InputStream input = client.getInputStream();
			long start = System.nanoTime();
			this.server.stop();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
			assertThat(readUntilClosed(input)).doesNotStartWith("220");
		}
		assertThat(this.server.isRunning()).isFalse();
		assertThatIOException().isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close());
		awaitThreadsEnded(before);
	}

	@Test
	void stopTwiceShouldDoNothingTheSecondTime() {
		this.server = EmbeddedSmtpServer.start(new EmbeddedSmtpProperties(), certificate);
		this.server.stop();
		this.server.stop();
		assertThat(this.server.isRunning()).isFalse();
	}

	/**
	 * Read what the server sends until it closes the connection, cleanly or with a reset.
	 */
	private static String readUntilClosed(InputStream input) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		try {
			input.transferTo(received);
		}
		catch (SocketException ex) {
			// Reset by the server: what arrived before still counts
		}
		return received.toString(StandardCharsets.US_ASCII);
	}

	private SmtpProbeSettings.Builder settings(String host) {
		return SmtpProbeSettings.builder(host)
			.port(this.server.port())
			.security(Security.STARTTLS)
			.tls(TlsSettings.trusting(certificate.trustManagers()))
			.timeout(Duration.ofSeconds(10));
	}

	private static void assertRejected(SmtpProbeResult result, Phase phase, int replyCode) {
		ProbeFailure failure = result.failure();
		assertThat(failure).isNotNull();
		assertThat(failure.phase()).isEqualTo(phase);
		assertThat(failure.replyCode()).isEqualTo(replyCode);
	}

	private static SmtpProbeResult probe(SmtpProbeSettings.Builder settings) {
		return new SmtpProbe(settings.build()).run();
	}

	/**
	 * A pool thread is still alive for a moment after the pool has terminated: poll, with
	 * a generous deadline.
	 */
	static void awaitThreadsEnded(Set<Thread> before) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!before.containsAll(serverThreads()) && System.nanoTime() < deadline) {
			Thread.onSpinWait();
			Thread.yield();
		}
		assertThat(serverThreads()).isSubsetOf(before);
	}

	static Set<Thread> serverThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("embedded-smtp-"))
			.collect(Collectors.toSet());
	}

}
