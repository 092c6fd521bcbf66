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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.github.smtphealth.lab.LabListener;
import io.github.smtphealth.lab.SmtpLab;
import org.junit.jupiter.params.provider.Arguments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Running the probe against the SMTP lab, and reading what it found.
 */
final class LabProbes {

	private LabProbes() {
	}

	/**
	 * Probe settings for a listener: its port, the security it is meant for, LMTP for Dovecot LMTP, the
	 * lab certificate trusted, {@link SmtpLab#HELO_NAME} and {@link SmtpLab#PROBE_TIMEOUT}. No
	 * credentials.
	 */
	static SmtpProbeSettings.Builder settings(SmtpLab lab, LabListener listener, String host) {
		return SmtpProbeSettings.builder(host)
			.port(lab.port(listener))
			.security(Security.valueOf(listener.security().toUpperCase(Locale.ROOT)))
			.lmtp(listener.lmtp())
			.heloName(SmtpLab.HELO_NAME)
			.timeout(SmtpLab.PROBE_TIMEOUT)
			.tls(trustingLabCertificate(lab));
	}

	/**
	 * Both loopback addresses, for {@code @MethodSource("io.github.smtphealth.probe.LabProbes#loopbacks")}.
	 */
	static List<String> loopbacks() {
		return SmtpLab.get().hosts();
	}

	/**
	 * Probe settings for a listener, without TLS, with the test user's credentials and plaintext AUTH
	 * explicitly allowed.
	 */
	static SmtpProbeSettings.Builder plaintextAuthAllowed(SmtpLab lab, LabListener listener) {
		return withCredentials(lab, listener, Security.NONE).allowPlaintextAuth(true);
	}

	/**
	 * Probe settings for a listener on IPv4 with the test user's credentials and the given security,
	 * which need not be the one the listener is meant for.
	 */
	static SmtpProbeSettings.Builder withCredentials(SmtpLab lab, LabListener listener, Security security) {
		return settings(lab, listener, lab.host4()).security(security).credentials(credentials(lab));
	}

	/**
	 * The test user's credentials, valid on every listener that offers AUTH.
	 */
	static SmtpCredentials credentials(SmtpLab lab) {
		return SmtpCredentials.ofPassword(lab.user(), lab.password());
	}

	/**
	 * The AUTH mechanisms a listener's server advertises after TLS, as {@code start.sh} read them from
	 * its EHLO reply, limited to those the probe knows, in the server's order.
	 */
	static List<AuthMechanism> authMechanisms(SmtpLab lab, LabListener listener) {
		List<AuthMechanism> mechanisms = new ArrayList<>();
		for (String name : lab.authMechanismNames(listener)) {
			Arrays.stream(AuthMechanism.values())
				.filter((mechanism) -> name.strip().equalsIgnoreCase(mechanism.saslName()))
				.findFirst()
				.ifPresent(mechanisms::add);
		}
		return mechanisms;
	}

	/**
	 * TLS settings that trust the lab's certificate (and nothing else), verifying chain and host name.
	 */
	static TlsSettings trustingLabCertificate(SmtpLab lab) {
		return TlsSettings.trusting(lab.trustManagers());
	}

	static SmtpProbeResult run(SmtpProbeSettings.Builder settings) {
		return new SmtpProbe(settings.build()).run();
	}

	/**
	 * The recipient every lab server accepts.
	 */
	static String recipient(SmtpLab lab) {
		return lab.user() + "@localhost";
	}

	/**
	 * A local recipient no lab server knows.
	 */
	static String unknownRecipient() {
		return "nobody@localhost";
	}

	/**
	 * The address the probe connected to, to tell IPv4 from IPv6 whatever its text form.
	 */
	static InetAddress remoteAddress(SmtpProbeResult result) {
		String address = String.valueOf(result.remoteAddress());
		String host = address.substring(0, address.lastIndexOf(':'));
		try {
			return InetAddress.getByName(host.replace("[", "").replace("]", ""));
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("Not an IP address: " + address, ex);
		}
	}

	static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("Not an IP address: " + literal, ex);
		}
	}

	/**
	 * The AUTH mechanisms of the EHLO reply the probe kept (the one after STARTTLS when it ran).
	 */
	static List<String> advertisedAuthMechanisms(SmtpProbeResult result) {
		return result.capabilities()
			.stream()
			.filter((line) -> line.toUpperCase(Locale.ROOT).startsWith("AUTH "))
			.flatMap((line) -> Arrays.stream(line.substring(5).strip().split(" +")))
			.toList();
	}

	/**
	 * The mechanism {@link AuthMechanism#AUTO} must pick among those a server offers.
	 */
	static String autoMechanism(List<AuthMechanism> offered) {
		return AuthMechanism.AUTO_PREFERENCE.stream()
			.filter(offered::contains)
			.map(AuthMechanism::saslName)
			.map(String::valueOf)
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Arguments {@code (listener, mechanism)} for every mechanism the listener's server advertises.
	 */
	static Stream<Arguments> advertisedMechanisms(LabListener... listeners) {
		SmtpLab lab = SmtpLab.get();
		return Arrays.stream(listeners)
			.flatMap((listener) -> authMechanisms(lab, listener)
				.stream()
				.map((mechanism) -> Arguments.of(listener, mechanism)));
	}

	/**
	 * Assert that a probe failed in the given phase, with the given kind of failure.
	 * @return the failure, for what else the test asserts of it
	 */
	static ProbeFailure failure(SmtpProbeResult result, Phase phase, FailureKind kind) {
		ProbeFailure failure = result.failure();
		assertThat(failure).as("failure of %s", result).isNotNull();
		assertThat(failure.phase()).as("phase of %s", failure).isEqualTo(phase);
		assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(kind);
		return failure;
	}

	/**
	 * Assert a successful probe over TLS with the lab's certificate, to the given address.
	 */
	static void assertSucceededOverTls(SmtpProbeResult result, String host) {
		assertThat(result.failure()).isNull();
		assertThat(remoteAddress(result)).isEqualTo(address(host));
		TlsInfo tls = result.tls();
		assertThat(tls).isNotNull();
		assertThat(tls.protocol()).startsWith("TLSv1.");
		assertThat(tls.subject()).contains("CN=localhost");
		assertThat(result.quitProblem()).isNull();
	}

}
