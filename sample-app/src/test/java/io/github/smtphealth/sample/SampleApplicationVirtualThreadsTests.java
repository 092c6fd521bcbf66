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

import org.apache.tomcat.util.threads.VirtualThreadExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample with {@code spring.threads.virtual.enabled=true}, as {@code .ci/run} runs
 * every sample test on Java 25: this class proves that the property reached the
 * application (Tomcat serves requests on virtual threads) and that the check works there.
 * It runs only in that run.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "smtp.check.warning=5s")
@EnabledIfSystemProperty(named = "spring.threads.virtual.enabled", matches = "true")
@DirtiesContext
class SampleApplicationVirtualThreadsTests {

	@Test
	void requestsShouldRunOnVirtualThreadsAndSmtpHealthShouldBeUp(@Autowired ServletWebServerApplicationContext context,
			@LocalServerPort int port) {
		TomcatWebServer webServer = (TomcatWebServer) context.getWebServer();
		assertThat(webServer.getTomcat().getConnector().getProtocolHandler().getExecutor())
			.isInstanceOf(VirtualThreadExecutor.class);
		new ActuatorClient(port).health("/actuator/health/smtp", 200, "UP");
	}

}
