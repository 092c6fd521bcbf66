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

import io.github.smtphealth.benchmarks.LoadWatch;
import io.github.smtphealth.benchmarks.Report;
import io.github.smtphealth.benchmarks.RunProfile;
import io.github.smtphealth.benchmarks.support.BenchTarget;
import io.github.smtphealth.lab.SmtpLab;
import io.github.smtphealth.testsupport.TestCertificate;

/**
 * What every section of the run shares.
 *
 * @param profile how long to measure
 * @param report where the results go
 * @param sampleJar the sample application's jar
 * @param checkSmtp the {@code check_smtp} executable
 * @param work a directory for logs and results
 * @param labAvailable whether the lab's servers are running
 * @param certificate the in-process servers' certificate
 * @param loads the machine's load between steps
 * @since 0.1.0
 */
public record RunContext(RunProfile profile, Report report, Path sampleJar, Path checkSmtp, Path work,
		boolean labAvailable, TestCertificate certificate, LoadWatch loads) {

	/**
	 * Return the names of the targets this run measures: the in-process ones, and the
	 * lab's when it runs.
	 * @return the target names
	 */
	public List<String> targetNames() {
		List<String> names = new ArrayList<>(List.of(BenchTarget.INPROC_PLAIN, BenchTarget.INPROC_TLS));
		if (this.labAvailable) {
			names.add(BenchTarget.POSTFIX_PLAIN);
			names.add(BenchTarget.POSTFIX_TLS);
		}
		return names;
	}

	/**
	 * Open a target, with this run's certificate for in-process servers.
	 * @param name the target's name
	 * @return the target
	 * @throws IOException if its server cannot start
	 */
	public BenchTarget open(String name) throws IOException {
		return BenchTarget.open(name, this.certificate);
	}

	/**
	 * Start the sample application.
	 * @param label names its log file
	 * @param arguments its arguments
	 * @return the running application
	 * @throws IOException if it does not start
	 */
	public SampleApp startSample(String label, List<String> arguments) throws IOException {
		return SampleApp.start(this.sampleJar, this.work.resolve("sample-" + label + ".log"), arguments);
	}

	/**
	 * Return the arguments every run of the sample application gets: the embedded server
	 * off, and the given cache TTL for every SMTP server.
	 * @param cacheTtl such as {@code 0s}
	 * @return the arguments
	 */
	public static List<String> sampleDefaults(String cacheTtl) {
		return new ArrayList<>(List.of("--sample.embedded-smtp.enabled=false", "--smtp.check.cache-ttl=" + cacheTtl));
	}

	/**
	 * Note the machine's load in the log and return it for the report.
	 * @param step what is about to run
	 * @return such as {@code load 0.52 0.80 1.10}
	 */
	public String load(String step) {
		return this.loads.note(step);
	}

	/**
	 * Return the lab's Postfix log, for counting connections.
	 * @return the log file
	 */
	public Path postfixLog() {
		return SmtpLab.find()
			.orElseThrow(() -> new IllegalStateException("The SMTP lab is not running (scripts/smtp-lab/start.sh)"))
			.log("postfix");
	}

}
