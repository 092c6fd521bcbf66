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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import io.github.smtphealth.testsupport.ChildProcesses;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) on a loopback port, with
 * its own configuration and storage in a temporary directory, scraping one target and
 * loading the given rule files. {@link #close()} stops it. Without the binary the test is
 * skipped with a message, except under {@code CI=true}, where it fails.
 */
final class LoopbackPrometheus implements AutoCloseable {

	private final Process process;

	private final ActuatorClient api;

	private final Path log;

	private LoopbackPrometheus(Process process, int port, Path log) {
		this.process = process;
		this.api = new ActuatorClient("127.0.0.1", port);
		this.log = log;
	}

	/**
	 * Start Prometheus and wait until it is ready.
	 * @param directory where its configuration, storage and log go
	 * @param target the {@code host:port} to scrape at {@code /actuator/prometheus}
	 * @param interval the scrape and rule evaluation interval
	 * @param ruleFiles the rule files to load, unchanged
	 * @return the running server
	 * @throws IOException if it cannot be started
	 */
	static LoopbackPrometheus start(Path directory, String target, Duration interval, Path... ruleFiles)
			throws IOException {
		Path binary = binary();
		StringBuilder config = new StringBuilder();
		config.append("global:\n")
			.append("  scrape_interval: ")
			.append(interval.toMillis())
			.append("ms\n")
			.append("  scrape_timeout: ")
			.append(interval.toMillis())
			.append("ms\n")
			.append("  evaluation_interval: ")
			.append(interval.toMillis())
			.append("ms\n")
			.append("rule_files:\n");
		for (Path ruleFile : ruleFiles) {
			config.append("  - '").append(ruleFile.toAbsolutePath().normalize()).append("'\n");
		}
		config.append("scrape_configs:\n")
			.append("  - job_name: sample-app\n")
			.append("    metrics_path: /actuator/prometheus\n")
			.append("    static_configs:\n")
			.append("      - targets: ['")
			.append(target)
			.append("']\n");
		Path configFile = Files.writeString(directory.resolve("prometheus.yml"), config);
		int port = freeLoopbackPort();
		Path log = directory.resolve("prometheus.log");
		Process process = new ProcessBuilder(binary.toString(), "--config.file=" + configFile,
				"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
				"--log.level=info")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		LoopbackPrometheus prometheus = new LoopbackPrometheus(process, port, log);
		try {
			prometheus.awaitReady(Duration.ofSeconds(60));
		}
		catch (RuntimeException | Error ex) {
			prometheus.close();
			throw ex;
		}
		return prometheus;
	}

	private static Path binary() {
		Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
			.map((directory) -> Path.of(directory, "prometheus"))
			.filter(Files::isExecutable)
			.findFirst();
		if (found.isPresent()) {
			return found.get();
		}
		String message = "No prometheus binary on the PATH (Debian: apt-get install prometheus; .ci/run installs it)";
		if ("true".equals(System.getenv("CI"))) {
			return fail(message);
		}
		abort(message);
		throw new IllegalStateException("unreachable");
	}

	/**
	 * The port is free when asked; Prometheus binds it a moment later. Loopback ports are
	 * plentiful enough that the race does not matter in practice, and a lost race fails
	 * loudly in awaitReady.
	 */
	private static int freeLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				fail("Prometheus exited with " + this.process.exitValue() + ":\n" + log());
			}
			try {
				if (this.api.getJson("/-/ready").status() == 200) {
					return;
				}
			}
			catch (IllegalStateException ex) {
				// Not listening yet.
			}
			pause();
		}
		fail("Prometheus was not ready within " + timeout + ":\n" + log());
	}

	/**
	 * Evaluate an instant query until its result satisfies the condition.
	 * @param query the PromQL
	 * @param condition what the result (a list of {@code {metric, value}} maps) must
	 * satisfy
	 * @param timeout how long to try
	 * @return the result that satisfied the condition
	 */
	List<Map<String, Object>> awaitQuery(String query, Predicate<List<Map<String, Object>>> condition,
			Duration timeout) {
		return await("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), "$.data.result",
				condition, timeout, "query " + query);
	}

	/**
	 * Read the alerts until they satisfy the condition.
	 * @param condition what the alerts (maps with {@code labels}, {@code state}, …) must
	 * satisfy
	 * @param timeout how long to try
	 * @return the alerts that satisfied the condition
	 */
	List<Map<String, Object>> awaitAlerts(Predicate<List<Map<String, Object>>> condition, Duration timeout) {
		return await("/api/v1/alerts", "$.data.alerts", condition, timeout, "alerts");
	}

	/**
	 * Return the loaded rule groups.
	 * @return the groups (maps with {@code name}, {@code file}, {@code rules})
	 */
	List<Map<String, Object>> ruleGroups() {
		return JsonPath.read(this.api.getJson("/api/v1/rules").body(), "$.data.groups");
	}

	private List<Map<String, Object>> await(String path, String jsonPath,
			Predicate<List<Map<String, Object>>> condition, Duration timeout, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<Map<String, Object>> last = List.of();
		while (System.nanoTime() < deadline) {
			last = JsonPath.read(this.api.getJson(path).body(), jsonPath);
			if (condition.test(last)) {
				return last;
			}
			pause();
		}
		return fail("Prometheus " + what + " did not reach the expected state within " + timeout + "; last: " + last
				+ "\n" + log());
	}

	/**
	 * Wait a quarter of a second between two polls.
	 */
	static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private String log() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	/**
	 * Stop Prometheus and wait for it to exit.
	 */
	@Override
	public void close() {
		ChildProcesses.stop(this.process);
	}

}
