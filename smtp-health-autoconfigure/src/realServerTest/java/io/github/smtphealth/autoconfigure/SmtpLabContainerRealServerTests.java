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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.github.smtphealth.lab.LabListener;
import io.github.smtphealth.lab.SmtpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * The happy path of {@link SmtpHealthRealServerTests} (Postfix with STARTTLS and AUTH, the lab
 * certificate trusted through a PEM SSL bundle: UP with TLS details) against the SMTP lab built into a
 * Docker image from {@code scripts/smtp-lab}, for developers who have Docker but not a Debian machine
 * to run {@code start.sh} on. Skipped without Docker, as on the project's own machines and CI: the
 * native lab is the coverage that counts, this class only adds a second way to get it.
 * <p>
 * The servers in the container listen on its loopback only, so {@code socat} forwards the exposed port
 * to Postfix; the certificate names {@code localhost}, which is the host Testcontainers maps ports to
 * on a local Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class SmtpLabContainerRealServerTests {

	private static final String LAB_DIR = "/var/tmp/smtp-lab";

	/**
	 * Postfix's STARTTLS port, fixed in {@code scripts/smtp-lab/common.sh}.
	 */
	private static final int POSTFIX_STARTTLS_PORT = 10025;

	/**
	 * The container port that {@code socat} forwards to Postfix on the container's loopback.
	 */
	private static final int FORWARDED_PORT = 20025;

	private static final String READY = "smtp-lab container ready";

	@Container
	static final GenericContainer<?> lab = new GenericContainer<>(image()).withExposedPorts(FORWARDED_PORT)
		.waitingFor(Wait.forLogMessage(".*" + READY + ".*\\n", 1).withStartupTimeout(Duration.ofMinutes(5)));

	@TempDir
	Path directory;

	private static ImageFromDockerfile image() {
		String start = "set -e; bash /opt/smtp-lab/start.sh; socat TCP-LISTEN:" + FORWARDED_PORT
				+ ",fork,reuseaddr TCP:127.0.0.1:" + POSTFIX_STARTTLS_PORT + " & sleep 1; echo " + READY + "; wait";
		return new ImageFromDockerfile("smtp-health/smtp-lab", false)
			.withFileFromPath("smtp-lab", Path.of("..", "scripts", "smtp-lab").toAbsolutePath().normalize())
			.withDockerfileFromBuilder((builder) -> builder.from("debian:12")
				.run("apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "
						+ "ca-certificates procps socat")
				.copy("smtp-lab", "/opt/smtp-lab")
				// Install the packages and make the certificate once, in the image.
				.run("bash /opt/smtp-lab/start.sh && bash /opt/smtp-lab/stop.sh")
				.cmd("bash", "-c", start)
				.build());
	}

	@Test
	void healthOfContainerizedPostfixWithStartTlsAndAuthShouldBeUpWithTlsDetails() {
		Path envFile = copyFromContainer(LAB_DIR + "/lab.env", "lab.env");
		Path certificate = copyFromContainer(LAB_DIR + "/tls/cert.pem", "cert.pem");
		SmtpLab smtpLab = SmtpLab.read(envFile);
		assertThat(smtpLab.port(LabListener.POSTFIX_STARTTLS)).isEqualTo(POSTFIX_STARTTLS_PORT);
		String host = lab.getHost();
		boolean certificateNamesHost = Set.of("localhost", "127.0.0.1", "::1").contains(host);
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SmtpHealthContributorAutoConfiguration.class))
			.withPropertyValues("smtp.check.host=" + host, "smtp.check.port=" + lab.getMappedPort(FORWARDED_PORT),
					"smtp.check.security=starttls", "smtp.check.helo-name=" + SmtpLab.HELO_NAME,
					"smtp.check.auth.username=" + smtpLab.user(), "smtp.check.auth.password=" + smtpLab.password(),
					"spring.ssl.bundle.pem.lab.truststore.certificate=file:" + certificate.toAbsolutePath(),
					"smtp.check.tls.bundle=lab", "smtp.check.tls.verify-hostname=" + certificateNamesHost)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Health health = context.getBean("smtpHealthContributor", HealthIndicator.class).health();
				assertThat(health).isNotNull();
				assertThat(health.getStatus()).as("%s", health).isEqualTo(Status.UP);
				Map<String, Object> details = health.getDetails();
				assertThat(details).containsEntry("security", "starttls").containsKey("authMechanism");
				assertThat(details.get("tls")).asInstanceOf(MAP)
					.containsEntry("subject", "CN=localhost")
					.containsKeys("protocol", "cipherSuite", "daysUntilExpiry");
			});
	}

	private Path copyFromContainer(String containerPath, String name) {
		Path target = this.directory.resolve(name);
		return lab.copyFileFromContainer(containerPath, (in) -> {
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		});
	}

}
