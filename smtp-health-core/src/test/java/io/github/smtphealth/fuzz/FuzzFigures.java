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

package io.github.smtphealth.fuzz;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.smtphealth.testsupport.ReliabilityReports;

/**
 * What one fuzz target did in one run: how many inputs it executed, what became of them,
 * and the slowest call. {@link #write()} stores them under
 * {@code target/reliability/fuzz/} and renders the figures of every target into
 * {@code target/reliability/fuzz.md}; with {@code -Dsmtphealth.reliability.publish=true}
 * also into {@code docs/reliability/fuzz.md} at the repository root. A test counts every
 * input, findings included ({@link #FINDING_PREFIX}), so the page tells a clean run from
 * one that failed.
 *
 * @since 0.1.0
 */
public final class FuzzFigures {

	/**
	 * Prefix of the outcome of an input that broke a documented promise.
	 */
	public static final String FINDING_PREFIX = "FINDING ";

	private final String target;

	private final String claim;

	private final Path corpusDirectory;

	private final long startNanos = System.nanoTime();

	private final LongAdder executions = new LongAdder();

	private final Map<String, LongAdder> outcomes = new ConcurrentSkipListMap<>();

	private final AtomicLong slowestNanos = new AtomicLong();

	/**
	 * Start counting for a target.
	 * @param testClass the fuzz test class
	 * @param method the fuzz test method
	 * @param claim what the target asserts, one sentence for the report
	 */
	public FuzzFigures(Class<?> testClass, String method, String claim) {
		this.target = testClass.getSimpleName() + "." + method;
		this.claim = claim;
		this.corpusDirectory = ReliabilityReports.moduleDirectory()
			.resolve("src/test/resources")
			.resolve(testClass.getPackageName().replace('.', '/'))
			.resolve(testClass.getSimpleName() + "Inputs")
			.resolve(method);
	}

	/**
	 * Return whether Jazzer is fuzzing ({@code JAZZER_FUZZ} set) rather than replaying
	 * the corpus.
	 * @return {@code true} when fuzzing
	 */
	public static boolean isFuzzing() {
		String value = System.getenv("JAZZER_FUZZ");
		if (value == null) {
			value = System.getProperty("JAZZER_FUZZ", "");
		}
		return value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes");
	}

	/**
	 * Run one input and count it with the outcome it returns, or, when it throws, as a
	 * finding named after the exception, which is then rethrown for the fuzzer to report.
	 * @param input what to do with the input, returning its outcome
	 */
	public void execute(Supplier<String> input) {
		String outcome = "unknown";
		try {
			outcome = input.get();
		}
		catch (AssertionError | RuntimeException ex) {
			outcome = FINDING_PREFIX + ex.getClass().getSimpleName();
			throw ex;
		}
		finally {
			executed(outcome);
		}
	}

	/**
	 * Count one executed input.
	 * @param outcome what became of it, from a small fixed set, for example
	 * {@code "reply"}
	 */
	public void executed(String outcome) {
		this.executions.increment();
		this.outcomes.computeIfAbsent(outcome, (key) -> new LongAdder()).increment();
	}

	/**
	 * Note how long one call took.
	 * @param duration the time
	 */
	public void took(Duration duration) {
		this.slowestNanos.accumulateAndGet(duration.toNanos(), Math::max);
	}

	/**
	 * Store this run's figures and render the report of every target.
	 */
	public void write() {
		Path directory = ReliabilityReports.reportDirectory().resolve("fuzz");
		String mode = isFuzzing() ? "fuzzing" : "regression";
		Properties figures = new Properties();
		figures.setProperty("target", this.target);
		figures.setProperty("claim", this.claim);
		figures.setProperty("mode", mode);
		figures.setProperty("executions", Long.toString(this.executions.sum()));
		figures.setProperty("millis", Long.toString(Duration.ofNanos(System.nanoTime() - this.startNanos).toMillis()));
		figures.setProperty("slowestMillis", Long.toString(Duration.ofNanos(this.slowestNanos.get()).toMillis()));
		figures.setProperty("corpus", Long.toString(countFiles(this.corpusDirectory)));
		figures.setProperty("finishedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		this.outcomes
			.forEach((outcome, count) -> figures.setProperty("outcome." + outcome, Long.toString(count.sum())));
		try {
			Files.createDirectories(directory);
			try (Writer writer = Files.newBufferedWriter(directory.resolve(this.target + "." + mode + ".properties"),
					StandardCharsets.UTF_8)) {
				figures.store(writer, null);
			}
			String page = render(readAll(directory));
			ReliabilityReports.publish("fuzz.md", page);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the fuzz report", ex);
		}
	}

	private static List<Properties> readAll(Path directory) throws IOException {
		List<Properties> all = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".properties")).sorted().toList()) {
				Properties figures = new Properties();
				try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
					figures.load(reader);
				}
				all.add(figures);
			}
		}
		return all;
	}

	private static String render(List<Properties> runs) {
		StringBuilder page = new StringBuilder();
		page.append("# Fuzzing\n\n");
		page.append("Generated by the Jazzer fuzz tests of smtp-health-core; do not edit. ");
		page.append(
				"`mvn -pl smtp-health-core -am -Pfuzz test -Dtest='*FuzzTests' -Dsurefire.failIfNoSpecifiedTests=false` ");
		page.append(
				"fuzzes each target for a bounded time (`.ci/run` does so on every CI run); `mvn verify` replays the committed corpus ");
		page.append("(`src/test/resources/**/*FuzzTestsInputs/`) as regression tests. ");
		page.append("A finding is an input that broke the target's claim; a finding fails the build.\n\n");
		page.append("| Target | Mode | Executions | Time | Executions/s | Slowest call | Committed corpus ");
		page.append("| Findings |\n");
		page.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Properties run : runs) {
			long executions = Long.parseLong(run.getProperty("executions"));
			long millis = Math.max(1, Long.parseLong(run.getProperty("millis")));
			page.append("| `").append(run.getProperty("target")).append("` | ").append(run.getProperty("mode"));
			page.append(" | ").append(executions);
			page.append(" | ").append(String.format(Locale.ROOT, "%.1f s", millis / 1000.0));
			page.append(" | ").append(executions * 1000 / millis);
			page.append(" | ").append(run.getProperty("slowestMillis")).append(" ms");
			page.append(" | ").append(run.getProperty("corpus"));
			page.append(" | ").append(findings(run)).append(" |\n");
		}
		for (Properties run : runs) {
			page.append("\n## `").append(run.getProperty("target")).append("`, ").append(run.getProperty("mode"));
			page.append(" (finished ").append(run.getProperty("finishedAt")).append(")\n\n");
			page.append(run.getProperty("claim")).append("\n\n");
			page.append("| Outcome | Inputs |\n| --- | ---: |\n");
			outcomes(run).forEach((outcome, count) -> page.append("| ")
				.append(outcome.replace("|", "\\|"))
				.append(" | ")
				.append(count)
				.append(" |\n"));
		}
		return page.toString();
	}

	private static Map<String, Long> outcomes(Properties run) {
		Map<String, Long> outcomes = new TreeMap<>();
		for (String name : run.stringPropertyNames()) {
			if (name.startsWith("outcome.")) {
				outcomes.put(name.substring("outcome.".length()), Long.parseLong(run.getProperty(name)));
			}
		}
		return outcomes;
	}

	private static long findings(Properties run) {
		return outcomes(run).entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(FINDING_PREFIX))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	private static long countFiles(Path directory) {
		if (!Files.isDirectory(directory)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(Files::isRegularFile).count();
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
