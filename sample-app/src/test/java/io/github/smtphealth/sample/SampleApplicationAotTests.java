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

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.json.BasicJsonTester;
import org.springframework.boot.test.json.JsonContent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as an AOT-processed application, the mode a GraalVM native image runs in:
 * the jar that {@code mvn -Paot package} builds (with {@code spring-boot:process-aot}),
 * started with {@code -Dspring.aot.enabled=true}, so its bean definitions come from the
 * generated code, not from the auto-configuration classes. Run by Failsafe in the
 * {@code aot} profile only.
 */
class SampleApplicationAotTests {

	private static final BasicJsonTester json = new BasicJsonTester(SampleApplicationAotTests.class);

	@TempDir
	Path directory;

	@Test
	void aotProcessedJarShouldAnswerSmtpHealthAndMetricsOverHttp() throws IOException {
		try (JarFile jar = new JarFile(Paths.get("target", "sample-app.jar").toFile())) {
			assertThat(jar.getEntry("BOOT-INF/classes/io/github/smtphealth/sample/"
					+ "SampleApplication__ApplicationContextInitializer.class"))
				.as("the generated initializer: build with 'mvn -Paot package'")
				.isNotNull();
		}
		try (SampleAppProcess app = SampleAppProcess
			.start(this.directory.resolve("sample-app.log"), List.of("-Dspring.aot.enabled=true"),
					List.of("--server.port=0", "--smtp.check.warning=5s"))
			.awaitHttp()) {
			assertThat(app.output()).contains("Starting AOT-processed SampleApplication");
			HttpResponse<String> smtp = app.get("/actuator/health/smtp");
			assertThat(smtp.statusCode()).as(smtp.body()).isEqualTo(200);
			JsonContent<Object> details = json.from(smtp.body());
			assertThat(details).extractingJsonPathStringValue("$.status").isEqualTo("UP");
			assertThat(details).extractingJsonPathStringValue("$.details.security").isEqualTo("starttls");
			assertThat(details).extractingJsonPathStringValue("$.details.authMechanism").isEqualTo("PLAIN");
			assertThat(details).extractingJsonPathStringValue("$.details.tls.protocol").startsWith("TLSv1.");
			assertThat(smtp.body()).doesNotContain("demo-password");
			HttpResponse<String> readiness = app.get("/actuator/health/readiness");
			assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
			HttpResponse<String> prometheus = app.get("/actuator/prometheus", "text/plain");
			assertThat(prometheus.statusCode()).isEqualTo(200);
			assertThat(prometheus.body()).contains("smtp_check_seconds");
		}
	}

}
