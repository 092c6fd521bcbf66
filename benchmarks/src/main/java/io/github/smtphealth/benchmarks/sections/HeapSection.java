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
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.smtphealth.benchmarks.Report;
import io.github.smtphealth.benchmarks.Report.Verdict;
import io.github.smtphealth.benchmarks.Samples;
import io.github.smtphealth.benchmarks.support.BenchTarget;
import io.github.smtphealth.check.CheckPolicy;
import io.github.smtphealth.check.RefreshMode;
import io.github.smtphealth.check.SmtpCheck;
import io.github.smtphealth.check.SmtpCheckOutcome;
import io.github.smtphealth.check.SmtpChecks;
import io.github.smtphealth.health.SmtpHealthContributor;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeSettings;

/**
 * The heap half of workload f: how much heap one configured server keeps (its settings,
 * probe, TLS context, check and indicator), before its first check and with its last
 * result held. Measured in this JVM as the growth of the used heap after full
 * collections, over many servers.
 *
 * @param context the run
 * @since 0.1.0
 */
public record HeapSection(RunContext context) {

	/**
	 * Measure and report.
	 * @throws IOException if a server cannot start
	 */
	public void run() throws IOException {
		String load = this.context.load("f. heap per configured server");
		int count = this.context.profile().heapServers();
		List<List<String>> rows = new ArrayList<>();
		for (String name : List.of(BenchTarget.INPROC_PLAIN, BenchTarget.INPROC_TLS)) {
			try (BenchTarget target = this.context.open(name)) {
				long[] perServer = measure(target.probeSettings(), count);
				rows.add(List.of(target.tls() ? "STARTTLS + AUTH (an SSLContext each)" : "plain", String.valueOf(count),
						Samples.number(perServer[0], 0), Samples.number(perServer[1], 0)));
				this.context.report()
					.summary("f. heap per configured server, " + (target.tls() ? "STARTTLS" : "plain"),
							perServer[0] + " B (" + perServer[1] + " B with its last result)", "-", Verdict.CONTEXT);
			}
		}
		Report report = this.context.report();
		report.section("f. Heap per configured server");
		report.paragraph("Growth of the used heap (after three System.gc() calls) when " + count + " servers are "
				+ "configured the way the auto-configuration does it (SmtpProbeSettings, SmtpProbe with its TLS "
				+ "context, SmtpCheck, one SmtpChecks and its SmtpHealthContributor), divided by " + count
				+ "; then again after each server has been checked once and holds its last result (capabilities, "
				+ "TLS session facts, timings). " + load + ".");
		report.table(List.of("Servers", "Count", "Bytes per server, configured", "Bytes per server, with last result"),
				rows);
	}

	private static long[] measure(SmtpProbeSettings settings, int count) {
		long before = usedHeap();
		List<SmtpCheck> checks = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			SmtpProbeSettings own = settings.toBuilder().build();
			checks.add(new SmtpCheck("server" + i, new SmtpProbe(own),
					new CheckPolicy(null, null, Duration.ofDays(14), Duration.ZERO), Duration.ofSeconds(10),
					RefreshMode.ON_DEMAND, Duration.ofSeconds(30), (outcome) -> {
					}, Clock.systemUTC()));
		}
		try (SmtpChecks group = new SmtpChecks(checks)) {
			SmtpHealthContributor contributor = new SmtpHealthContributor(group);
			long configured = usedHeap();
			for (SmtpCheck check : checks) {
				// On this thread: the group is not started, it only holds the checks.
				SmtpCheckOutcome outcome = check.refresh();
				if (outcome.result() == null || outcome.result().failure() != null) {
					throw new IllegalStateException("Check failed: " + outcome.verdict());
				}
			}
			long checked = usedHeap();
			if (contributor.getContributor("server0") == null) {
				throw new IllegalStateException("No indicator for server0");
			}
			return new long[] { (configured - before) / count, (checked - before) / count };
		}
	}

	private static long usedHeap() {
		for (int i = 0; i < 3; i++) {
			System.gc();
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
