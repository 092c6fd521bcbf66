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

package io.github.smtphealth.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * Durations measured one by one, in nanoseconds, and what is quoted of them.
 *
 * @since 0.1.0
 */
public final class Samples {

	private long[] values = new long[64];

	private int size;

	/**
	 * Add a measurement.
	 * @param nanos the duration in nanoseconds
	 */
	public void add(long nanos) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = nanos;
	}

	/**
	 * Add all measurements of another set.
	 * @param other the other set
	 */
	public void addAll(Samples other) {
		for (int i = 0; i < other.size; i++) {
			add(other.values[i]);
		}
	}

	/**
	 * Return the number of measurements.
	 * @return the count
	 */
	public int count() {
		return this.size;
	}

	/**
	 * Return a percentile (nearest rank).
	 * @param percent from 0 to 100
	 * @return the value in nanoseconds, or 0 when empty
	 */
	public long percentile(double percent) {
		if (this.size == 0) {
			return 0;
		}
		long[] sorted = Arrays.copyOf(this.values, this.size);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percent / 100.0 * this.size);
		return sorted[Math.min(this.size - 1, Math.max(0, rank - 1))];
	}

	/**
	 * Return the median.
	 * @return the median in nanoseconds
	 */
	public long median() {
		return percentile(50);
	}

	/**
	 * Return the mean.
	 * @return the mean in nanoseconds, or 0 when empty
	 */
	public double mean() {
		if (this.size == 0) {
			return 0;
		}
		double sum = 0;
		for (int i = 0; i < this.size; i++) {
			sum += this.values[i];
		}
		return sum / this.size;
	}

	/**
	 * Format nanoseconds as milliseconds.
	 * @param nanos the duration
	 * @return such as {@code 1.234 ms}
	 */
	public static String ms(double nanos) {
		return String.format(Locale.ROOT, "%.3f ms", nanos / 1_000_000.0);
	}

	/**
	 * Format a ratio.
	 * @param ratio the ratio
	 * @return such as {@code 1.07×}
	 */
	public static String ratio(double ratio) {
		return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f×", ratio) : "n/a";
	}

	/**
	 * Format a number with a fixed count of decimals.
	 * @param value the value
	 * @param decimals the decimals
	 * @return the text
	 */
	public static String number(double value, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

}
