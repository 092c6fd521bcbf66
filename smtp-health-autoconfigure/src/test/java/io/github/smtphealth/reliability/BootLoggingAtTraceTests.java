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

package io.github.smtphealth.reliability;

import java.time.Duration;

import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.smtphealth.reliability.Scripts.ehlo;
import static io.github.smtphealth.reliability.Scripts.greet;
import static io.github.smtphealth.reliability.Scripts.of;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application as a user runs it, with {@code logging.level.root=trace}: Boot's own
 * logging system bridges JUL (the JDK's loggers, {@code javax.security.sasl} among them)
 * into Logback at that level. A CRAM-MD5 exchange whose response (a password-equivalent)
 * the JDK's SASL client used to log must leave no form of the canary in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootLoggingAtTraceTests {

	@Test
	void cramMd5AtTraceShouldLogNoFormOfTheSecret(CapturedOutput output) {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.readTimeout(Duration.ofSeconds(10))
			.script(of(greet(), ehlo("AUTH CRAM-MD5"),
					(script) -> script.expect("AUTH CRAM-MD5")
						.send("334 " + Scripts.base64(Canary.CRAM_MD5_CHALLENGE))
						.readLine()
						.send("535 5.7.8 Authentication credentials invalid")))
			.start()) {
			try (ConfigurableApplicationContext context = application(server.port()).run()) {
				IndicatedHealthDescriptor health = (IndicatedHealthDescriptor) context.getBean(HealthEndpoint.class)
					.healthForPath("smtp");
				assertThat(health.getDetails()).containsEntry("error",
						"AUTH rejected: 535 5.7.8 Authentication credentials invalid");
			}
			server.awaitCompleted(1, Duration.ofSeconds(10));
			assertThat(server.received()).contains(Scripts.base64(Canary.USERNAME + " " + Canary.CRAM_MD5_DIGEST));
		}
		assertThat(output.getAll()).as("TRACE from Boot itself was logged").contains("TRACE");
		assertThat(output.getAll()).as("the probe's transcript was logged").contains("C: EHLO");
		assertThat(output.getAll()).doesNotContain(Canary.forms());
	}

	private static SpringApplicationBuilder application(int port) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("logging.level.root=trace", "smtp.check.host=127.0.0.1", "smtp.check.port=" + port,
					"smtp.check.auth.username=" + Canary.USERNAME, "smtp.check.auth.password=" + Canary.PASSWORD,
					"smtp.check.auth.mechanism=cram-md5", "smtp.check.auth.allow-plaintext=true",
					"smtp.check.timeout=5s");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
