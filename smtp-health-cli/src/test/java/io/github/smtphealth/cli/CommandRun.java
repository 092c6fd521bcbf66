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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One run of {@link SmtpCheckCommand} in this JVM, with its exit code and everything it
 * printed.
 *
 * @param exitCode the exit code
 * @param out what went to standard output
 * @param err what went to standard error
 */
record CommandRun(int exitCode, String out, String err) {

	static CommandRun of(String... args) {
		return withEnvironment(Map.of(), args);
	}

	static CommandRun withEnvironment(Map<String, String> environment, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
				PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
			int exitCode = new SmtpCheckCommand(outStream, errStream, environment::get).run(List.of(args));
			return new CommandRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
		}
	}

	/**
	 * Return the first line of standard output: what a monitoring system shows.
	 * @return the status line
	 */
	String statusLine() {
		int end = this.out.indexOf('\n');
		return (end >= 0) ? this.out.substring(0, end) : this.out;
	}

	/**
	 * Return everything printed, both streams.
	 * @return the output
	 */
	String all() {
		return this.out + this.err;
	}

}
