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

package io.github.smtphealth.benchmarks.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.github.smtphealth.benchmarks.Samples;

/**
 * Starts commands the way a monitoring system does, from a light native process: {@code
 * benchmarks/spawn.py} (os.posix_spawn and waitpid, timed on a monotonic clock), never
 * from this JVM, whose {@link ProcessBuilder} adds several milliseconds to every start.
 * The spawner is started once per batch; only the commands it starts are timed.
 *
 * @since 0.1.0
 */
public final class NativeSpawner {

	/**
	 * The spawner, relative to the repository root where {@code benchmarks/run.sh} starts
	 * the harness.
	 */
	public static final Path SCRIPT = Path.of("benchmarks/spawn.py");

	private static final long BATCH_TIMEOUT_MINUTES = 30;

	private final Path work;

	private final Map<String, String> environment;

	/**
	 * Create a spawner.
	 * @param work a directory for the command file
	 * @param environment variables added to the commands' environment
	 */
	public NativeSpawner(Path work, Map<String, String> environment) {
		this.work = work;
		this.environment = Map.copyOf(environment);
	}

	/**
	 * Run every command {@code perRound} times in each of {@code rounds} interleaved
	 * rounds.
	 * @param rounds the rounds
	 * @param perRound runs per command and round
	 * @param commands the commands
	 * @return the wall time of every run, by command name, in the order given
	 * @throws IOException if the spawner fails or a command exits with another code than
	 * expected
	 */
	public Map<String, Samples> run(int rounds, int perRound, List<Command> commands) throws IOException {
		Path spec = this.work.resolve("spawn-commands.tsv");
		StringBuilder lines = new StringBuilder();
		for (Command command : commands) {
			lines.append(command.name()).append('\t').append(command.expectedExit());
			for (String arg : command.argv()) {
				lines.append('\t').append(arg);
			}
			lines.append('\n');
		}
		Files.writeString(spec, lines, StandardCharsets.UTF_8);
		ProcessBuilder builder = new ProcessBuilder("python3", SCRIPT.toString(), String.valueOf(rounds),
				String.valueOf(perRound), spec.toString())
			.redirectError(ProcessBuilder.Redirect.INHERIT);
		builder.environment().putAll(this.environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!process.waitFor(BATCH_TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IOException("The spawner failed (its error is above): " + SCRIPT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
		finally {
			Files.deleteIfExists(spec);
		}
		Map<String, Samples> result = new LinkedHashMap<>();
		for (String line : output.split("\n")) {
			int tab = line.indexOf('\t');
			if (tab > 0) {
				Samples samples = new Samples();
				for (String nanos : line.substring(tab + 1).split(",")) {
					samples.add(Long.parseLong(nanos));
				}
				result.put(line.substring(0, tab), samples);
			}
		}
		for (Command command : commands) {
			Objects.requireNonNull(result.get(command.name()), () -> "no times for " + command.name());
		}
		return result;
	}

	/**
	 * One command.
	 *
	 * @param name its name in the results (no tab)
	 * @param expectedExit the exit code every run must end with
	 * @param argv the program and its arguments (no tab, no newline)
	 */
	public record Command(String name, int expectedExit, List<String> argv) {

		/**
		 * Create a command, copying the arguments.
		 */
		public Command {
			argv = List.copyOf(argv);
		}

	}

}
