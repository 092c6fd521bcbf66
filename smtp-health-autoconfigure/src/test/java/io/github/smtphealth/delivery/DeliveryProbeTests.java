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

package io.github.smtphealth.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeliveryProbe} against GreenMail (SMTP and IMAP in this JVM): a round
 * trip and its clean-up, and each failure phase with a readable error that never shows
 * the IMAP password.
 */
class DeliveryProbeTests {

	private final GreenMailMailbox mailbox = new GreenMailMailbox();

	@AfterEach
	void stop() {
		this.mailbox.close();
	}

	@Test
	void deliveryShouldFindTheProbeMessageAndDeleteIt() {
		DeliveryResult result = this.mailbox.probe().run();
		assertThat(result.isSuccess()).as("%s", result).isTrue();
		assertThat(result.failedPhase()).isNull();
		assertThat(result.error()).isNull();
		assertThat(result.deliveryTime()).isPositive();
		assertThat(result.sentAt()).isAfterOrEqualTo(result.checkedAt());
		assertThat(result.receivedAt()).isAfterOrEqualTo(result.sentAt());
		assertThat(this.mailbox.subjects()).isEmpty();
	}

	@Test
	void deliveryShouldDeleteOlderProbesOfItsOriginAndNothingElse() throws Exception {
		Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
		this.mailbox.deliver("unrelated", Map.of(), anHourAgo);
		this.mailbox.deliver("left over", probeHeaders("11111111-1111-1111-1111-111111111111", GreenMailMailbox.ORIGIN),
				anHourAgo);
		this.mailbox.deliver("other application",
				probeHeaders("22222222-2222-2222-2222-222222222222", "other-app/default"), anHourAgo);
		this.mailbox.deliver("longer origin",
				probeHeaders("33333333-3333-3333-3333-333333333333", GreenMailMailbox.ORIGIN + "-2"), anHourAgo);
		this.mailbox.deliver("recent probe of a replica",
				probeHeaders("44444444-4444-4444-4444-444444444444", GreenMailMailbox.ORIGIN), Instant.now());
		DeliveryResult result = this.mailbox.probe().run();
		assertThat(result.isSuccess()).as("%s", result).isTrue();
		assertThat(this.mailbox.subjects()).containsExactlyInAnyOrder("unrelated", "other application", "longer origin",
				"recent probe of a replica");
	}

	@Test
	void deliveryWithWrongImapPasswordShouldFailInImapLoginWithoutSendingOrShowingThePassword() {
		String wrong = "wrong-Imap-Pass-99";
		DeliveryProbe probe = this.mailbox.probe(
				this.mailbox.settings(GreenMailMailbox.ADDRESS, Duration.ofSeconds(10), this.mailbox.imap(wrong)),
				this.mailbox.smtpPort());
		DeliveryResult result = probe.run();
		assertThat(result.failedPhase()).isEqualTo(DeliveryPhase.IMAP_LOGIN);
		assertThat(result.error()).startsWith("IMAP login as 'probes' failed")
			.doesNotContain(wrong)
			.doesNotContain(GreenMailMailbox.PASSWORD);
		assertThat(result.sentAt()).isNull();
		assertThat(this.mailbox.subjects()).isEmpty();
	}

	@Test
	void deliveryWhenImapPortIsClosedShouldFailInImapConnect() {
		GreenMailMailbox stopped = new GreenMailMailbox();
		ImapSettings imap = stopped.imap(GreenMailMailbox.PASSWORD);
		stopped.close();
		DeliveryResult result = this.mailbox
			.probe(this.mailbox.settings(GreenMailMailbox.ADDRESS, Duration.ofSeconds(10), imap),
					this.mailbox.smtpPort())
			.run();
		assertThat(result.failedPhase()).isEqualTo(DeliveryPhase.IMAP_CONNECT);
		assertThat(result.error()).startsWith("cannot connect to IMAP server 127.0.0.1:" + imap.port());
	}

	@Test
	void deliveryWhenFolderDoesNotExistShouldFailInSearch() {
		ImapSettings imap = this.mailbox.imap(GreenMailMailbox.PASSWORD);
		ImapSettings missing = new ImapSettings(imap.host(), imap.port(), imap.security(), imap.username(),
				imap.password(), "Probes", null);
		DeliveryResult result = this.mailbox
			.probe(this.mailbox.settings(GreenMailMailbox.ADDRESS, Duration.ofSeconds(10), missing),
					this.mailbox.smtpPort())
			.run();
		assertThat(result.failedPhase()).isEqualTo(DeliveryPhase.SEARCH);
		assertThat(result.error()).startsWith("cannot open folder 'Probes'");
	}

	@Test
	void deliveryWhenSmtpServerIsDownShouldFailInSmtpWithTheProbesReason() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		DeliveryResult result = this.mailbox
			.probe(this.mailbox.settings(GreenMailMailbox.ADDRESS, Duration.ofSeconds(10),
					this.mailbox.imap(GreenMailMailbox.PASSWORD)), closedPort)
			.run();
		assertThat(result.failedPhase()).isEqualTo(DeliveryPhase.SMTP);
		assertThat(result.error()).startsWith("sending the probe message failed in connect: ");
		assertThat(result.sentAt()).isNull();
	}

	@Test
	void deliveryWhenMessageGoesElsewhereShouldTimeOut() {
		Duration timeout = Duration.ofSeconds(2);
		DeliveryResult result = this.mailbox
			.probe(this.mailbox.settings("elsewhere@localhost", timeout, this.mailbox.imap(GreenMailMailbox.PASSWORD)),
					this.mailbox.smtpPort())
			.run();
		assertThat(result.failedPhase()).isEqualTo(DeliveryPhase.TIMEOUT);
		assertThat(result.error()).isEqualTo("the probe message did not arrive in 'INBOX' within PT2S");
		assertThat(result.sentAt()).isNotNull();
		assertThat(result.receivedAt()).isNull();
		// Generous bound for a loaded machine: the wait for arrival is 2 s.
		assertThat(result.total()).isGreaterThanOrEqualTo(timeout).isLessThan(timeout.plusSeconds(10));
	}

	private static Map<String, String> probeHeaders(String token, String origin) {
		return Map.of(DeliveryProbe.TOKEN_HEADER, token, DeliveryProbe.ORIGIN_HEADER, origin);
	}

}
