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

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.json.JsonContent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo switch: an embedded server that greets later than the warning threshold makes
 * the check DEGRADED, which is still HTTP 200 and still ready.
 */
@TestPropertySource(
		properties = { "sample.embedded-smtp.greeting-delay=1s", "smtp.check.warning=300ms", "smtp.check.cache-ttl=0" })
class SampleApplicationSlowServerTests extends FirstVerdictSampleTests {

	SampleApplicationSlowServerTests(@LocalServerPort int port) {
		super(port);
	}

	@Test
	void smtpHealthWhenGreetingIsSlowerThanWarningShouldBeDegradedWithHttp200() {
		JsonContent<Object> json = this.actuator.health("/actuator/health/smtp", 200, "DEGRADED");
		assertThat(json).extractingJsonPathStringValue("$.details.reason").contains("warning threshold of 300 ms");
		// The server's delay starts when it accepts the connection, so it is all inside
		// the total
		assertThat(json).extractingJsonPathNumberValue("$.details.responseTimeMs")
			.satisfies((millis) -> assertThat(millis.longValue()).isGreaterThanOrEqualTo(1000));
		assertThat(json).extractingJsonPathStringValue("$.details.authMechanism").isEqualTo("PLAIN");
	}

	@Test
	void healthAndReadinessWhenSmtpIsDegradedShouldBeDegradedWithHttp200() {
		this.actuator.assertHealthAndReadiness(200, "DEGRADED");
	}

	@Test
	void prometheusWhenSmtpIsDegradedShouldCountDegradedProbes() {
		assertThat(this.actuator.prometheusAfterSmtpHealth(200, "DEGRADED"))
			.contains("smtp_check_up{server=\"default\"} 1.0")
			.containsPattern("smtp_check_seconds_count\\{[^}]*status=\"degraded\"[^}]*\\} [1-9]");
	}

}
