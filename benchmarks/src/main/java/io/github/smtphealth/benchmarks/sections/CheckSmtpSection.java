package io.github.smtphealth.benchmarks.sections;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Map;

import io.github.smtphealth.benchmarks.Report;
import io.github.smtphealth.benchmarks.Report.Verdict;
import io.github.smtphealth.benchmarks.RunProfile;
import io.github.smtphealth.benchmarks.Samples;
import io.github.smtphealth.benchmarks.support.BenchTarget;

/**
 * Workload c: one {@code check_smtp} run per check (the way Nagios or Icinga runs it: a new process
 * each time) against an HTTP GET of {@code /actuator/health/smtp/<server>} on a warm sample application
 * whose cache is off, so that every request runs a probe. Both do the same dialogue on the same
 * server; the measurements are interleaved in rounds so that drift in the machine's load hits both.
 *
 * @param context the run
 * @since 0.1.0
 */
public record CheckSmtpSection(RunContext context) {

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
			List<String> arguments = RunContext.sampleDefaults("0s");
			for (BenchTarget target : targets) {
				arguments.addAll(target.sampleArguments("smtp.check.servers." + target.serverName()));
			}
			Map<String, Samples> checkSmtp = new LinkedHashMap<>();
			Map<String, Samples> http = new LinkedHashMap<>();
			for (BenchTarget target : targets) {
				checkSmtp.put(target.name(), new Samples());
				http.put(target.name(), new Samples());
			}
			Samples spawn = new Samples();
			try (SampleApp app = this.context.startSample("c-check-smtp", dedupe(arguments))) {
				for (BenchTarget target : targets) {
					for (int i = 0; i < profile.httpWarmup(); i++) {
						app.getUp(path(target));
					}
					for (int i = 0; i < 3; i++) {
						runCheckSmtp(target);
					}
				}
				for (int round = 0; round < profile.rounds(); round++) {
					for (int i = 0; i < profile.checkSmtpPerRound(); i++) {
						spawn.add(timeProcess(List.of("/bin/true")));
					}
					for (BenchTarget target : targets) {
						for (int i = 0; i < profile.checkSmtpPerRound(); i++) {
							samples(checkSmtp, target).add(runCheckSmtp(target));
						}
						for (int i = 0; i < profile.httpPerRound(); i++) {
							long start = System.nanoTime();
							app.getUp(path(target));
							samples(http, target).add(System.nanoTime() - start);
						}
					}
				}
			}
			report(targets, checkSmtp, http, spawn, loadBefore, this.context.load("c done"));
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

	private void report(List<BenchTarget> targets, Map<String, Samples> checkSmtp, Map<String, Samples> http,
			Samples spawn, String loadBefore, String loadAfter) {
		RunProfile profile = this.context.profile();
		Report report = this.context.report();
		report.section("c. check_smtp vs GET /actuator/health/smtp (cache off, warm application)");
		report.paragraph("Per check wall time. check_smtp (" + this.context.checkSmtp() + ") is started as a new "
				+ "process per check, as a monitoring system does, with the same dialogue: `-F localhost -f "
				+ BenchTarget.MAIL_FROM + " -C RSET -R 250` and, for the TLS targets, `-S -A LOGIN -U … -P …` "
				+ "(check_smtp does not verify the certificate; ours verifies chain and host name). Ours is an HTTP "
				+ "GET of /actuator/health/smtp/&lt;target&gt; on the sample application (cache-ttl 0, so every request "
				+ "runs a probe; " + profile.httpWarmup() + " warmup requests per target), from a kept-alive "
				+ "java.net.http client in the harness JVM. " + profile.rounds() + " interleaved rounds of "
				+ profile.checkSmtpPerRound() + " check_smtp runs and " + profile.httpPerRound()
				+ " requests per target. Starting /bin/true the same way takes " + Samples.ms(spawn.median())
				+ " (median): that much of check_smtp's time is process creation. Machine " + loadBefore
				+ " before, " + loadAfter + " after.");
		List<List<String>> rows = new ArrayList<>();
		for (BenchTarget target : targets) {
			Samples ours = samples(http, target);
			Samples theirs = samples(checkSmtp, target);
			double ratio = (double) theirs.median() / ours.median();
			double withoutSpawn = (double) (theirs.median() - spawn.median()) / ours.median();
			rows.add(List.of(target.name(), Samples.ms(theirs.median()), Samples.ms(theirs.mean()),
					Samples.ms(ours.median()), Samples.ms(ours.mean()), Samples.ms(ours.percentile(99)),
					Samples.ratio(ratio), Samples.ratio(withoutSpawn)));
			report.summary("c. check_smtp / health endpoint, " + target.name(), Samples.ratio(ratio),
					"> 1 (ours faster)", Verdict.of(ratio > 1.0));
		}
		report.table(List.of("Target", "check_smtp median", "check_smtp mean", "GET median", "GET mean", "GET p99",
				"check_smtp / GET", "(check_smtp − process start) / GET"), rows);
	}

	private static String path(BenchTarget target) {
		return "/actuator/health/smtp/" + target.serverName();
	}

	private long runCheckSmtp(BenchTarget target) throws IOException {
		List<String> command = new ArrayList<>(List.of(this.context.checkSmtp().toString(), "-H", target.host(),
				"-p", String.valueOf(target.port()), "-F", BenchTarget.HELO_NAME, "-f", BenchTarget.MAIL_FROM, "-C",
				"RSET", "-R", "250", "-t", "10"));
		if (target.tls()) {
			command.addAll(List.of("-S", "-A", "LOGIN", "-U", String.valueOf(target.username()), "-P",
					String.valueOf(target.password())));
		}
		return timeProcess(command);
	}

	private static long timeProcess(List<String> command) throws IOException {
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit;
		try {
			exit = process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
		long elapsed = System.nanoTime() - start;
		if (exit != 0) {
			throw new IOException(command.get(0) + " exited with " + exit + ": " + output);
		}
		return elapsed;
	}

	static List<String> dedupe(List<String> arguments) {
		return new ArrayList<>(new LinkedHashSet<>(arguments));
	}

}
