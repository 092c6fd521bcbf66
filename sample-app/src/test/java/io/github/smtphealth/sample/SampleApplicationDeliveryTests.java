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

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.json.JsonContent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as started with {@code --sample.embedded-smtp.delivery=true}: the delivery
 * check sends its probe through the embedded SMTP server (STARTTLS, AUTH) and reads it
 * back from the embedded GreenMail IMAP mailbox, seen through real HTTP calls.
 */
class SampleApplicationDeliveryTests {

	@Test
	void smtpDeliveryShouldBecomeUpWithADeliveryTime() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.run("--server.port=0", "--sample.embedded-smtp.delivery=true", "--smtp.check.warning=5s")) {
			ActuatorClient actuator = new ActuatorClient(
					((WebServerApplicationContext) context).getWebServer().getPort());
			// The first check runs once the application is ready; generous for a loaded
			// machine.
			await().atMost(Duration.ofSeconds(60))
				.until(() -> actuator.getJson("/actuator/health/smtpDelivery").body().contains("\"status\":\"UP\""));
			JsonContent<Object> json = actuator.health("/actuator/health/smtpDelivery", 200, "UP");
			assertThat(json).extractingJsonPathNumberValue("$.details.deliveryTimeMs")
				.satisfies((millis) -> assertThat(millis.longValue()).isPositive());
			assertThat(json).extractingJsonPathStringValue("$.details.to").isEqualTo("probes@localhost");
			assertThat(json).doesNotHaveJsonPath("$.details.failedPhase");
			assertThat(actuator.getJson("/actuator/health/readiness").body()).doesNotContain("smtpDelivery");
		}
	}

}
