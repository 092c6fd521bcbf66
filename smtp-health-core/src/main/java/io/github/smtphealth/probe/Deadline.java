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

package io.github.smtphealth.probe;

import java.time.Duration;

/**
 * A point in monotonic time that bounds the whole probe.
 */
final class Deadline {

	private final Duration timeout;

	private final long expiresAtNanos;

	private Deadline(Duration timeout, long startNanos) {
		this.timeout = timeout;
		this.expiresAtNanos = startNanos + timeout.toNanos();
	}

	static Deadline after(Duration timeout) {
		return new Deadline(timeout, System.nanoTime());
	}

	Duration timeout() {
		return this.timeout;
	}

	long remainingNanos() {
		return Math.max(0, this.expiresAtNanos - System.nanoTime());
	}

	/**
	 * Return the time left as a socket timeout: at least one millisecond, because zero
	 * means "forever".
	 * @return the milliseconds left, rounded up, never zero
	 */
	int remainingMillisForSocket() {
		long millis = (remainingNanos() + 999_999) / 1_000_000;
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
	}

	boolean isExpired() {
		return remainingNanos() == 0;
	}

}
