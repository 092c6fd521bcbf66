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

import java.time.Duration;
import java.time.Instant;

import com.jayway.jsonpath.JsonPath;
import io.github.smtphealth.sample.embedded.EmbeddedSmtpServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.json.JsonContent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server stopped under a running application: the check is DOWN, which is
 * HTTP 503 on the health and readiness endpoints, while liveness stays UP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "smtp.check.cache-ttl=0")
@DirtiesContext
class SampleApplicationStoppedServerTests {

	private final ActuatorClient actuator;

	private final EmbeddedSmtpServer embeddedSmtpServer;

	private final Instant stoppedAt;

	SampleApplicationStoppedServerTests(@LocalServerPort int port, @Autowired EmbeddedSmtpServer embeddedSmtpServer) {
		this.actuator = new ActuatorClient(port);
		this.embeddedSmtpServer = embeddedSmtpServer;
		// Every test starts with the server stopped under the running application.
		embeddedSmtpServer.stop();
		this.stoppedAt = Instant.now();
	}

	private boolean startedBeforeStop(JsonContent<Object> json) {
		if (!json.getJson().contains("\"checkedAt\"")) {
			return true;
		}
		String checkedAt = JsonPath.read(json.getJson(), "$.details.checkedAt");
		return Instant.parse(checkedAt).isBefore(this.stoppedAt);
	}

	@Test
	void smtpHealthWhenServerIsStoppedShouldBeDownWithHttp503() throws InterruptedException {
		JsonContent<Object> json = this.actuator.health("/actuator/health/smtp", 503, "DOWN");
		// A probe the application started before the server stopped may end in any phase;
		// wait (10 s at
		// most, generous on a loaded machine) for one that started after it.
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (startedBeforeStop(json) && System.nanoTime() < deadline) {
			Thread.sleep(100);
			json = this.actuator.health("/actuator/health/smtp", 503, "DOWN");
		}
		assertThat(json).extractingJsonPathStringValue("$.details.failedPhase").isEqualTo("connect");
		assertThat(json).extractingJsonPathStringValue("$.details.error").isNotEmpty();
		assertThat(json).extractingJsonPathNumberValue("$.details.port").isEqualTo(this.embeddedSmtpServer.port());
	}

	@Test
	void healthAndReadinessWhenServerIsStoppedShouldBeDownWithHttp503() {
		this.actuator.assertHealthAndReadiness(503, "DOWN");
	}

	@Test
	void livenessWhenServerIsStoppedShouldStayUp() {
		this.actuator.health("/actuator/health/liveness", 200, "UP");
	}

	@Test
	void prometheusWhenServerIsStoppedShouldReportItDown() {
		assertThat(this.actuator.prometheusAfterSmtpHealth(503, "DOWN"))
			.contains("smtp_check_up{server=\"default\"} 0.0")
			.containsPattern("smtp_check_phase_seconds_count\\{outcome=\"failure\",phase=\"connect\",[^}]*\\} [1-9]");
	}

}
