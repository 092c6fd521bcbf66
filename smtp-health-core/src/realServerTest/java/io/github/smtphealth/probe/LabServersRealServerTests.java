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

import java.util.Objects;
import java.util.stream.Stream;

import io.github.smtphealth.lab.LabListener;
import io.github.smtphealth.lab.SmtpLab;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.smtphealth.lab.LabListener.EXIM_STARTTLS;
import static io.github.smtphealth.lab.LabListener.OPENSMTPD_STARTTLS;
import static io.github.smtphealth.lab.LabListener.POSTFIX_PLAIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SmtpProbe} that every lab server must pass the same way: STARTTLS with AUTH and a
 * recipient, implicit TLS, each advertised AUTH mechanism, the advertised mechanisms themselves, and an
 * unknown recipient. What only one server does is in its own {@code *RealServerTests} class.
 */
class LabServersRealServerTests {

	private final SmtpLab lab = SmtpLab.get();

	/**
	 * Every server on every loopback address.
	 */
	static Stream<Arguments> serversOnLoopbacks() {
		return onLoopbacks(LabServer.all().stream());
	}

	/**
	 * Every server with an implicit-TLS listener, on every loopback address.
	 */
	static Stream<Arguments> smtpsServersOnLoopbacks() {
		return onLoopbacks(LabServer.all().stream().filter((server) -> server.smtps() != null));
	}

	/**
	 * Every server that offers no AUTH before TLS: all but Dovecot submission.
	 */
	static Stream<LabServer> serversWithoutAuthBeforeTls() {
		return Stream.of(LabServer.POSTFIX, LabServer.EXIM, LabServer.OPENSMTPD);
	}

	/**
	 * {@code (listener, mechanism)} for every mechanism each server advertises.
	 */
	static Stream<Arguments> mechanisms() {
		return LabServer.all().stream()
			.flatMap((server) -> LabProbes.advertisedMechanisms(server.authenticating().toArray(LabListener[]::new)));
	}

	/**
	 * {@code (probe, what the rejection says)} with an unknown recipient, for each server that can be
	 * asked for one (without AUTH, or with it where the server relays only for its users).
	 */
	static Stream<Arguments> unknownRecipientProbes() {
		SmtpLab lab = SmtpLab.get();
		return Stream.of(
				Arguments.of(Named.of("Postfix plain", LabProbes.settings(lab, POSTFIX_PLAIN, lab.host4())),
						LabProbes.unknownRecipient()),
				Arguments.of(Named.of("Exim STARTTLS with AUTH",
						LabProbes.settings(lab, EXIM_STARTTLS, lab.host4()).credentials(LabProbes.credentials(lab))),
						"relay not permitted"),
				Arguments.of(Named.of("OpenSMTPD without TLS",
						LabProbes.settings(lab, OPENSMTPD_STARTTLS, lab.host4()).security(Security.NONE)),
						LabProbes.unknownRecipient()));
	}

	private static Stream<Arguments> onLoopbacks(Stream<LabServer> servers) {
		return servers.flatMap((server) -> SmtpLab.get().hosts().stream().map((host) -> Arguments.of(server, host)));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("serversOnLoopbacks")
	void probeWithStartTlsAuthAndRecipientShouldSucceed(LabServer server, String host) {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, server.startTls(), host)
			.credentials(LabProbes.credentials(this.lab))
			.rcptTo(LabProbes.recipient(this.lab)));
		LabProbes.assertSucceededOverTls(result, host);
		assertThat(result.greeting()).startsWith("220 ").contains(server.name());
		assertThat(result.authMechanism())
			.isEqualTo(LabProbes.autoMechanism(LabProbes.authMechanisms(this.lab, server.startTls())));
		assertThat(result.phases()).containsKeys(Phase.STARTTLS, Phase.TLS, Phase.AUTH, Phase.MAIL, Phase.RCPT,
				Phase.RSET, Phase.QUIT);
		assertThat(result.capabilities()).as("capabilities from the EHLO after STARTTLS")
			.doesNotContain("STARTTLS")
			.anyMatch((line) -> line.startsWith("AUTH "));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("smtpsServersOnLoopbacks")
	void probeWithSmtpsAndAuthShouldSucceed(LabServer server, String host) {
		LabListener smtps = Objects.requireNonNull(server.smtps());
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, smtps, host).credentials(LabProbes.credentials(this.lab)));
		LabProbes.assertSucceededOverTls(result, host);
		assertThat(result.phases()).containsKeys(Phase.TLS, Phase.AUTH).doesNotContainKey(Phase.STARTTLS);
		assertThat(result.authMechanism()).isNotNull();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("serversWithoutAuthBeforeTls")
	void probeWithoutTlsShouldSeeStartTlsButNoAuth(LabServer server) {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, server.startTls(), this.lab.host4()).security(Security.NONE));
		assertThat(result.failure()).isNull();
		assertThat(result.capabilities()).contains("STARTTLS").noneMatch((line) -> line.startsWith("AUTH"));
		assertThat(result.quitProblem()).isNull();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("mechanisms")
	void probeWithEachAdvertisedMechanismShouldAuthenticate(LabListener listener, AuthMechanism mechanism) {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, listener, this.lab.host4())
			.credentials(LabProbes.credentials(this.lab))
			.authMechanism(mechanism)
			.rcptTo(LabProbes.recipient(this.lab)));
		LabProbes.assertSucceededOverTls(result, this.lab.host4());
		assertThat(result.authMechanism()).isEqualTo(mechanism.saslName());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.github.smtphealth.probe.LabServer#all")
	void advertisedAuthMechanismsShouldBeThoseOfLabEnvAndThoseTheIssueAsksFor(LabServer server) {
		SmtpProbeResult result = LabProbes.run(LabProbes.settings(this.lab, server.advertising(), this.lab.host4())
			.credentials(LabProbes.credentials(this.lab)));
		assertThat(result.failure()).isNull();
		assertThat(LabProbes.advertisedAuthMechanisms(result))
			.containsExactlyElementsOf(this.lab.authMechanismNames(server.advertising()))
			.containsAll(server.requiredMechanisms());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unknownRecipientProbes")
	void probeWithUnknownRecipientShouldFailInPhaseRcpt(SmtpProbeSettings.Builder settings, String rejection) {
		SmtpProbeResult result = LabProbes.run(settings.rcptTo(LabProbes.unknownRecipient()));
		ProbeFailure failure = LabProbes.failure(result, Phase.RCPT, FailureKind.REJECTED);
		assertThat(failure.replyCode()).isEqualTo(550);
		assertThat(failure.reason()).startsWith("RCPT TO rejected: 550").contains(rejection);
	}

}
