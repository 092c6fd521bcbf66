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

package io.github.smtphealth.benchmarks.sections;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.smtphealth.testsupport.ChildProcesses;
import org.jspecify.annotations.Nullable;

/**
 * The sample application, run as a separate process on a free port with the given
 * arguments, and an HTTP client that talks to it over one kept-alive connection per
 * thread.
 *
 * @since 0.1.0
 */
public final class SampleApp implements AutoCloseable {

	/**
	 * How long {@link #untilFresh} waits for new verdicts.
	 */
	public static final Duration FRESH_WITHIN = Duration.ofSeconds(30);

	private static final Pattern CHECKED_AT = Pattern.compile("\"checkedAt\":\"([^\"]+)\"");

	private static final Pattern STARTED = Pattern
		.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final Process process;

	private final Path log;

	private final int port;

	private final HttpClient client;

	private SampleApp(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	/**
	 * Start the application and wait until it has started.
	 * @param jar the sample application's jar
	 * @param log where its output goes
	 * @param arguments its arguments ({@code --server.port} is added)
	 * @return the running application
	 * @throws IOException if it cannot be started or does not start in time
	 */
	public static SampleApp start(Path jar, Path log, List<String> arguments) throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		command.add("--server.address=127.0.0.1");
		command.addAll(arguments);
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		SampleApp app = new SampleApp(process, log, port);
		try {
			app.awaitStarted();
		}
		catch (IOException | RuntimeException ex) {
			app.close();
			throw ex;
		}
		return app;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private void awaitStarted() throws IOException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (startup() == null) {
			if (!this.process.isAlive()) {
				throw new IOException("The sample application exited (" + this.process.exitValue() + "):\n" + tail());
			}
			if (System.nanoTime() > deadline) {
				throw new IOException("The sample application did not start within " + START_TIMEOUT + ":\n" + tail());
			}
			sleep(50);
		}
		HttpResponse<String> liveness = get("/actuator/health/liveness");
		if (liveness.statusCode() != 200) {
			throw new IOException("Liveness answered " + liveness.statusCode() + ": " + liveness.body());
		}
	}

	/**
	 * Return the startup times the application logged.
	 * @return seconds to start the context and seconds since the JVM started, or
	 * {@code null} if not started yet
	 */
	public double @Nullable [] startup() {
		try {
			Matcher matcher = STARTED.matcher(Files.readString(this.log));
			return matcher.find()
					? new double[] { Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2)) }
					: null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * GET a path.
	 * @param path such as {@code /actuator/health/smtp}
	 * @return the response
	 */
	public HttpResponse<String> get(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * GET a health path and check that it is UP (or DEGRADED: slower than the sample's
	 * warning threshold, which a busy machine can cause).
	 * @param path the path
	 * @return the body
	 * @throws IllegalStateException if the status is not 200 or the body neither UP nor
	 * DEGRADED
	 */
	public String getUp(String path) {
		HttpResponse<String> response = get(path);
		String body = response.body();
		if (response.statusCode() != 200
				|| !(body.contains("\"status\":\"UP\"") || body.contains("\"status\":\"DEGRADED\""))) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/**
	 * Wait until the verdicts are stale, then GET a health path, which serves them and
	 * starts one refresh per server, and GET it again, back to back, until every verdict
	 * in it is new (every {@code checkedAt} changed): how long a caller waits to see a
	 * fresh check through HTTP. Overstates the probes by at most one GET, the one during
	 * which they finished. The application's cache TTL must be shorter than the pause (so
	 * that the first GET finds every verdict stale) and longer than the probes (so that
	 * the GETs after it start no further refresh).
	 * @param path a health path with details shown
	 * @param stalePause how long to wait first, longer than the cache TTL
	 * @return nanoseconds from sending the first GET to receiving the one that showed
	 * every verdict new
	 * @throws IllegalStateException if the path shows no verdict, or not every verdict
	 * changes within {@link #FRESH_WITHIN}
	 */
	public long untilFresh(String path, Duration stalePause) {
		sleep(stalePause.toMillis());
		long start = System.nanoTime();
		List<String> before = checkedAt(getUp(path));
		if (before.isEmpty()) {
			throw new IllegalStateException(path + " shows no checkedAt: are details shown?");
		}
		long deadline = start + FRESH_WITHIN.toNanos();
		while (!allChanged(before, checkedAt(getUp(path)))) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(path + " showed no fresh verdicts within " + FRESH_WITHIN);
			}
		}
		return System.nanoTime() - start;
	}

	/**
	 * Return what the application's {@code smtp.check} timer has recorded for a server so
	 * far, read from {@code /actuator/prometheus}: every probe's time from DNS to QUIT,
	 * summed over its outcome and status tags.
	 * @param server the configured server name
	 * @return the probe count and their total time
	 */
	public ProbeTimes probeTimes(String server) {
		HttpResponse<String> response = get("/actuator/prometheus");
		if (response.statusCode() != 200) {
			throw new IllegalStateException("/actuator/prometheus answered " + response.statusCode());
		}
		long count = 0;
		double seconds = 0;
		String serverTag = "server=\"" + server + "\"";
		for (String line : response.body().split("\n")) {
			if (!line.contains(serverTag)) {
				continue;
			}
			String value = line.substring(line.lastIndexOf(' ') + 1);
			if (line.startsWith("smtp_check_seconds_count{")) {
				count += (long) Double.parseDouble(value);
			}
			else if (line.startsWith("smtp_check_seconds_sum{")) {
				seconds += Double.parseDouble(value);
			}
		}
		return new ProbeTimes(count, seconds);
	}

	private static List<String> checkedAt(String body) {
		List<String> found = new ArrayList<>();
		Matcher matcher = CHECKED_AT.matcher(body);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static boolean allChanged(List<String> before, List<String> now) {
		if (now.size() != before.size()) {
			return false;
		}
		for (int i = 0; i < now.size(); i++) {
			if (now.get(i).equals(before.get(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the last lines of the application's output.
	 * @return the tail
	 */
	public String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	@Override
	public void close() {
		ChildProcesses.stop(this.process);
	}

	/**
	 * What a server's {@code smtp.check} timer recorded up to a moment.
	 *
	 * @param count the number of probes
	 * @param seconds their total time
	 */
	public record ProbeTimes(long count, double seconds) {

		/**
		 * Return the mean time of the probes recorded since an earlier reading.
		 * @param earlier the earlier reading
		 * @return nanoseconds, or 0 if no probe ran in between
		 */
		public long meanNanosSince(ProbeTimes earlier) {
			long probes = this.count - earlier.count;
			return (probes > 0) ? Math.round((this.seconds - earlier.seconds) / probes * 1e9) : 0;
		}

	}

}
