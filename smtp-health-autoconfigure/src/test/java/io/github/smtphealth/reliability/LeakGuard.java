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

package io.github.smtphealth.reliability;

import java.time.Duration;

import io.github.smtphealth.testsupport.LeakCheck;

/**
 * A {@link LeakCheck} that tolerates the probe's lookup threads
 * ({@code smtp-health-dns-*}, one per host name, each ending when its resolver answers,
 * which a scenario with silent DNS delays on purpose): every other thread and every file
 * descriptor must be back to the baseline.
 */
final class LeakGuard {

	private static final String DNS_POOL_PREFIX = "smtp-health-dns-";

	private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	private final LeakCheck baseline;

	private LeakGuard(LeakCheck baseline) {
		this.baseline = baseline;
	}

	static LeakGuard snapshot() {
		return new LeakGuard(LeakCheck.snapshot());
	}

	/**
	 * Poll until the threads (but the lookup threads) and file descriptors are back to
	 * the baseline.
	 * @param within how long to keep polling
	 * @throws AssertionError naming what was added, if not back in time
	 */
	void assertBackToBaseline(Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		while (true) {
			LeakCheck now = LeakCheck.snapshot();
			boolean threadsBack = now.threadCount() - dnsThreads(now) <= this.baseline.threadCount()
					- dnsThreads(this.baseline);
			boolean fileDescriptorsBack = now.openFileDescriptors() <= this.baseline.openFileDescriptors();
			if (threadsBack && fileDescriptorsBack) {
				return;
			}
			if (System.nanoTime() - deadline >= 0) {
				// Throws with the list of threads and descriptors added
				this.baseline.assertBackToBaseline(Duration.ZERO,
						(int) Math.max(0, dnsThreads(now) - dnsThreads(this.baseline)));
				throw new AssertionError("Not back to baseline within " + within + ": " + now.threadNames());
			}
			sleep();
		}
	}

	private static long dnsThreads(LeakCheck snapshot) {
		return snapshot.threadNames().stream().filter((name) -> name.startsWith(DNS_POOL_PREFIX)).count();
	}

	private static void sleep() {
		try {
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

}
