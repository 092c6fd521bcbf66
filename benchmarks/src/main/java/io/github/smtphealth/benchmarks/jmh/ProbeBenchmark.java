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

package io.github.smtphealth.benchmarks.jmh;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.github.smtphealth.benchmarks.support.BenchTarget;
import io.github.smtphealth.benchmarks.support.FloorClient;
import io.github.smtphealth.benchmarks.support.SpringMailClient;
import io.github.smtphealth.probe.ProbeThreads;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeResult;
import jakarta.mail.MessagingException;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One health check of one server, three ways: our {@link SmtpProbe}, the raw-socket
 * {@link FloorClient} doing the identical dialogue, and Spring's
 * {@code JavaMailSenderImpl.testConnection()}. Each is verified to succeed before it is
 * measured, and every measured call must succeed. Every call is timed on its own (sample
 * mode), so that medians can be compared: a server process that the lab's Postfix
 * recycles now and then makes a heavy tail that has nothing to do with the client.
 *
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProbeBenchmark {

	/**
	 * The server: see {@link BenchTarget}.
	 */
	@Param({ BenchTarget.INPROC_PLAIN, BenchTarget.INPROC_TLS, BenchTarget.POSTFIX_PLAIN, BenchTarget.POSTFIX_TLS })
	public String target = BenchTarget.INPROC_PLAIN;

	private @Nullable BenchTarget server;

	private @Nullable SmtpProbe probe;

	private @Nullable ProbeThreads probeThreads;

	private @Nullable FloorClient floor;

	private @Nullable SpringMailClient springMail;

	/**
	 * Start the server (if in-process) and make the three clients, checking that each one
	 * works.
	 * @throws Exception if a client cannot complete the dialogue
	 */
	@Setup
	public void setUp() throws Exception {
		BenchTarget opened = BenchTarget.open(this.target, BenchTarget.inProcessCertificate());
		this.server = opened;
		this.probe = new SmtpProbe(opened.probeSettings());
		this.probeThreads = new ProbeThreads(ProbeThreads.daemonThreads());
		this.floor = new FloorClient(opened);
		this.springMail = new SpringMailClient(opened);
		probe();
		floor();
		springMail();
	}

	/**
	 * Stop the in-process server.
	 * @throws IOException if it cannot be stopped
	 */
	@TearDown
	public void tearDown() throws IOException {
		if (this.probeThreads != null) {
			this.probeThreads.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	/**
	 * Our probe: the full dialogue with per-phase timing, reply parsing, the deadline and
	 * the result, with long-lived threads (one watchdog, lookups) as an application's
	 * {@code SmtpChecks} runs it.
	 * @return the result
	 */
	@Benchmark
	public SmtpProbeResult probe() {
		SmtpProbeResult result = setUpDone(this.probe).run(setUpDone(this.probeThreads));
		if (result.failure() != null) {
			throw new IllegalStateException(this.target + ": probe failed: " + result.failure());
		}
		return result;
	}

	/**
	 * The floor: the identical dialogue with nothing but reply codes.
	 * @return the last reply code
	 * @throws IOException if the dialogue fails
	 */
	@Benchmark
	public int floor() throws IOException {
		return setUpDone(this.floor).run();
	}

	/**
	 * Spring Boot's {@code MailHealthIndicator} path.
	 * @return {@code true}
	 * @throws MessagingException if the connection test fails
	 */
	@Benchmark
	public boolean springMail() throws MessagingException {
		setUpDone(this.springMail).testConnection();
		return true;
	}

	/**
	 * JMH calls {@link #setUp()} before any benchmark method, which is all that makes the
	 * clients non-null.
	 */
	private static <T> T setUpDone(@Nullable T client) {
		if (client == null) {
			throw new IllegalStateException("setUp() has not run");
		}
		return client;
	}

}
