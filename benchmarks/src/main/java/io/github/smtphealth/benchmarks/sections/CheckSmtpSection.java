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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.smtphealth.benchmarks.Report;
import io.github.smtphealth.benchmarks.Report.Verdict;
import io.github.smtphealth.benchmarks.RunProfile;
import io.github.smtphealth.benchmarks.Samples;
import io.github.smtphealth.benchmarks.support.BenchTarget;
import io.github.smtphealth.benchmarks.support.NativeSpawner;

/**
 * Workload c: one {@code check_smtp} run per check (the way Nagios or Icinga runs it: a
 * new process each time, started by a light native spawner) against the time a caller of
 * {@code /actuator/health/smtp/<server>} on a warm sample application waits to see a
 * fresh verdict: a GET that finds the verdict stale (and starts its refresh), then GETs
 * until the new verdict shows ({@link SampleApp#untilFresh}). Since a health request
 * never waits for a probe (stale-while-revalidate), a single GET times the served verdict
 * only, which is reported beside. Both do the same dialogue on the same server; the
 * measurements are interleaved in rounds so that drift in the machine's load hits both.
 *
 * @param context the run
 * @since 0.1.0
 */
public record CheckSmtpSection(RunContext context) {

	private static final String TRUE = "true";

	/**
	 * Longer than a probe on loopback, so that the GETs that wait for a fresh verdict
	 * start no second refresh.
	 */
	private static final Duration CACHE_TTL = Duration.ofMillis(100);

	/**
	 * Longer than the TTL, so that every measurement starts from a stale verdict.
	 */
	private static final Duration STALE_PAUSE = CACHE_TTL.plusMillis(20);

	/**
	 * Fresh verdicts waited for per target before measuring, after the plain GETs of the
	 * HTTP warm-up.
	 */
	private static final int FRESH_WARMUP = 30;

	/**
	 * Boot's own HTTP floor: a health group that does no I/O.
	 */
	private static final String LIVENESS = "/actuator/health/liveness";

	/**
	 * Measure and report.
	 * @throws IOException if a server or the application cannot start
	 */
	public void run() throws IOException {
		RunProfile profile = this.context.profile();
		String loadBefore = this.context.load("c. check_smtp vs /actuator/health/smtp");
		List<BenchTarget> targets = new ArrayList<>();
		try {
			for (String name : this.context.targetNames()) {
				targets.add(this.context.open(name));
			}
			List<String> arguments = RunContext.sampleDefaults(CACHE_TTL.toMillis() + "ms");
			for (BenchTarget target : targets) {
				arguments.addAll(target.sampleArguments("smtp.check.servers." + target.serverName()));
			}
			Map<String, Samples> checkSmtp = new LinkedHashMap<>();
			Map<String, Samples> fresh = new LinkedHashMap<>();
			Map<String, Samples> served = new LinkedHashMap<>();
			Map<String, SampleApp.ProbeTimes> timersBefore = new LinkedHashMap<>();
			Map<String, Long> probeMeans = new LinkedHashMap<>();
			List<NativeSpawner.Command> commands = new ArrayList<>();
			commands.add(new NativeSpawner.Command(TRUE, 0, List.of("/bin/true")));
			for (BenchTarget target : targets) {
				checkSmtp.put(target.name(), new Samples());
				fresh.put(target.name(), new Samples());
				served.put(target.name(), new Samples());
				commands.add(new NativeSpawner.Command(target.name(), 0,
						checkSmtpCommand(this.context.checkSmtp(), target)));
			}
			Samples spawn = new Samples();
			Samples liveness = new Samples();
			NativeSpawner spawner = new NativeSpawner(this.context.work(), Map.of());
			try (SampleApp app = this.context.startSample("c-check-smtp", dedupe(arguments))) {
				for (BenchTarget target : targets) {
					for (int i = 0; i < profile.httpWarmup(); i++) {
						app.getUp(path(target));
						app.getUp(LIVENESS);
					}
					for (int i = 0; i < FRESH_WARMUP; i++) {
						app.untilFresh(path(target), STALE_PAUSE);
					}
				}
				spawner.run(1, 3, commands);
				for (BenchTarget target : targets) {
					timersBefore.put(target.name(), app.probeTimes(target.serverName()));
				}
				for (int round = 0; round < profile.rounds(); round++) {
					Map<String, Samples> spawned = spawner.run(1, profile.checkSmtpPerRound(), commands);
					spawn.addAll(Objects.requireNonNull(spawned.get(TRUE)));
					for (BenchTarget target : targets) {
						samples(checkSmtp, target).addAll(Objects.requireNonNull(spawned.get(target.name())));
						for (int i = 0; i < profile.httpPerRound(); i++) {
							samples(fresh, target).add(app.untilFresh(path(target), STALE_PAUSE));
							long start = System.nanoTime();
							app.getUp(path(target));
							samples(served, target).add(System.nanoTime() - start);
							start = System.nanoTime();
							app.getUp(LIVENESS);
							liveness.add(System.nanoTime() - start);
						}
					}
				}
				for (BenchTarget target : targets) {
					SampleApp.ProbeTimes before = Objects.requireNonNull(timersBefore.get(target.name()));
					probeMeans.put(target.name(), app.probeTimes(target.serverName()).meanNanosSince(before));
				}
			}
			report(targets, checkSmtp, fresh, served, probeMeans, spawn, liveness, loadBefore,
					this.context.load("c done"));
		}
		finally {
			for (BenchTarget target : targets) {
				target.close();
			}
		}
	}

	/**
	 * Return the target's samples: {@link #run()} makes an entry for every target first.
	 */
	private static Samples samples(Map<String, Samples> samples, BenchTarget target) {
		return Objects.requireNonNull(samples.get(target.name()), target.name());
	}

	private void report(List<BenchTarget> targets, Map<String, Samples> checkSmtp, Map<String, Samples> fresh,
			Map<String, Samples> served, Map<String, Long> probeMeans, Samples spawn, Samples liveness,
			String loadBefore, String loadAfter) {
		RunProfile profile = this.context.profile();
		Report report = this.context.report();
		report.section("c. check_smtp vs a fresh verdict through GET /actuator/health/smtp (warm application)");
		report.paragraph("Per check wall time. check_smtp (" + this.context.checkSmtp() + ") is started as a new "
				+ "process per check, as a monitoring system does, from a light native spawner (" + NativeSpawner.SCRIPT
				+ ": posix_spawn and waitpid, not the JVM's ProcessBuilder, which adds "
				+ "several milliseconds per process), with the same dialogue: `-F localhost -f " + BenchTarget.MAIL_FROM
				+ " -C RSET -R 250` and, for the TLS targets, `-S -A LOGIN -U … -P …` "
				+ "(check_smtp does not verify the certificate; ours verifies chain and host name). Ours: the sample "
				+ "application with cache-ttl " + CACHE_TTL.toMillis() + " ms; " + STALE_PAUSE.toMillis() + " ms after "
				+ "the last verdict, a GET of /actuator/health/smtp/&lt;target&gt; is served that stale verdict and "
				+ "starts one probe in the background, and GETs follow back to back until one shows the new verdict "
				+ "(its checkedAt changed): \"to fresh verdict\" is from the first GET sent to that response, so it "
				+ "overstates the probe by at most one GET. \"GET served\" is one GET just after, answered from "
				+ "the fresh verdict (what a health request costs since it never waits for a probe), and a GET of "
				+ LIVENESS + " (a health group that does no I/O) Boot's own HTTP floor; all from a kept-alive "
				+ "java.net.http client in the harness JVM, after " + profile.httpWarmup() + " warm-up GETs and "
				+ FRESH_WARMUP + " fresh verdicts per target. " + profile.rounds() + " interleaved rounds of "
				+ profile.checkSmtpPerRound() + " check_smtp runs and " + profile.httpPerRound()
				+ " fresh verdicts per target. Starting /bin/true the same way takes " + Samples.ms(spawn.median())
				+ " (median); \"probe in the application\" is the mean of the application's own smtp.check timer "
				+ "(DNS to QUIT) over the measured probes, read from /actuator/prometheus; a liveness GET takes "
				+ Samples.ms(liveness.median()) + " (median, p99 " + Samples.ms(liveness.percentile(99)) + "). Machine "
				+ loadBefore + " before, " + loadAfter + " after.");
		List<List<String>> rows = new ArrayList<>();
		for (BenchTarget target : targets) {
			Samples ours = samples(fresh, target);
			Samples answered = samples(served, target);
			Samples theirs = samples(checkSmtp, target);
			double ratio = (double) theirs.median() / ours.median();
			double withoutSpawn = (double) (theirs.median() - spawn.median()) / ours.median();
			rows.add(List.of(target.name(), Samples.ms(theirs.median()), Samples.ms(theirs.mean()),
					Samples.ms(ours.median()), Samples.ms(ours.mean()), Samples.ms(ours.percentile(99)),
					Samples.ms(Objects.requireNonNull(probeMeans.get(target.name()))), Samples.ms(answered.median()),
					Samples.ms(liveness.median()), Samples.ratio(ratio), Samples.ratio(withoutSpawn)));
			report.summary("c. check_smtp / fresh verdict through the health endpoint, " + target.name(),
					Samples.ratio(ratio), "> 1 (ours faster)", Verdict.of(ratio > 1.0));
			report.summary("c. check_smtp / health request answered from the verdict, " + target.name(),
					Samples.ratio((double) theirs.median() / answered.median()), "-", Verdict.CONTEXT);
		}
		report.table(List.of("Target", "check_smtp median", "check_smtp mean", "to fresh verdict median",
				"to fresh verdict mean", "to fresh verdict p99", "probe in the application (mean)", "GET served median",
				"GET liveness median (HTTP floor)", "check_smtp / to fresh verdict",
				"(check_smtp − /bin/true) / to fresh verdict"), rows);
	}

	private static String path(BenchTarget target) {
		return "/actuator/health/smtp/" + target.serverName();
	}

	/**
	 * check_smtp with the dialogue every client of the benchmarks speaks.
	 */
	static List<String> checkSmtpCommand(Path checkSmtp, BenchTarget target) {
		List<String> command = new ArrayList<>(
				List.of(checkSmtp.toString(), "-H", target.host(), "-p", String.valueOf(target.port()), "-F",
						BenchTarget.HELO_NAME, "-f", BenchTarget.MAIL_FROM, "-C", "RSET", "-R", "250", "-t", "10"));
		if (target.tls()) {
			command.addAll(List.of("-S", "-A", "LOGIN", "-U", String.valueOf(target.username()), "-P",
					String.valueOf(target.password())));
		}
		return command;
	}

	static List<String> dedupe(List<String> arguments) {
		return new ArrayList<>(new LinkedHashSet<>(arguments));
	}

}
