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

package io.github.smtphealth.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.smtphealth.benchmarks.sections.CachedEndpointSection;
import io.github.smtphealth.benchmarks.sections.CheckSmtpSection;
import io.github.smtphealth.benchmarks.sections.CommandStartupSection;
import io.github.smtphealth.benchmarks.sections.HeapSection;
import io.github.smtphealth.benchmarks.sections.JmhSection;
import io.github.smtphealth.benchmarks.sections.RunContext;
import io.github.smtphealth.benchmarks.sections.ScaleSection;
import io.github.smtphealth.benchmarks.sections.StartupSection;
import io.github.smtphealth.benchmarks.support.BenchTarget;
import io.github.smtphealth.lab.SmtpLab;
import org.jspecify.annotations.Nullable;

/**
 * Runs every benchmark and writes {@code BENCHMARKS.md}. Started by
 * {@code benchmarks/run.sh}; options are {@code --profile=full|quick},
 * {@code --out=<file>}, {@code --sample-jar=<jar>}, {@code --check-smtp=<executable>},
 * {@code --smtp-check-jar=<jar>} (with its CDS archive next to it), {@code --work=
 *
<dir>
 * }, {@code --only=a,c,d,e,f,g,h} ({@code a} is the JMH run: a, b and allocation) and
 * {@code --analysis=<file>} (hand-written notes included as they are).
 *
 * @since 0.1.0
 */
public final class RunBenchmarks {

	private static final double QUIET_LOAD = 1.5;

	private static final double FOREIGN_SHARE_LIMIT = 0.15;

	private RunBenchmarks() {
	}

	/**
	 * Run.
	 * @param args the options
	 * @throws Exception if a benchmark fails
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Options look like --name=value, not '" + arg + "'");
			}
			options.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		RunProfile profile = "quick".equals(options.get("profile")) ? RunProfile.quick() : RunProfile.full();
		Path out = Path.of(options.getOrDefault("out", "BENCHMARKS.md"));
		Path work = Path.of(options.getOrDefault("work", "benchmarks/target/run"));
		Files.createDirectories(work);
		Set<String> only = new TreeSet<>(Arrays.asList(options.getOrDefault("only", "a,c,d,e,f,g,h").split(",")));
		boolean lab = SmtpLab.find().isPresent();
		Report report = new Report();
		RunContext context = new RunContext(profile, report,
				Path.of(options.getOrDefault("sample-jar", "sample-app/target/sample-app.jar")),
				Path.of(options.getOrDefault("check-smtp", "/usr/lib/nagios/plugins/check_smtp")), work, lab,
				BenchTarget.inProcessCertificate(), new LoadWatch());
		ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
		double startLoad = Machine.oneMinuteLoad();
		String loadAtStart = Machine.loadAverage();
		long startNanos = System.nanoTime();
		List<String> failed = new ArrayList<>();
		section("a", only, failed, report, () -> new JmhSection(context).run());
		section("c", only, failed, report, () -> new CheckSmtpSection(context).run());
		section("d", only, failed, report, () -> new CachedEndpointSection(context).run());
		section("e", only, failed, report, () -> new ScaleSection(context).run());
		section("f", only, failed, report, () -> new HeapSection(context).run());
		section("g", only, failed, report, () -> new StartupSection(context).run());
		section("h", only, failed, report,
				() -> new CommandStartupSection(context,
						Path.of(options.getOrDefault("smtp-check-jar", "benchmarks/target/run/smtp-check.jar")),
						Path.of("smtp-health-cli/bin/smtp-check"))
					.run());
		Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
		String analysis = (options.containsKey("analysis") && Files.isReadable(Path.of(options.get("analysis"))))
				? Files.readString(Path.of(options.get("analysis"))) : null;
		String markdown = render(context, started, took, loadAtStart, startLoad, Machine.loadAverage(), analysis);
		Files.writeString(out, markdown, StandardCharsets.UTF_8);
		System.out.println("==> wrote " + out.toAbsolutePath() + " in " + took.toMinutes() + " min "
				+ took.toSecondsPart() + " s");
		if (!failed.isEmpty()) {
			System.out.println("==> failed: " + String.join(", ", failed));
			System.exit(1);
		}
	}

	/**
	 * Run one section if selected; a failure is reported and the run goes on with the
	 * next section.
	 */
	private static void section(String id, Set<String> only, List<String> failed, Report report, Section section) {
		if (!only.contains(id)) {
			return;
		}
		try {
			section.run();
		}
		catch (Exception ex) {
			ex.printStackTrace();
			failed.add(id);
			report.section(id + ". FAILED");
			report.preformatted(String.valueOf(ex));
			report.summary(id + ". failed", "-", "-", Report.Verdict.MISSED);
		}
	}

	private static String render(RunContext context, ZonedDateTime started, Duration took, String loadAtStart,
			double startLoad, String loadAtEnd, @Nullable String analysis) {
		RunProfile profile = context.profile();
		StringBuilder md = new StringBuilder();
		md.append("# smtp-health benchmarks\n\n");
		md.append("Generated by `bash benchmarks/run.sh` on ")
			.append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
			.append(" (profile `")
			.append(profile.name())
			.append("`, ")
			.append(took.toMinutes())
			.append(" min ")
			.append(took.toSecondsPart())
			.append(" s). Generated file: re-run the command rather than editing it.\n\n");
		if (!"full".equals(profile.name())) {
			md.append("> **Smoke-test profile: these numbers mean nothing.** Run `bash benchmarks/run.sh` for real "
					+ "numbers.\n\n");
		}
		double foreign = context.loads().highestForeignShare();
		if (!(startLoad < QUIET_LOAD) || foreign > FOREIGN_SHARE_LIMIT) {
			md.append(String.format(Locale.ROOT, "> **Warning: the machine was not quiet: the 1-minute load was %.2f "
					+ "when this run started, and other processes used up to %.0f%% of the %d processors' CPU during a "
					+ "section (noted in every section). Absolute times are inflated and ratios are noisier than "
					+ "their error bars suggest.**%n%n", startLoad, foreign * 100, Machine.processors()));
		}
		md.append("Every number is a ratio of two measurements taken in the same run on the same machine; absolute ")
			.append("times are quoted as context only. None of this is a test: a slow machine fails nothing.\n\n");
		md.append("## Summary\n\n").append(context.report().summaryTable()).append('\n');
		if (analysis != null) {
			md.append(analysis.strip()).append("\n\n");
		}
		md.append("## Machine\n\n");
		md.append("- processors (nproc): ").append(Machine.processors()).append('\n');
		md.append("- CPU: ").append(Machine.cpuModel()).append('\n');
		md.append("- memory: ").append(Machine.memory()).append('\n');
		md.append("- JDK: ").append(Machine.jdk()).append('\n');
		md.append("- OS: ").append(Machine.os()).append('\n');
		md.append("- load average (1, 5, 15 min): ")
			.append(loadAtStart)
			.append(" at start, ")
			.append(loadAtEnd)
			.append(" at end\n");
		md.append("- real servers: ")
			.append(context.labAvailable() ? "scripts/smtp-lab (Postfix on loopback)"
					: "lab not running: in-process only")
			.append('\n');
		md.append("- check_smtp: ").append(checkSmtpVersion(context.checkSmtp())).append("\n\n");
		md.append("## Method\n\n");
		md.append("- Targets: `inproc-plain` and `inproc-tls` are a minimal in-process SMTP server (one thread, one "
				+ "connection at a time, no parsing beyond the verb; STARTTLS with a self-signed RSA 2048 certificate "
				+ "for 127.0.0.1, AUTH PLAIN/LOGIN). `postfix-plain` and `postfix-tls` are the lab's Postfix "
				+ "(scripts/smtp-lab) without TLS, and with STARTTLS and AUTH.\n");
		md.append("- Every client does the same work where it can: `EHLO localhost`, `MAIL FROM:<bench@example.org>`, "
				+ "`AUTH LOGIN` (the only mechanism check_smtp has; JavaMail's first choice), TLS with the server's "
				+ "certificate as the only trust anchor and host name verification on (except check_smtp, which "
				+ "does not verify).\n");
		md.append("- JMH: ")
			.append(profile.jmhForks())
			.append(" fork(s), ")
			.append(profile.jmhWarmupIterations())
			.append(" warmup and ")
			.append(profile.jmhMeasurementIterations())
			.append(" measurement iterations of ")
			.append(profile.jmhIterationTime().toMillis())
			.append(" ms per benchmark; one JMH run per target (floor, probe and JavaMail back to back); raw JSON "
					+ "in `benchmarks/target/run/jmh-result-TARGET.json`.\n");
		md.append("- The sample application runs as its own process (`java -Xmx256m -jar sample-app/target/"
				+ "sample-app.jar`, embedded server off) on the same machine as the load generator and servers.\n");
		md.append("- Logs of every application start: benchmarks/target/run/sample-*.log.\n");
		md.append(context.report().body());
		return md.toString();
	}

	private static String checkSmtpVersion(Path checkSmtp) {
		try {
			Process process = new ProcessBuilder(List.of(checkSmtp.toString(), "-V")).redirectErrorStream(true).start();
			String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			process.waitFor();
			return checkSmtp + " (" + version + ")";
		}
		catch (IOException ex) {
			return checkSmtp + " (not runnable: " + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return checkSmtp.toString();
		}
	}

	/**
	 * One part of the run.
	 */
	@FunctionalInterface
	private interface Section {

		void run() throws Exception;

	}

}
