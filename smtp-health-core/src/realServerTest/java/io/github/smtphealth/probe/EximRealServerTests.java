package io.github.smtphealth.probe;

import io.github.smtphealth.lab.SmtpLab;
import org.junit.jupiter.api.Test;

import static io.github.smtphealth.lab.LabListener.EXIM_STARTTLS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SmtpProbe} against what only the lab's Exim 4 (heavy daemon) does: it advertises
 * {@code PIPECONNECT} and answers {@code QUIT} late. What every server does (STARTTLS, implicit TLS with
 * {@code tls_on_connect_ports}, AUTH mechanisms, unknown recipient) is in {@link LabServersRealServerTests}.
 */
class EximRealServerTests {

	private final SmtpLab lab = SmtpLab.get();

	@Test
	void probeWithoutTlsShouldSeePipeConnectAndGetTheLateQuitReply() {
		SmtpProbeResult result = LabProbes
			.run(LabProbes.settings(this.lab, EXIM_STARTTLS, this.lab.host4()).security(Security.NONE));
		assertThat(result.failure()).isNull();
		assertThat(result.capabilities()).contains("STARTTLS", "PIPECONNECT")
			.noneMatch((line) -> line.startsWith("AUTH"));
		assertThat(result.quitProblem()).isNull();
	}

}
