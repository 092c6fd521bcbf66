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

package io.github.smtphealth.autoconfigure;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import static org.awaitility.Awaitility.await;

/**
 * Asks an auto-configured indicator until its first check has finished. A request waits
 * for the first probe at most 0.8 s after it started, and a cold TLS handshake on a
 * loaded machine can take longer: a test about the verdict itself asks again instead of
 * reading the pending answer.
 */
public final class FirstVerdict {

	private static final Duration WITHIN = Duration.ofSeconds(15);

	private FirstVerdict() {
	}

	/**
	 * Return the first health that is not the "first check still running" answer.
	 * @param indicator the indicator
	 * @return the health with a verdict
	 */
	public static Health of(HealthIndicator indicator) {
		Health[] health = new Health[1];
		await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> {
			health[0] = indicator.health();
			return !String.valueOf(health[0].getDetails().get("reason")).startsWith("no result yet");
		});
		return health[0];
	}

}
