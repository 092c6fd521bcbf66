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

package io.github.smtphealth.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the reliability figures that tests measure (fuzz, load) are written:
 * {@code target/reliability} of the module under test, and {@code docs/reliability} of
 * the repository when {@code -Dsmtphealth.reliability.publish=true}.
 *
 * @since 0.1.0
 */
public final class ReliabilityReports {

	/**
	 * The system property that also publishes a page to {@code docs/reliability}.
	 */
	public static final String PUBLISH_PROPERTY = "smtphealth.reliability.publish";

	private ReliabilityReports() {
	}

	/**
	 * Return the module's directory: Surefire's {@code basedir}, which stays right when a
	 * fuzzing run works in a directory of its own.
	 * @return the directory
	 */
	public static Path moduleDirectory() {
		return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
	}

	/**
	 * Return the module's report directory, {@code target/reliability}.
	 * @return the directory, which may not exist yet
	 */
	public static Path reportDirectory() {
		return moduleDirectory().resolve("target/reliability");
	}

	/**
	 * Write a page to the report directory, and to {@code docs/reliability} when
	 * {@link #PUBLISH_PROPERTY} is {@code true}.
	 * @param fileName the page's file name, such as {@code load.md}
	 * @param page the Markdown
	 * @throws IOException if it cannot be written
	 */
	public static void publish(String fileName, String page) throws IOException {
		Files.createDirectories(reportDirectory());
		Files.writeString(reportDirectory().resolve(fileName), page, StandardCharsets.UTF_8);
		if (Boolean.getBoolean(PUBLISH_PROPERTY)) {
			Path docs = moduleDirectory().toAbsolutePath().resolveSibling("docs").resolve("reliability");
			Files.createDirectories(docs);
			Files.writeString(docs.resolve(fileName), page, StandardCharsets.UTF_8);
		}
	}

}
