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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.github.smtphealth.benchmarks.Report;
import io.github.smtphealth.benchmarks.Report.Verdict;
import io.github.smtphealth.benchmarks.RunProfile;
import io.github.smtphealth.benchmarks.Samples;
import io.github.smtphealth.benchmarks.support.BenchTarget;
import io.github.smtphealth.benchmarks.support.FastSmtpServer;
import org.jspecify.annotations.Nullable;

/**
 * Workload d: {@code /actuator/health/smtp} under closed-loop load with the cache on (TTL
 * 1 s), at one and at eight concurrent clients: requests per second, latency percentiles,
 * and the SMTP connections per second the servers see: the in-process server counts what
 * it accepts, Postfix's log counts the rest.
 *
 * @param context the run
 * @since 0.1.0
 */
public record CachedEndpointSection(RunContext context) {

	private static final Duration CACHE_TTL = Duration.ofSeconds(1);

	private static final String PATH = "/actuator/health/smtp";

	private static final int[] CONCURRENCY = { 1, 8 };

	/**
	 * Measure and report.
	 * @throws IOException if a server or the application cannot start
	 */
	public void run() throws IOException {
		RunProfile profile = this.context.profile();
		String loadBefore = this.context.load("d. cached endpoint under load");
		try (BenchTarget inProcess = this.context.open(BenchTarget.INPROC_TLS);
				BenchTarget postfix = this.context.labAvailable() ? this.context.open(BenchTarget.POSTFIX_TLS) : null) {
			List<String> arguments = RunContext.sampleDefaults(CACHE_TTL.toSeconds() + "s");
			arguments.addAll(inProcess.sampleArguments("smtp.check.servers.inproc"));
			if (postfix != null) {
				arguments.addAll(postfix.sampleArguments("smtp.check.servers.postfix"));
			}
			FastSmtpServer inProcessServer = Objects.requireNonNull(inProcess.server(), "in-process target");
			List<List<String>> rows = new ArrayList<>();
			try (SampleApp app = this.context.startSample("d-cached", CheckSmtpSection.dedupe(arguments))) {
				app.getUp(PATH);
				Load.run(app, PATH, 8, profile.loadWarmup());
				for (int clients : CONCURRENCY) {
					long inProcessBefore = inProcessServer.connections();
					long postfixBefore = postfixConnections();
					Load load = Load.run(app, PATH, clients, profile.loadDuration());
					long inProcessConnections = inProcessServer.connections() - inProcessBefore;
					sleep(500);
					long postfixCount = postfixConnections() - postfixBefore;
					double seconds = load.elapsedNanos() / 1e9;
					double bound = seconds / CACHE_TTL.toMillis() * 1000 + 1;
					rows.add(List.of(String.valueOf(clients), String.valueOf(load.latencies().count()),
							String.valueOf(load.errors()), Samples.number(load.latencies().count() / seconds, 0),
							Samples.ms(load.latencies().median()), Samples.ms(load.latencies().percentile(99)),
							Samples.ms(load.latencies().percentile(99.9)),
							inProcessConnections + " (" + Samples.number(inProcessConnections / seconds, 2) + "/s)",
							(postfix != null) ? postfixCount + " (" + Samples.number(postfixCount / seconds, 2) + "/s)"
									: "n/a"));
					this.context.report()
						.summary(
								"d. in-process server connections/s at " + clients + " client(s), "
										+ load.latencies().count() + " requests",
								Samples.number(inProcessConnections / seconds, 2) + "/s", "≤ 1/cache-ttl = 1/s",
								Verdict.of(inProcessConnections <= bound));
					if (postfix != null) {
						this.context.report()
							.summary("d. Postfix connections/s at " + clients + " client(s) (from its log)",
									Samples.number(postfixCount / seconds, 2) + "/s", "≤ 1/cache-ttl = 1/s",
									Verdict.of(postfixCount <= bound));
					}
				}
			}
			report(rows, loadBefore, this.context.load("d done"));
		}
	}

	private void report(List<List<String>> rows, String loadBefore, String loadAfter) {
		Report report = this.context.report();
		report.section("d. Health endpoint under load, cache on");
		report.paragraph("The sample application checks two named servers (the in-process STARTTLS+AUTH server "
				+ "and, when the lab runs, Postfix STARTTLS+AUTH) with cache-ttl " + CACHE_TTL.toSeconds()
				+ " s. Closed-loop clients in the harness JVM GET " + PATH + " (both servers, HTTP 200 UP "
				+ "checked) as fast as they can for " + this.context.profile().loadDuration().toSeconds()
				+ " s after a " + this.context.profile().loadWarmup().toSeconds() + " s warmup; load generator, "
				+ "application and servers share the machine. Connections are counted by the in-process server "
				+ "itself, and for Postfix as `postfix/starttls/smtpd … connect from` lines in its log (which would "
				+ "also count anyone else's connections in that window). Machine " + loadBefore + " before, "
				+ loadAfter + " after.");
		report.table(List.of("Clients", "Requests", "Errors", "Requests/s", "p50", "p99", "p99.9",
				"In-process SMTP connections", "Postfix SMTP connections"), rows);
	}

	private long postfixConnections() {
		Path log = this.context.postfixLog();
		if (!Files.isReadable(log)) {
			return 0;
		}
		try (Stream<String> lines = Files.lines(log)) {
			return lines.filter((line) -> line.contains("postfix/starttls/smtpd[") && line.contains(": connect from"))
				.count();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The outcome of closed-loop load.
	 *
	 * @param latencies every request's latency
	 * @param errors requests that failed or were not UP
	 * @param elapsedNanos how long the load ran
	 */
	record Load(Samples latencies, long errors, long elapsedNanos) {

		static Load run(SampleApp app, String path, int clients, Duration duration) {
			long end = System.nanoTime() + duration.toNanos();
			AtomicLong errors = new AtomicLong();
			List<Samples> perThread = new ArrayList<>();
			List<Thread> threads = new ArrayList<>();
			long start = System.nanoTime();
			for (int i = 0; i < clients; i++) {
				Samples samples = new Samples();
				perThread.add(samples);
				Thread thread = new Thread(() -> {
					while (System.nanoTime() < end) {
						long requestStart = System.nanoTime();
						@Nullable String failure = null;
						try {
							app.getUp(path);
						}
						catch (RuntimeException ex) {
							failure = String.valueOf(ex.getMessage());
						}
						samples.add(System.nanoTime() - requestStart);
						if (failure != null && errors.incrementAndGet() == 1) {
							System.out.println("first failed request: " + failure);
						}
					}
				}, "load-" + i);
				threads.add(thread);
				thread.start();
			}
			for (Thread thread : threads) {
				try {
					thread.join();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			long elapsed = System.nanoTime() - start;
			Samples all = new Samples();
			perThread.forEach(all::addAll);
			return new Load(all, errors.get(), elapsed);
		}

	}

}
