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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.smtphealth.benchmarks.Report;
import io.github.smtphealth.benchmarks.Report.Verdict;
import io.github.smtphealth.benchmarks.RunProfile;
import io.github.smtphealth.benchmarks.Samples;
import io.github.smtphealth.benchmarks.support.FastSmtpServer;

/**
 * Workload e: the composite {@code /actuator/health/smtp} with 1, 10 and 50 named servers
 * (one in-process server per port), against the single server. Measured with servers that
 * answer at once (loopback: every probe is pure CPU, so 50 probes contend for the
 * machine's cores) and with servers that wait before every reply, like a relay a few
 * milliseconds away, where probing in parallel is what matters. And measured with the
 * cache off (every request probes) and with a short cache whose results are always stale
 * when a request comes (a readiness probe whose period is longer than the TTL), because
 * the two take different paths through the check.
 *
 * @param context the run
 * @since 0.1.0
 */
public record ScaleSection(RunContext context) {

	private static final int[] SERVER_COUNTS = { 1, 10, 50 };

	private static final Duration[] REPLY_DELAYS = { Duration.ZERO, Duration.ofMillis(5) };

	private static final Duration STALE_TTL = Duration.ofMillis(200);

	private static final Duration STALE_PAUSE = Duration.ofMillis(250);

	private static final Duration MEASURE_BUDGET = Duration.ofSeconds(10);

	private static final int MIN_REQUESTS = 10;

	private static final double TARGET = 1.5;

	private static final String PATH = "/actuator/health/smtp";

	/**
	 * Measure and report.
	 * @throws IOException if a server or the application cannot start
	 */
	public void run() throws IOException {
		String loadBefore = this.context.load("e. 1, 10, 50 named servers");
		int max = SERVER_COUNTS[SERVER_COUNTS.length - 1];
		List<FastSmtpServer> servers = new ArrayList<>();
		List<Row> rows = new ArrayList<>();
		try {
			for (int i = 0; i < max; i++) {
				servers.add(FastSmtpServer.plain());
			}
			for (Duration ttl : new Duration[] { Duration.ZERO, STALE_TTL }) {
				for (int count : SERVER_COUNTS) {
					rows.addAll(measure(servers.subList(0, count), ttl));
				}
			}
		}
		finally {
			for (FastSmtpServer server : servers) {
				server.close();
			}
		}
		report(rows, loadBefore, this.context.load("e done"));
	}

	private List<Row> measure(List<FastSmtpServer> servers, Duration ttl) throws IOException {
		RunProfile profile = this.context.profile();
		boolean stale = !ttl.isZero();
		List<String> arguments = RunContext.sampleDefaults(ttl.toMillis() + "ms");
		arguments.add("--smtp.check.helo-name=localhost");
		for (int i = 0; i < servers.size(); i++) {
			String prefix = String.format(Locale.ROOT, "--smtp.check.servers.s%02d.", i + 1);
			arguments.add(prefix + "host=127.0.0.1");
			arguments.add(prefix + "port=" + servers.get(i).port());
		}
		List<Row> rows = new ArrayList<>();
		try (SampleApp app = this.context.startSample("e-scale-" + servers.size() + "-ttl-" + ttl.toMillis(),
				arguments)) {
			for (Duration delay : REPLY_DELAYS) {
				servers.forEach((server) -> server.replyDelay(delay));
				int warmup = stale ? Math.max(3, profile.scaleWarmup() / 5) : profile.scaleWarmup();
				for (int i = 0; i < warmup; i++) {
					request(app, stale);
				}
				Samples samples = new Samples();
				long connectionsBefore = connections(servers);
				long budgetEnd = System.nanoTime() + MEASURE_BUDGET.toNanos();
				int limit = stale ? Math.max(MIN_REQUESTS, profile.scaleRequests() / 5) : profile.scaleRequests();
				while (samples.count() < limit && (samples.count() < MIN_REQUESTS || System.nanoTime() < budgetEnd)) {
					samples.add(request(app, stale));
				}
				double connectionsPerProbe = (double) (connections(servers) - connectionsBefore)
						/ ((long) samples.count() * servers.size());
				rows.add(new Row(ttl, delay, servers.size(), samples, connectionsPerProbe));
			}
		}
		return rows;
	}

	private static long request(SampleApp app, boolean stale) {
		if (stale) {
			try {
				Thread.sleep(STALE_PAUSE.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		long start = System.nanoTime();
		app.getUp(PATH);
		return System.nanoTime() - start;
	}

	private static long connections(List<FastSmtpServer> servers) {
		return servers.stream().mapToLong(FastSmtpServer::connections).sum();
	}

	private void report(List<Row> rows, String loadBefore, String loadAfter) {
		Report report = this.context.report();
		report.section("e. Scale: composite health of 1, 10 and 50 named servers");
		report.paragraph("The sample application with N named servers (plain), GET " + PATH + " one request at "
				+ "a time after " + this.context.profile().scaleWarmup() + " warmup requests, for up to "
				+ this.context.profile().scaleRequests() + " requests or " + MEASURE_BUDGET.toSeconds() + " s "
				+ "(at least " + MIN_REQUESTS + "). The servers run in the harness JVM, one thread and port each. "
				+ "Reply delay 0: the check is pure CPU on loopback; 5 ms before every reply (5 replies, about "
				+ "25 ms per probe): a relay some distance away. Cache 0: every request probes every server "
				+ "(cache-ttl 0). Cache stale: cache-ttl " + STALE_TTL.toMillis() + " ms and requests "
				+ STALE_PAUSE.toMillis() + " ms apart, so every request finds every result stale, as a readiness "
				+ "probe does whose period exceeds the TTL. \"Connections per server per request\" is counted by "
				+ "the servers: 1.00 means each request probed each server once. Machine " + loadBefore + " before, "
				+ loadAfter + " after.");
		List<List<String>> table = new ArrayList<>();
		for (Row row : rows) {
			Row single = rows.stream()
				.filter((candidate) -> candidate.ttl.equals(row.ttl) && candidate.delay.equals(row.delay)
						&& candidate.servers == SERVER_COUNTS[0])
				.findFirst()
				.orElse(row);
			double ratio = (double) row.samples.median() / single.samples.median();
			String cache = row.ttl.isZero() ? "0" : "stale";
			String delay = row.delay.toMillis() + " ms";
			table.add(List.of(cache, delay, String.valueOf(row.servers), String.valueOf(row.samples.count()),
					Samples.ms(row.samples.median()), Samples.ms(row.samples.mean()),
					Samples.ms(row.samples.percentile(90)), Samples.number(row.connectionsPerProbe, 2),
					Samples.ratio(ratio)));
			if (row.servers == SERVER_COUNTS[SERVER_COUNTS.length - 1]) {
				report.summary("e. 50 servers / 1, cache " + cache + ", reply delay " + delay, Samples.ratio(ratio),
						"≤ 1.5×", Verdict.of(ratio <= TARGET));
			}
		}
		report.table(List.of("Cache", "Reply delay", "Servers", "Requests", "median", "mean", "p90",
				"Connections per server per request", "median / 1 server"), table);
	}

	/**
	 * One measured configuration.
	 */
	private record Row(Duration ttl, Duration delay, int servers, Samples samples, double connectionsPerProbe) {
	}

}
