package io.github.smtphealth.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
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
			.flatMap((listener) -> lab.authMechanisms(listener)
				.stream()
				.map((mechanism) -> Arguments.of(listener, mechanism)));
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
