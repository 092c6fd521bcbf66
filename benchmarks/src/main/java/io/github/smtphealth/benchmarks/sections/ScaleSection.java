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
 * milliseconds away, where probing in parallel is what matters. The cache is short and
 * every measurement starts from stale verdicts (a readiness probe whose period is longer
 * than the TTL): measured is the time until one request's refresh of every server shows
 * ({@link SampleApp#untilFresh}), since a request itself never waits for a probe, and
 * beside it the request served from fresh verdicts.
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
			for (int count : SERVER_COUNTS) {
				rows.addAll(measure(servers.subList(0, count)));
			}
		}
		finally {
			for (FastSmtpServer server : servers) {
				server.close();
			}
		}
		report(rows, loadBefore, this.context.load("e done"));
	}

	private List<Row> measure(List<FastSmtpServer> servers) throws IOException {
		RunProfile profile = this.context.profile();
		List<String> arguments = RunContext.sampleDefaults(STALE_TTL.toMillis() + "ms");
		arguments.add("--smtp.check.helo-name=localhost");
		for (int i = 0; i < servers.size(); i++) {
			String prefix = String.format(Locale.ROOT, "--smtp.check.servers.s%02d.", i + 1);
			arguments.add(prefix + "host=127.0.0.1");
			arguments.add(prefix + "port=" + servers.get(i).port());
		}
		List<Row> rows = new ArrayList<>();
		try (SampleApp app = this.context.startSample("e-scale-" + servers.size(), arguments)) {
			for (Duration delay : REPLY_DELAYS) {
				servers.forEach((server) -> server.replyDelay(delay));
				for (int i = 0; i < profile.scaleWarmup(); i++) {
					app.getUp(PATH);
				}
				for (int i = 0; i < Math.max(3, profile.scaleWarmup() / 5); i++) {
					app.untilFresh(PATH, STALE_PAUSE);
				}
				Samples fresh = new Samples();
				Samples served = new Samples();
				long connectionsBefore = connections(servers);
				long budgetEnd = System.nanoTime() + MEASURE_BUDGET.toNanos();
				int limit = Math.max(MIN_REQUESTS, profile.scaleRequests() / 5);
				while (fresh.count() < limit && (fresh.count() < MIN_REQUESTS || System.nanoTime() < budgetEnd)) {
					fresh.add(app.untilFresh(PATH, STALE_PAUSE));
					long start = System.nanoTime();
					app.getUp(PATH);
					served.add(System.nanoTime() - start);
				}
				double connectionsPerProbe = (double) (connections(servers) - connectionsBefore)
						/ ((long) fresh.count() * servers.size());
				rows.add(new Row(delay, servers.size(), fresh, served, connectionsPerProbe));
			}
		}
		return rows;
	}

	private static long connections(List<FastSmtpServer> servers) {
		return servers.stream().mapToLong(FastSmtpServer::connections).sum();
	}

	private void report(List<Row> rows, String loadBefore, String loadAfter) {
		Report report = this.context.report();
		report.section("e. Scale: composite health of 1, 10 and 50 named servers");
		report.paragraph("The sample application with N named servers (plain) and cache-ttl " + STALE_TTL.toMillis()
				+ " ms. " + STALE_PAUSE.toMillis() + " ms after the last verdicts (so that every one is stale, as for "
				+ "a readiness probe whose period exceeds the TTL), a GET of " + PATH + " starts one refresh per "
				+ "server, and GETs follow back to back until one shows every verdict new: \"to fresh verdicts\" "
				+ "is from the first GET to that response (a request itself never waits for a probe). \"GET "
				+ "served\" is one GET just after, answered from the fresh verdicts. After "
				+ this.context.profile().scaleWarmup() + " warm-up GETs, for up to "
				+ Math.max(MIN_REQUESTS, this.context.profile().scaleRequests() / 5) + " measurements or "
				+ MEASURE_BUDGET.toSeconds() + " s (at least " + MIN_REQUESTS + "). The servers run in the harness "
				+ "JVM, one thread and port each. Reply delay 0: the check is pure CPU on loopback; 5 ms before "
				+ "every reply (5 replies, about 25 ms per probe): a relay some distance away. \"Connections per "
				+ "server per refresh\" is counted by the servers: 1.00 means each refresh probed each server once. "
				+ "Machine " + loadBefore + " before, " + loadAfter + " after.");
		List<List<String>> table = new ArrayList<>();
		for (Row row : rows) {
			Row single = rows.stream()
				.filter((candidate) -> candidate.delay.equals(row.delay) && candidate.servers == SERVER_COUNTS[0])
				.findFirst()
				.orElse(row);
			double ratio = (double) row.fresh.median() / single.fresh.median();
			double servedRatio = (double) row.served.median() / single.served.median();
			String delay = row.delay.toMillis() + " ms";
			table.add(List.of(delay, String.valueOf(row.servers), String.valueOf(row.fresh.count()),
					Samples.ms(row.fresh.median()), Samples.ms(row.fresh.mean()), Samples.ms(row.fresh.percentile(90)),
					Samples.number(row.connectionsPerProbe, 2), Samples.ratio(ratio), Samples.ms(row.served.median()),
					Samples.ratio(servedRatio)));
			if (row.servers == SERVER_COUNTS[SERVER_COUNTS.length - 1]) {
				report.summary("e. 50 servers / 1, to fresh verdicts, reply delay " + delay, Samples.ratio(ratio),
						"≤ 1.5×", Verdict.of(ratio <= TARGET));
			}
		}
		report.table(List.of("Reply delay", "Servers", "Refreshes", "to fresh verdicts median", "mean", "p90",
				"Connections per server per refresh", "median / 1 server", "GET served median",
				"GET served / 1 server"), table);
	}

	/**
	 * One measured configuration.
	 */
	private record Row(Duration delay, int servers, Samples fresh, Samples served, double connectionsPerProbe) {
	}

}
