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

package io.github.smtphealth.sample.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;

import io.github.smtphealth.autoconfigure.InvalidSmtpCheckPropertyException;
import io.github.smtphealth.sample.SampleApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link EmbeddedSmtpEnvironmentPostProcessor} and
 * {@link EmbeddedSmtpServerLifecycle}: the whole sample application, without a web
 * server.
 */
class EmbeddedSmtpEnvironmentPostProcessorTests {

	@Test
	void whenEnabledShouldPointTheCheckAtTheServerAndTrustItsCertificate() {
		try (ConfigurableApplicationContext context = run()) {
			EmbeddedSmtpServer server = context.getBean(EmbeddedSmtpServer.class);
			assertThat(server.isRunning()).isTrue();
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("smtp.check.host")).isEqualTo("localhost");
			assertThat(environment.getProperty("smtp.check.port", Integer.class)).isEqualTo(server.port());
			assertThat(environment.getProperty("smtp.check.security")).isEqualTo("starttls");
			assertThat(environment.getProperty("smtp.check.auth.username")).isEqualTo("demo");
			assertThat(environment.getProperty("smtp.check.tls.bundle")).isEqualTo("embedded-smtp");
			assertThat(context.getBean(SslBundles.class).getBundle("embedded-smtp").getStores().getTrustStore())
				.isNotNull();
		}
	}

	@Test
	void whenEnabledShouldOverrideTheCheckTarget() {
		try (ConfigurableApplicationContext context = run("--smtp.check.host=mail.example.com",
				"--smtp.check.port=2525")) {
			int port = context.getBean(EmbeddedSmtpServer.class).port();
			assertThat(context.getEnvironment().getProperty("smtp.check.host")).isEqualTo("localhost");
			assertThat(context.getEnvironment().getProperty("smtp.check.port", Integer.class)).isEqualTo(port);
		}
	}

	@Test
	void closingTheContextShouldStopTheServer() {
		Set<Thread> before = EmbeddedSmtpServerTests.serverThreads();
		EmbeddedSmtpServer server;
		try (ConfigurableApplicationContext context = run()) {
			server = context.getBean(EmbeddedSmtpServer.class);
		}
		assertThat(server.isRunning()).isFalse();
		assertRefused(server.port());
		EmbeddedSmtpServerTests.awaitThreadsEnded(before);
	}

	@Test
	void failingToStartShouldStopTheServer() throws IOException {
		Set<Thread> before = EmbeddedSmtpServerTests.serverThreads();
		int port = freePort();
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> run("--sample.embedded-smtp.port=" + port, "--smtp.check.warning=1m"))
			.withRootCauseInstanceOf(InvalidSmtpCheckPropertyException.class)
			.withMessageContaining("smtp.check.warning");
		assertRefused(port);
		EmbeddedSmtpServerTests.awaitThreadsEnded(before);
	}

	@Test
	void whenThePortIsInUseShouldFailNamingTheProperty() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
				.isThrownBy(() -> run("--sample.embedded-smtp.port=" + taken.getLocalPort()))
				.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("sample.embedded-smtp.port"))
				.withMessageContaining("in use");
		}
	}

	@Test
	void whenDisabledShouldStartNoServer() {
		try (ConfigurableApplicationContext context = run("--sample.embedded-smtp.enabled=false",
				"--smtp.check.host=localhost")) {
			assertThat(context.getBeansOfType(EmbeddedSmtpServer.class)).isEmpty();
			assertThat(context.getEnvironment()
				.getPropertySources()
				.contains(EmbeddedSmtpEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
			assertThat(context.getEnvironment().getProperty("smtp.check.tls.bundle")).isNull();
		}
	}

	@Test
	void whenDisabledWithoutAServerToCheckShouldFailNamingTheProperty() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> run("--sample.embedded-smtp.enabled=false"))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("smtp.check.host"))
			.withMessageContaining("sample.embedded-smtp.enabled is false");
	}

	private static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		return application.run(args);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void assertRefused(int port) {
		assertThatIOException().isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close());
	}

}
