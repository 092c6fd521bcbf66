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

package io.github.smtphealth.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.smtphealth.probe.ProbeThreads;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.SmtpProbeSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many probes in a row against a fast in-process server leave the heap, after garbage
 * collection, where it was: nothing a probe does is kept. {@code smtphealth.load.probes}
 * sets how many (10,000 unless set, fewer on a slow machine).
 */
class ProbeHeapTests {

	private static final int PROBES = Integer.getInteger("smtphealth.load.probes", 10_000);

	private static final int WARM_UP_PROBES = 500;

	private static final int THREADS = 4;

	private static final long MAX_GROWTH_BYTES = 10L * 1024 * 1024;

	@Test
	void probesInLoopShouldLeaveHeapWhereItWas() throws Exception {
		try (LoopbackSmtpServer server = new LoopbackSmtpServer(THREADS)) {
			SmtpProbe probe = new SmtpProbe(SmtpProbeSettings.builder("127.0.0.1")
				.port(server.port())
				.heloName("heap.test")
				.timeout(Duration.ofSeconds(5))
				.build());
			ExecutorService threads = Executors.newFixedThreadPool(THREADS);
			try (ProbeThreads probeThreads = new ProbeThreads(ProbeThreads.daemonThreads())) {
				run(probe, probeThreads, threads, WARM_UP_PROBES);
				long before = usedHeapAfterGc();
				long start = System.nanoTime();
				int succeeded = run(probe, probeThreads, threads, PROBES);
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				long after = usedHeapAfterGc();
				new LoadFigures("3-heap-after-probes", "Heap after many probes",
						"Probes of a fast in-process SMTP server (greeting, EHLO, MAIL FROM, RSET, QUIT), " + THREADS
								+ " at a time on one set of probe threads (one watchdog) as an application runs them, after "
								+ WARM_UP_PROBES + " warm-up probes. Heap used is read "
								+ "through MemoryMXBean after System.gc(), before and after. Asserted: every probe "
								+ "succeeds and the heap grows by less than " + MAX_GROWTH_BYTES / 1024 / 1024 + " MB.")
					.put("Probes", PROBES)
					.put("Succeeded", succeeded)
					.put("Time", Timings.millis(took))
					.put("Probes per second", PROBES * 1000L / Math.max(1, took.toMillis()))
					.put("Heap used before", mebibytes(before))
					.put("Heap used after", mebibytes(after))
					.put("Growth", mebibytes(after - before))
					.write();
				assertThat(succeeded).isEqualTo(PROBES);
				assertThat(after - before).isLessThan(MAX_GROWTH_BYTES);
			}
			finally {
				threads.shutdownNow();
				assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
			}
		}
	}

	/**
	 * Run probes on the threads until {@code count} have run.
	 * @return how many succeeded
	 */
	private static int run(SmtpProbe probe, ProbeThreads probeThreads, ExecutorService threads, int count)
			throws Exception {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger succeeded = new AtomicInteger();
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			workers.add(threads.submit(() -> {
				while (next.getAndIncrement() < count) {
					SmtpProbeResult result = probe.run(probeThreads);
					if (result.isSuccess()) {
						succeeded.incrementAndGet();
					}
				}
			}));
		}
		for (Future<?> worker : workers) {
			worker.get(10, TimeUnit.MINUTES);
		}
		return succeeded.get();
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static String mebibytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
	}

}
