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

package io.github.smtphealth.load;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.smtphealth.testsupport.ChildProcesses;
import io.github.smtphealth.testsupport.ReliabilityReports;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM while a background probe hangs: the application runs in a JVM of its own (this
 * test's class path, {@link LoadTestApplication}), probes in background mode with a 60 s
 * timeout an SMTP server that accepts and never speaks, and is sent SIGTERM once the
 * probe holds its connection. Asserted: the JVM exits within 4 s, because the context's
 * shutdown abandons the probe (closes its socket) instead of waiting for its timeout, and
 * the server sees the connection closed.
 */
class ShutdownLoadTests {

	private static final Duration EXIT_BOUND = Duration.ofSeconds(4);

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Test
	void sigtermDuringAHungBackgroundProbeShouldLetTheJvmExitWithinFourSeconds() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptButNeverSpeak()) {
			Path log = ReliabilityReports.reportDirectory().resolve("shutdown-app.log");
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(List.of(javaExecutable(), "-cp", System.getProperty("java.class.path"),
					LoadTestApplication.class.getName(), "--server.port=0", "--spring.main.banner-mode=off",
					"--smtp.check.host=127.0.0.1", "--smtp.check.port=" + server.port(),
					"--smtp.check.refresh=background", "--smtp.check.timeout=" + TIMEOUT.toSeconds() + "s"))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			try {
				await().atMost(Duration.ofSeconds(60)).until(() -> server.connectionCount() >= 1);
				Thread.sleep(500);
				long start = System.nanoTime();
				process.destroy();
				boolean exited = process.waitFor(EXIT_BOUND.toSeconds() * 3, TimeUnit.SECONDS);
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				server.awaitCompleted(1, Duration.ofSeconds(5));
				new LoadFigures("4-shutdown", "SIGTERM during a hung background probe",
						"The application runs in a JVM of its own, probing in background mode (timeout "
								+ TIMEOUT.toSeconds() + " s) an SMTP server that accepts and never speaks. Once the "
								+ "probe holds its connection, the JVM is sent SIGTERM. Asserted: it exits within "
								+ EXIT_BOUND.toSeconds() + " s (the probe is abandoned, its socket closed, rather "
								+ "than waited for).")
					.put("SMTP connections before SIGTERM", server.connectionCount())
					.put("JVM exited", exited)
					.put("Time from SIGTERM to exit (bound " + EXIT_BOUND.toMillis() + " ms)", Timings.millis(took))
					.put("Exit code", exited ? process.exitValue() : "still running")
					.write();
				assertThat(exited).as("exited; see %s", log).isTrue();
				assertThat(took).isLessThanOrEqualTo(EXIT_BOUND);
			}
			finally {
				ChildProcesses.stop(process);
			}
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString()
				+ ((File.separatorChar != '\\') ? "" : ".exe");
	}

}
