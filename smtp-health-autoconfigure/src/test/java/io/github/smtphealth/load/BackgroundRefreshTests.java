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

package io.github.smtphealth.load;

import java.time.Duration;

import io.github.smtphealth.autoconfigure.ApplicationReady;
import io.github.smtphealth.autoconfigure.SmtpHealthContributorAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Background refresh through two outages: the SMTP server first hangs (stops accepting,
 * drops its connections) and recovers, then dies (stops listening) and comes back on the
 * same port. The health indicator, which only ever serves the last background result,
 * follows each change within one interval, plus the time of the probe that was running
 * when it happened, plus a margin.
 */
class BackgroundRefreshTests {

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	private static final Duration MARGIN = Duration.ofSeconds(1);

	private static final Duration BOUND = INTERVAL.plus(TIMEOUT).plus(MARGIN);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SmtpHealthContributorAutoConfiguration.class));

	@Test
	void healthInBackgroundModeWhenServerGoesDownAndComesBackShouldFollowWithinOneInterval() {
		try (LoopbackSmtpServer server = new LoopbackSmtpServer(2)) {
			this.contextRunner
				.withPropertyValues("smtp.check.host=127.0.0.1", "smtp.check.port=" + server.port(),
						"smtp.check.refresh=background", "smtp.check.interval=" + INTERVAL.toMillis() + "ms",
						"smtp.check.timeout=" + TIMEOUT.toMillis() + "ms")
				.run((context) -> {
					HealthIndicator indicator = context.getBean("smtpHealthContributor", HealthIndicator.class);
					ApplicationReady.publish(context);
					Duration firstUp = awaitStatus(indicator, Status.UP);
					server.stopAccepting();
					Duration hungToDown = awaitStatus(indicator, Status.DOWN);
					String hungReason = error(indicator);
					server.startAccepting();
					Duration hungToUp = awaitStatus(indicator, Status.UP);
					server.down();
					Duration deadToDown = awaitStatus(indicator, Status.DOWN);
					String deadReason = error(indicator);
					server.up();
					Duration deadToUp = awaitStatus(indicator, Status.UP);
					new LoadFigures("2-background-outage", "Background refresh through outages",
							"Refresh mode background, interval " + INTERVAL.toMillis() + " ms, timeout "
									+ TIMEOUT.toMillis() + " ms. The SMTP server hangs (stops accepting, drops its "
									+ "connections) and recovers, then dies (stops listening) and listens again on "
									+ "the same port. Asserted: the health status follows each change within "
									+ "interval + timeout + 1 s (" + BOUND.toMillis() + " ms).")
						.put("First UP after start", Timings.millis(firstUp))
						.put("Server hangs: to DOWN", Timings.millis(hungToDown))
						.put("Server hangs: DOWN reason", "`" + hungReason + "`")
						.put("Server recovers: to UP", Timings.millis(hungToUp))
						.put("Server dies: to DOWN", Timings.millis(deadToDown))
						.put("Server dies: DOWN reason", "`" + deadReason + "`")
						.put("Server comes back: to UP", Timings.millis(deadToUp))
						.put("SMTP connections in all", server.connectionCount())
						.write();
					assertThat(hungToDown).isLessThanOrEqualTo(BOUND);
					assertThat(hungToUp).isLessThanOrEqualTo(BOUND);
					assertThat(deadToDown).isLessThanOrEqualTo(BOUND);
					assertThat(deadToUp).isLessThanOrEqualTo(BOUND);
				});
		}
	}

	private static String error(HealthIndicator indicator) {
		return String.valueOf(indicator.health().getDetails().get("error"));
	}

	private static Duration awaitStatus(HealthIndicator indicator, Status status) {
		long start = System.nanoTime();
		await().atMost(BOUND)
			.pollInterval(Duration.ofMillis(20))
			.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(status));
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
