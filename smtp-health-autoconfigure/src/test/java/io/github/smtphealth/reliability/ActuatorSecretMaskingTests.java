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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator's {@code configprops} and {@code env} endpoints of a real web application
 * show the canary password and token masked even with {@code show-values: always}, which
 * shows every other value (the user name, for one): the starter's
 * {@code SanitizingFunction} masks them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=configprops,env",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"smtp.check.servers.relay.auth.password=" + Canary.PASSWORD, "SMTP_CHECK_AUTH_TOKEN=" + Canary.TOKEN,
				"smtp.check.host=127.0.0.1", "smtp.check.port=25", "smtp.check.security=starttls",
				"smtp.check.auth.username=" + Canary.USERNAME, "smtp.check.auth.password=" + Canary.PASSWORD,
				"smtp.check.servers.relay.host=127.0.0.1", "smtp.check.servers.relay.auth.username=canary-user",
				"smtp.check.servers.relay.auth.mechanism=xoauth2",
				"smtp.check.servers.relay.auth.token=" + Canary.TOKEN })
@DirtiesContext
class ActuatorSecretMaskingTests {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Test
	void configpropsShouldShowTheSmtpCheckPropertiesWithTheSecretsMasked() throws Exception {
		assertMasked("/actuator/configprops", "\"prefix\":\"smtp.check\"", "\"username\":\"" + Canary.USERNAME + "\"",
				"\"password\":\"******\"", "\"token\":\"******\"");
	}

	@Test
	void envShouldShowTheSmtpCheckPropertiesWithTheSecretsMasked() throws Exception {
		assertMasked("/actuator/env", "\"smtp.check.auth.username\":{\"value\":\"" + Canary.USERNAME + "\"",
				"\"smtp.check.auth.password\":{\"value\":\"******\"",
				"\"smtp.check.servers.relay.auth.password\":{\"value\":\"******\"",
				"\"SMTP_CHECK_AUTH_TOKEN\":{\"value\":\"******\"",
				"\"smtp.check.servers.relay.auth.token\":{\"value\":\"******\"");
	}

	@Test
	void envOfOnePropertyShouldShowTheSecretMasked() throws Exception {
		assertMasked("/actuator/env/smtp.check.auth.password", "\"value\":\"******\"");
	}

	private void assertMasked(String path, String... expected) throws IOException, InterruptedException {
		assertThat(get(path)).contains(expected).doesNotContain(Canary.forms());
	}

	private String get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
