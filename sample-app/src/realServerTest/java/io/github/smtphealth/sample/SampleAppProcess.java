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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.smtphealth.testsupport.ChildProcesses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The sample application's jar started as a process of its own, with its output in a log file, and
 * real HTTP calls to it. Failsafe runs after {@code package}, so the jar exists.
 */
final class SampleAppProcess implements AutoCloseable {

	private static final Path JAR = Path.of("target", "sample-app.jar");

	private static final Pattern TOMCAT_STARTED = Pattern.compile("Tomcat started on port(?:\\(s\\))?:? (\\d+)");

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Process process;

	private final Path log;

	private int port;

	private SampleAppProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Start the jar with the given JVM options and application arguments; do not wait for it.
	 * @param log where its output goes
	 * @param jvmOptions options for the JVM, such as {@code -Dname=value}
	 * @param arguments the application's arguments
	 * @return the process
	 * @throws IOException if it cannot be started
	 */
	static SampleAppProcess start(Path log, List<String> jvmOptions, List<String> arguments) throws IOException {
		assertThat(JAR).as("the sample's jar, built by 'mvn package'").isRegularFile();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(JAR.toString());
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new SampleAppProcess(process, log);
	}

	/**
	 * Wait until Tomcat has started and remember its port.
	 * @return this process
	 * @throws IOException if the log cannot be read
	 */
	SampleAppProcess awaitHttp() throws IOException {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			Matcher matcher = TOMCAT_STARTED.matcher(output());
			if (matcher.find()) {
				this.port = Integer.parseInt(matcher.group(1));
				return this;
			}
			if (!this.process.isAlive()) {
				return fail("The sample app exited with " + this.process.exitValue() + " before Tomcat started:\n"
						+ tail());
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return fail("Interrupted while waiting for the sample app to start");
			}
		}
		return fail("The sample app did not start Tomcat within " + STARTUP_TIMEOUT.toSeconds() + " s:\n" + tail());
	}

	/**
	 * GET a path of the running application.
	 * @param path the path, such as {@code /actuator/health}
	 * @return the response
	 * @throws IOException if the call fails
	 */
	HttpResponse<String> get(String path) throws IOException {
		return get(path, "application/json");
	}

	/**
	 * GET a path of the running application.
	 * @param path the path, such as {@code /actuator/prometheus}
	 * @param accept the media type to ask for, such as {@code text/plain}
	 * @return the response
	 * @throws IOException if the call fails
	 */
	HttpResponse<String> get(String path, String accept) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during GET " + path, ex);
		}
	}

	/**
	 * Return everything the application has written so far.
	 * @return the output
	 * @throws IOException if the log cannot be read
	 */
	String output() throws IOException {
		return Files.readString(this.log, StandardCharsets.UTF_8);
	}

	String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	@Override
	public void close() {
		ChildProcesses.stop(this.process);
	}

}
