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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.smtphealth.check.CheckStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DeliveryCheck} (the verdict by the thresholds) and
 * {@link DeliveryChecks} (the schedule and its threads), against GreenMail.
 */
class DeliveryChecksTests {

	private static final String THREAD_PREFIX = "delivery-checks-test-";

	private final GreenMailMailbox mailbox = new GreenMailMailbox();

	private final List<DeliveryOutcome> outcomes = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.mailbox.close();
	}

	@Test
	void checkOverTheWarningShouldBeDegradedAndOverTheCriticalDown() {
		assertThat(check(Duration.ofNanos(1), null).run().verdict().status()).isEqualTo(CheckStatus.DEGRADED);
		DeliveryOutcome down = check(null, Duration.ofNanos(1)).run();
		assertThat(down.verdict().status()).isEqualTo(CheckStatus.DOWN);
		assertThat(down.verdict().reason()).startsWith("delivery took ").contains("more than the critical 0 ms");
		assertThat(check(Duration.ofMinutes(1), Duration.ofMinutes(2)).run().verdict().status())
			.isEqualTo(CheckStatus.UP);
		assertThat(this.outcomes).hasSize(3);
	}

	@Test
	void scheduleShouldRunOnlyAfterStartProbingAndStopWithoutLeavingAThread() {
		DeliveryCheck check = check(null, null);
		DeliveryChecks checks = new DeliveryChecks(List.of(check), namedThreads());
		checks.start();
		try {
			assertThat(checks.isRunning()).isTrue();
			assertThat(check.latest()).isNull();
			checks.startProbing();
			// Generous bound for a loaded machine; a GreenMail round trip takes
			// milliseconds.
			await().atMost(Duration.ofSeconds(30)).until(() -> check.latest() != null);
			assertThat(check.latest().verdict().status()).isEqualTo(CheckStatus.UP);
		}
		finally {
			checks.stop();
		}
		assertThat(checks.isRunning()).isFalse();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Thread.getAllStackTraces()
				.keySet()
				.stream()
				.noneMatch((thread) -> thread.getName().startsWith(THREAD_PREFIX)));
		assertThat(this.outcomes).hasSize(1);
	}

	private DeliveryCheck check(Duration warning, Duration critical) {
		DeliverySettings base = this.mailbox.settings(GreenMailMailbox.ADDRESS, Duration.ofSeconds(10),
				this.mailbox.imap(GreenMailMailbox.PASSWORD));
		DeliverySettings settings = new DeliverySettings(base.serverName(), base.origin(), base.to(),
				Duration.ofMinutes(1), base.timeout(), warning, critical, base.imap());
		return new DeliveryCheck(this.mailbox.probe(settings, this.mailbox.smtpPort()), this.outcomes::add);
	}

	private static ThreadFactory namedThreads() {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, THREAD_PREFIX + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
