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

package io.github.smtphealth.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged command as a process, as a monitoring system does: {@code java -jar
 * target/smtp-check.jar …} or the launcher {@code bin/smtp-check …}, with the JDK that runs the
 * build (the one that made the CDS archive).
 */
final class PackagedCommand {

	static final Path JAR = Path.of("target/smtp-check.jar");

	static final Path LAUNCHER = Path.of("bin/smtp-check");

	/**
	 * Far above any check's own deadline: a process that hangs fails the test instead of the build.
	 */
	private static final long PROCESS_TIMEOUT_SECONDS = 60;

	private PackagedCommand() {
	}

	static CommandRun jar(Map<String, String> environment, String... args) {
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", JAR.toString()));
		command.addAll(List.of(args));
		return run(command, environment);
	}

	static CommandRun launcher(Map<String, String> environment, String... args) {
		List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
		command.addAll(List.of(args));
		Map<String, String> withJava = new java.util.HashMap<>(environment);
		withJava.put("JAVA_HOME", System.getProperty("java.home"));
		return run(command, withJava);
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static CommandRun run(List<String> command, Map<String, String> environment) {
		assertThat(JAR).as("the packaged jar (mvn package)").isRegularFile();
		try {
			Path out = Files.createTempFile("smtp-check", ".out");
			Path err = Files.createTempFile("smtp-check", ".err");
			try {
				ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
				builder.environment().putAll(environment);
				Process process = builder.start();
				if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new AssertionError(command + " did not end within " + PROCESS_TIMEOUT_SECONDS + " s");
				}
				return new CommandRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
						Files.readString(err, StandardCharsets.UTF_8));
			}
			finally {
				Files.deleteIfExists(out);
				Files.deleteIfExists(err);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

}
