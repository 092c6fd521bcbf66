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

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Response times and outcomes of one client's requests; not thread-safe, merged at the
 * end.
 */
final class Timings {

	private long[] nanos = new long[1024];

	private int count;

	private final Map<String, Integer> outcomes = new TreeMap<>();

	void add(Duration time, String outcome) {
		if (this.count == this.nanos.length) {
			this.nanos = Arrays.copyOf(this.nanos, this.count * 2);
		}
		this.nanos[this.count++] = time.toNanos();
		this.outcomes.merge(outcome, 1, Integer::sum);
	}

	Timings merge(Timings other) {
		Timings merged = new Timings();
		merged.nanos = Arrays.copyOf(this.nanos, this.count + other.count);
		System.arraycopy(other.nanos, 0, merged.nanos, this.count, other.count);
		merged.count = this.count + other.count;
		merged.outcomes.putAll(this.outcomes);
		other.outcomes.forEach((outcome, number) -> merged.outcomes.merge(outcome, number, Integer::sum));
		return merged;
	}

	int count() {
		return this.count;
	}

	/**
	 * Return how many requests ended each way, for example {@code 503=1234}.
	 * @return the outcomes and their counts
	 */
	Map<String, Integer> outcomes() {
		return this.outcomes;
	}

	/**
	 * Return a percentile by the nearest-rank method.
	 * @param percent from 1 to 100
	 * @return the time at or below which {@code percent} % of the requests finished
	 */
	Duration percentile(double percent) {
		if (this.count == 0) {
			return Duration.ZERO;
		}
		long[] sorted = Arrays.copyOf(this.nanos, this.count);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percent / 100.0 * this.count);
		return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
	}

	Duration max() {
		return percentile(100);
	}

	static String millis(Duration duration) {
		return duration.toMillis() + " ms";
	}

}
