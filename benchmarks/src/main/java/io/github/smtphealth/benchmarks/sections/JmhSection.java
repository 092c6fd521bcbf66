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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.smtphealth.benchmarks.Report;
import io.github.smtphealth.benchmarks.Report.Verdict;
import io.github.smtphealth.benchmarks.RunProfile;
import io.github.smtphealth.benchmarks.Samples;
import io.github.smtphealth.benchmarks.jmh.ProbeBenchmark;
import io.github.smtphealth.benchmarks.support.BenchTarget;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Workloads a (floor vs probe), b (Spring's JavaMail path vs probe) and the allocation
 * half of f, from one JMH run of {@link ProbeBenchmark} with the GC profiler.
 *
 * @param context the run
 * @since 0.1.0
 */
public record JmhSection(RunContext context) {

	private static final String FLOOR = "floor";

	private static final String PROBE = "probe";

	private static final String SPRING_MAIL = "springMail";

	private static final double FLOOR_TARGET = 1.10;

	/**
	 * Run the benchmarks and report them.
	 * @throws RunnerException if JMH fails
	 */
	public void run() throws RunnerException {
		RunProfile profile = this.context.profile();
		String loadBefore = this.context.load("JMH: floor, probe, Spring JavaMail");
		List<RunResult> results = new ArrayList<>();
		for (String target : this.context.targetNames()) {
			results.addAll(new Runner(options(profile, target)).run());
		}
		String loadAfter = this.context.load("JMH done");
		Map<String, Map<String, RunResult>> byTarget = new LinkedHashMap<>();
		for (RunResult result : results) {
			String method = result.getParams().getBenchmark();
			method = method.substring(method.lastIndexOf('.') + 1);
			byTarget.computeIfAbsent(result.getParams().getParam("target"), (key) -> new LinkedHashMap<>())
				.put(method, result);
		}
		report(byTarget, loadBefore, loadAfter);
	}

	/**
	 * One JMH run per target, so that the floor, the probe and JavaMail meet the server
	 * within a minute of each other: Postfix's cost per connection drifts over minutes
	 * (its process pool), which would otherwise land on whichever client JMH happened to
	 * run later.
	 */
	private Options options(RunProfile profile, String target) {
		return new OptionsBuilder().include(ProbeBenchmark.class.getName().replace(".", "\\.") + "\\.")
			.param("target", target)
			.forks(profile.jmhForks())
			.warmupIterations(profile.jmhWarmupIterations())
			.warmupTime(TimeValue.milliseconds(profile.jmhIterationTime().toMillis()))
			.measurementIterations(profile.jmhMeasurementIterations())
			.measurementTime(TimeValue.milliseconds(profile.jmhIterationTime().toMillis()))
			.timeUnit(TimeUnit.MICROSECONDS)
			.jvmArgsAppend("-Xms256m", "-Xmx256m")
			.addProfiler(GCProfiler.class)
			.shouldFailOnError(true)
			.resultFormat(ResultFormatType.JSON)
			.result(this.context.work().resolve("jmh-result-" + target + ".json").toString())
			.build();
	}

	private void report(Map<String, Map<String, RunResult>> byTarget, String loadBefore, String loadAfter) {
		RunProfile profile = this.context.profile();
		Report report = this.context.report();
		report.section("a, b. One check: floor, our probe, Spring's JavaMail path (JMH)");
		report.paragraph("JMH " + ProbeBenchmark.class.getSimpleName() + ", sample mode: every complete check timed "
				+ "on its own; the verdicts compare medians (robust to the tail that Postfix's process recycling and "
				+ "GC add to whichever client happens to run), the means are given with JMH's error, "
				+ profile.jmhForks() + " fork(s) × " + profile.jmhWarmupIterations() + " warmup + "
				+ profile.jmhMeasurementIterations() + " measurement iterations of "
				+ profile.jmhIterationTime().toMillis() + " ms, heap 256 MB, GC profiler on; error = JMH's 99.9% "
				+ "confidence half-width of the mean. Every measured call must succeed. Machine " + loadBefore
				+ " before, " + loadAfter + " after.");
		List<List<String>> rows = new ArrayList<>();
		for (Map.Entry<String, Map<String, RunResult>> entry : byTarget.entrySet()) {
			String target = entry.getKey();
			Result<?> floor = primary(entry.getValue(), FLOOR);
			Result<?> probe = primary(entry.getValue(), PROBE);
			Result<?> springMail = primary(entry.getValue(), SPRING_MAIL);
			double probeToFloor = medianRatio(probe, floor);
			double springToProbe = medianRatio(springMail, probe);
			rows.add(List.of(target, micros(floor), micros(probe), micros(springMail),
					Samples.ratio(probeToFloor) + " (means " + Samples.ratio(ratio(probe, floor)) + " ± "
							+ Samples.number(ratioError(probe, floor), 2) + ")",
					Samples.ratio(springToProbe) + " (means " + Samples.ratio(ratio(springMail, probe)) + " ± "
							+ Samples.number(ratioError(springMail, probe), 2) + ")"));
			report.summary("a. probe / floor (medians), " + target, Samples.ratio(probeToFloor), "≤ 1.10",
					Verdict.of(probeToFloor <= FLOOR_TARGET));
			report.summary("b. Spring JavaMail / probe (medians), " + target, Samples.ratio(springToProbe),
					"> 1 (ours faster)", Verdict.of(springToProbe > 1.0));
		}
		report.table(List.of("Target", "floor µs/check: median (mean ± error)", "probe", "Spring JavaMail",
				"a. probe / floor: medians (means)", "b. JavaMail / probe: medians (means)"), rows);
		report.paragraph("The floor and the probe speak the identical dialogue: connect, 220, EHLO, [STARTTLS, "
				+ "handshake with chain and host name verification, EHLO, AUTH LOGIN,] MAIL FROM, RSET, QUIT. "
				+ "JavaMail's testConnection() stops after AUTH (connect, EHLO, [STARTTLS, EHLO, AUTH,] QUIT): "
				+ "two round trips fewer than ours.");
		reportAllocation(byTarget);
	}

	private void reportAllocation(Map<String, Map<String, RunResult>> byTarget) {
		Report report = this.context.report();
		report.section("f. Allocation per check (JMH -prof gc)");
		report.paragraph("gc.alloc.rate.norm: bytes allocated per check by all threads of the benchmark JVM. "
				+ "For the in-process targets that includes the in-process server's own allocation (same JVM), "
				+ "so only the Postfix rows are the client's allocation alone.");
		List<List<String>> rows = new ArrayList<>();
		for (Map.Entry<String, Map<String, RunResult>> entry : byTarget.entrySet()) {
			String target = entry.getKey();
			boolean clientOnly = target.startsWith("postfix");
			rows.add(List.of(target + (clientOnly ? "" : " (client + server)"), bytes(entry.getValue(), FLOOR),
					bytes(entry.getValue(), PROBE), bytes(entry.getValue(), SPRING_MAIL)));
			if (clientOnly) {
				report.summary("f. allocation per probe, " + target, bytes(entry.getValue(), PROBE), "-",
						Verdict.CONTEXT);
			}
		}
		report.table(List.of("Target", "floor (B/check)", "probe (B/check)", "Spring JavaMail (B/check)"), rows);
		if (!byTarget.containsKey(BenchTarget.POSTFIX_PLAIN)) {
			report.paragraph("The lab was not running, so there is no client-only allocation figure.");
		}
	}

	private static @Nullable Result<?> primary(Map<String, RunResult> results, String method) {
		RunResult result = results.get(method);
		return (result != null) ? result.getPrimaryResult() : null;
	}

	private static String micros(@Nullable Result<?> result) {
		return (result != null) ? Samples.number(median(result), 1) + " (" + Samples.number(result.getScore(), 1)
				+ " ± " + Samples.number(result.getScoreError(), 1) + ")" : "n/a";
	}

	private static double median(Result<?> result) {
		return result.getStatistics().getPercentile(50.0);
	}

	private static double medianRatio(@Nullable Result<?> numerator, @Nullable Result<?> denominator) {
		return (numerator != null && denominator != null) ? median(numerator) / median(denominator) : Double.NaN;
	}

	private static double ratio(@Nullable Result<?> numerator, @Nullable Result<?> denominator) {
		return (numerator != null && denominator != null) ? numerator.getScore() / denominator.getScore() : Double.NaN;
	}

	/**
	 * The half-width of the ratio's interval, from the relative errors of both scores.
	 */
	private static double ratioError(@Nullable Result<?> numerator, @Nullable Result<?> denominator) {
		if (numerator == null || denominator == null) {
			return Double.NaN;
		}
		double a = relativeError(numerator);
		double b = relativeError(denominator);
		return ratio(numerator, denominator) * Math.sqrt(a * a + b * b);
	}

	private static double relativeError(Result<?> result) {
		double error = result.getScoreError();
		return Double.isFinite(error) ? error / result.getScore() : 0;
	}

	private static String bytes(Map<String, RunResult> results, String method) {
		RunResult result = results.get(method);
		if (result == null) {
			return "n/a";
		}
		Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
		return (allocation != null) ? Samples.number(allocation.getScore(), 0) : "n/a";
	}

}
