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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.smtphealth.benchmarks.Report;
import io.github.smtphealth.benchmarks.Report.Verdict;
import io.github.smtphealth.benchmarks.RunProfile;
import io.github.smtphealth.benchmarks.Samples;
import io.github.smtphealth.benchmarks.support.BenchTarget;
import io.github.smtphealth.benchmarks.support.NativeSpawner;
import io.github.smtphealth.benchmarks.support.NativeSpawner.Command;

/**
 * Workload h: a one-shot check from the command line, as Nagios, Icinga, Mackerel or cron
 * start it: {@code smtp-check} (through its launcher, and as plain {@code java -jar} with
 * and without the class-data sharing archive), {@code check_smtp}, a trivial JVM start
 * ({@code java -version}) and {@code /bin/true}, all started by the light native spawner,
 * interleaved, against the same server (the lab's Postfix STARTTLS + AUTH when it runs).
 *
 * @since 0.1.0
 */
public final class CommandStartupSection {

	private static final String TRUE = "/bin/true";

	private static final String JAVA_VERSION = "java -version";

	private static final String JAVA_VERSION_TUNED = "java -version, launcher options";

	private static final String CHECK_SMTP = "check_smtp";

	private static final String JAR = "java -jar smtp-check.jar";

	private static final String JAR_CDS = "java -XX:SharedArchiveFile=smtp-check.jsa -jar smtp-check.jar";

	private static final String JAR_TUNED = "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar smtp-check.jar";

	private static final String LAUNCHER = "bin/smtp-check (both, and /bin/sh)";

	private static final List<String> TUNED = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");

	private static final List<String> QUIET_CDS = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

	private final RunContext context;

	private final Path jar;

	private final Path launcher;

	/**
	 * Create the section.
	 * @param context the run
	 * @param jar smtp-check.jar, with smtp-check.jsa made for it next to it
	 * @param launcher bin/smtp-check
	 */
	public CommandStartupSection(RunContext context, Path jar, Path launcher) {
		this.context = context;
		this.jar = jar.toAbsolutePath();
		this.launcher = launcher.toAbsolutePath();
	}

	/**
	 * Measure and report.
	 * @throws IOException if a server cannot start or a command fails
	 */
	public void run() throws IOException {
		RunProfile profile = this.context.profile();
		String loadBefore = this.context.load("h. one-shot command start-up");
		String targetName = this.context.labAvailable() ? BenchTarget.POSTFIX_TLS : BenchTarget.INPROC_TLS;
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path archive = Path.of(this.jar.toString().replaceFirst("\\.jar$", ".jsa"));
		try (BenchTarget target = this.context.open(targetName)) {
			List<String> check = smtpCheckArguments(target);
			List<Command> commands = new ArrayList<>();
			commands.add(new Command(TRUE, 0, List.of(TRUE)));
			commands.add(new Command(JAVA_VERSION, 0, List.of(java, "-version")));
			commands.add(new Command(JAVA_VERSION_TUNED, 0, concat(List.of(java), TUNED, List.of("-version"))));
			commands
				.add(new Command(CHECK_SMTP, 0, CheckSmtpSection.checkSmtpCommand(this.context.checkSmtp(), target)));
			commands.add(new Command(JAR, 0, concat(List.of(java, "-jar", this.jar.toString()), check)));
			commands.add(new Command(JAR_CDS, 0, concat(List.of(java, "-XX:SharedArchiveFile=" + archive), QUIET_CDS,
					List.of("-jar", this.jar.toString()), check)));
			commands.add(new Command(JAR_TUNED, 0,
					concat(List.of(java), TUNED, List.of("-jar", this.jar.toString()), check)));
			commands.add(new Command(LAUNCHER, 0, concat(List.of(this.launcher.toString()), check)));
			NativeSpawner spawner = new NativeSpawner(this.context.work(),
					Map.of("SMTP_CHECK_JAR", this.jar.toString(), "JAVA_HOME", System.getProperty("java.home")));
			spawner.run(1, 2, commands);
			Map<String, Samples> times = spawner.run(profile.rounds(), profile.checkSmtpPerRound(), commands);
			report(target, commands, times, loadBefore, this.context.load("h done"));
		}
	}

	/**
	 * The dialogue of check_smtp's command in section c, plus what check_smtp cannot do:
	 * verify the certificate against the server's own.
	 */
	private static List<String> smtpCheckArguments(BenchTarget target) {
		List<String> arguments = new ArrayList<>(List.of("-H", target.host(), "-p", String.valueOf(target.port()), "-F",
				BenchTarget.HELO_NAME, "-f", BenchTarget.MAIL_FROM, "-t", "10"));
		if (target.tls()) {
			arguments.addAll(List.of("-S", "-A", "login", "-U", String.valueOf(target.username()), "-P",
					String.valueOf(target.password()), "--ca-file",
					String.valueOf(Objects.requireNonNull(target.certificatePem()))));
		}
		return arguments;
	}

	private void report(BenchTarget target, List<Command> commands, Map<String, Samples> times, String loadBefore,
			String loadAfter) {
		RunProfile profile = this.context.profile();
		Report report = this.context.report();
		report.section("h. One-shot check from the command line: smtp-check vs check_smtp vs a JVM start");
		report.paragraph("Wall time per process, from the light native spawner (" + NativeSpawner.SCRIPT
				+ ": posix_spawn, then waitpid) to its exit, as a monitoring system starts a check; target "
				+ target.name() + " (connect, EHLO, STARTTLS, EHLO, AUTH LOGIN, MAIL FROM, RSET, QUIT; smtp-check "
				+ "also verifies the chain and host name with --ca-file, check_smtp verifies nothing). "
				+ profile.rounds() + " interleaved rounds of " + profile.checkSmtpPerRound() + " runs of each command, "
				+ "after 2 warmup runs each. The archive smtp-check.jsa was made for this jar by this JDK "
				+ "(CdsTraining with -XX:ArchiveClassesAtExit). Every run must exit 0. Machine " + loadBefore
				+ " before, " + loadAfter + " after.");
		Samples checkSmtp = samples(times, CHECK_SMTP);
		Samples javaVersion = samples(times, JAVA_VERSION);
		Samples launcher = samples(times, LAUNCHER);
		List<List<String>> rows = new ArrayList<>();
		for (Command command : commands) {
			Samples samples = samples(times, command.name());
			rows.add(List.of("`" + command.name() + "`", Samples.ms(samples.median()),
					Samples.ms(samples.percentile(10)), Samples.ms(samples.percentile(90)),
					Samples.ratio((double) samples.median() / checkSmtp.median()),
					Samples.ratio((double) samples.median() / javaVersion.median())));
		}
		report.table(List.of("Command", "median", "p10", "p90", "/ check_smtp (medians)", "/ java -version (medians)"),
				rows);
		double vsCheckSmtp = (double) launcher.median() / checkSmtp.median();
		double vsJvm = (double) launcher.median() / javaVersion.median();
		double gain = (double) samples(times, JAR).median() / launcher.median();
		report.summary("h. smtp-check (launcher) / check_smtp, " + target.name(), Samples.ratio(vsCheckSmtp), "-",
				Verdict.CONTEXT);
		report.summary("h. smtp-check (launcher) / java -version", Samples.ratio(vsJvm), "-", Verdict.CONTEXT);
		report.summary("h. java -jar / launcher (CDS archive + C1 + serial GC)", Samples.ratio(gain), "> 1",
				Verdict.of(gain > 1.0));
	}

	private static Samples samples(Map<String, Samples> times, String name) {
		return Objects.requireNonNull(times.get(name), name);
	}

	@SafeVarargs
	private static List<String> concat(List<String>... parts) {
		List<String> result = new ArrayList<>();
		for (List<String> part : parts) {
			result.addAll(part);
		}
		return result;
	}

}
