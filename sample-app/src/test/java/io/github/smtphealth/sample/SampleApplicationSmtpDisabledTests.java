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

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.json.JsonContent;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's readiness group names {@code smtp}; with the check switched off the
 * application must still start, and readiness answers without it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.health.smtp.enabled=false")
class SampleApplicationSmtpDisabledTests {

	private final ActuatorClient actuator;

	SampleApplicationSmtpDisabledTests(@LocalServerPort int port) {
		this.actuator = new ActuatorClient(port);
	}

	@Test
	void readinessWithTheCheckDisabledShouldBeUpWithoutSmtp() {
		JsonContent<Object> json = this.actuator.health("/actuator/health/readiness", 200, "UP");
		assertThat(json).doesNotHaveJsonPath("$.components.smtp");
	}

	@Test
	void smtpHealthWithTheCheckDisabledShouldBeNotFound() {
		assertThat(this.actuator.getJson("/actuator/health/smtp").status()).isEqualTo(404);
	}

}
