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

package io.github.smtphealth.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import io.github.smtphealth.lab.LabImapListener;
import io.github.smtphealth.lab.SmtpLab;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.HeaderTerm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.json.BasicJsonTester;
import org.springframework.boot.test.json.JsonContent;

import static io.github.smtphealth.lab.LabListener.POSTFIX_STARTTLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The delivery check end to end against the SMTP lab, through the sample application's jar and real
 * HTTP: probe messages sent every 5 s through Postfix (STARTTLS and AUTH), delivered by Postfix to
 * Dovecot LMTP, read back from Dovecot IMAP (STARTTLS, the lab certificate trusted through the SMTP
 * server's SSL bundle) and deleted. A second instance with a wrong IMAP password (over IMAPS) runs at
 * the same time. The 5 s interval needs the test-only system property that lifts the 1 minute floor.
 */
class DeliveryRealServerTests {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final String WRONG_PASSWORD = "wrong-Imap-" + UUID.randomUUID().toString().substring(0, 8);

	private final SmtpLab lab = SmtpLab.get();

	private final BasicJsonTester json = new BasicJsonTester(getClass());

	@TempDir
	Path directory;

	@Test
	void deliveryThroughPostfixLmtpAndImapShouldBeUpLeaveNoProbeAndReportMetrics() throws Exception {
		String good = "delivery-good-" + UUID.randomUUID().toString().substring(0, 8);
		String bad = "delivery-bad-" + UUID.randomUUID().toString().substring(0, 8);
		try (SampleAppProcess goodApp = start(good, LabImapListener.DOVECOT_IMAP, this.lab.password());
				SampleAppProcess badApp = start(bad, LabImapListener.DOVECOT_IMAPS, WRONG_PASSWORD)) {
			goodApp.awaitHttp();
			badApp.awaitHttp();
			JsonContent<Object> up = awaitStatus(goodApp, "UP");
			assertThat(up).extractingJsonPathNumberValue("$.details.deliveryTimeMs")
				.satisfies((millis) -> assertThat(millis.longValue()).isPositive());
			assertThat(up).hasJsonPath("$.details.sentAt").hasJsonPath("$.details.receivedAt");
			assertThat(up).doesNotHaveJsonPath("$.details.failedPhase");
			awaitCyclesThenAssertNoProbeLeft(goodApp, good + "/default", 3);
			String prometheus = goodApp.get("/actuator/prometheus", "text/plain").body();
			assertThat(prometheus).containsPattern(
					"smtp_delivery_seconds_count\\{[^}]*outcome=\"success\"[^}]*server=\"default\"[^}]*\\} [1-9]");
			assertThat(prometheus).containsPattern("smtp_delivery_up\\{[^}]*server=\"default\"[^}]*\\} 1");

			JsonContent<Object> down = awaitStatus(badApp, "DOWN");
			assertThat(down).extractingJsonPathStringValue("$.details.failedPhase").isEqualTo("imap-login");
			assertThat(down).extractingJsonPathStringValue("$.details.error").startsWith("IMAP login as '");
			assertThat(badApp.get("/actuator/health/smtpDelivery").statusCode()).isEqualTo(503);
			for (String path : List.of("/actuator/health", "/actuator/health/smtpDelivery", "/actuator/env",
					"/actuator/configprops")) {
				assertThat(badApp.get(path).body()).as(path).doesNotContain(WRONG_PASSWORD);
			}
			assertThat(badApp.get("/actuator/prometheus", "text/plain").body()).contains("smtp_delivery_up")
				.doesNotContain(WRONG_PASSWORD);
			assertThat(badApp.get("/actuator/env", "application/json").body())
				.contains("smtp.check.delivery.imap.password");
			assertThat(badApp.output()).as("the application's log").doesNotContain(WRONG_PASSWORD);
			assertThat(goodApp.output()).as("the application's log").doesNotContain(this.lab.password());
		}
	}

	private SampleAppProcess start(String name, LabImapListener imap, String imapPassword) throws IOException {
		List<String> arguments = new ArrayList<>(List.of("--sample.embedded-smtp.enabled=false", "--server.port=0",
				"--spring.application.name=" + name, "--smtp.check.host=localhost",
				"--smtp.check.port=" + this.lab.port(POSTFIX_STARTTLS), "--smtp.check.security=starttls",
				"--smtp.check.auth.username=" + this.lab.user(), "--smtp.check.auth.password=" + this.lab.password(),
				"--" + this.lab.sslBundleProperty("lab"), "--smtp.check.tls.bundle=lab",
				"--smtp.check.warning=5s", "--smtp.check.mail-from=health@localhost",
				"--smtp.check.delivery.enabled=true", "--smtp.check.delivery.to=" + this.lab.mailbox(),
				"--smtp.check.delivery.interval=5s", "--smtp.check.delivery.timeout=30s",
				"--smtp.check.delivery.imap.host=localhost", "--smtp.check.delivery.imap.port=" + this.lab.port(imap),
				"--smtp.check.delivery.imap.security=" + imap.security(),
				"--smtp.check.delivery.imap.username=" + this.lab.user(),
				"--smtp.check.delivery.imap.password=" + imapPassword,
				"--management.endpoints.web.exposure.include=health,prometheus,env,configprops",
				"--management.endpoint.env.show-values=always", "--management.endpoint.configprops.show-values=always",
				"--management.endpoint.health.show-details=always"));
		return SampleAppProcess.start(this.directory.resolve(name + ".log"),
				List.of("-Dsmtp-health.delivery.allow-short-interval=true"), arguments);
	}

	private JsonContent<Object> awaitStatus(SampleAppProcess app, String status)
			throws IOException, InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		String body = "";
		while (System.nanoTime() < deadline) {
			body = app.get("/actuator/health/smtpDelivery").body();
			JsonContent<Object> content = this.json.from(body);
			if (body.contains("\"status\":\"" + status + "\"")) {
				return content;
			}
			Thread.sleep(250);
		}
		return fail("smtpDelivery did not become " + status + " within " + WAIT.toSeconds() + " s: " + body + "\n"
				+ app.tail());
	}

	/**
	 * Watch checkedAt change until the given number of checks have finished, then look into the mailbox
	 * at once: the next check sends its message only 5 s later.
	 */
	private void awaitCyclesThenAssertNoProbeLeft(SampleAppProcess app, String origin, int cycles)
			throws IOException, MessagingException, InterruptedException {
		Set<String> seen = new LinkedHashSet<>();
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (seen.size() < cycles + 1) {
			assertThat(System.nanoTime()).as("%s checks within %s s (seen %s)", cycles, WAIT.toSeconds(), seen)
				.isLessThan(deadline);
			JsonContent<Object> content = this.json.from(app.get("/actuator/health/smtpDelivery").body());
			assertThat(content).extractingJsonPathStringValue("$.status").isEqualTo("UP");
			if (seen.add(content.getJson().replaceAll(".*\"checkedAt\":\"([^\"]+)\".*", "$1"))) {
				continue;
			}
			Thread.sleep(100);
		}
		assertThat(probeMessages(origin)).as("probe messages of %s left in INBOX", origin).isZero();
	}

	private int probeMessages(String origin) throws MessagingException {
		Properties properties = new Properties();
		properties.setProperty("mail.imaps.ssl.trust", "localhost");
		properties.setProperty("mail.imaps.ssl.checkserveridentity", "false");
		Store store = Session.getInstance(properties).getStore("imaps");
		store.connect("localhost", this.lab.port(LabImapListener.DOVECOT_IMAPS), this.lab.user(), this.lab.password());
		try {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			// Expunged, not just flagged \Deleted: Dovecot has UIDPLUS.
			int count = inbox.search(new HeaderTerm("X-Smtp-Health-Origin", origin)).length;
			inbox.close(false);
			return count;
		}
		finally {
			store.close();
		}
	}

}
