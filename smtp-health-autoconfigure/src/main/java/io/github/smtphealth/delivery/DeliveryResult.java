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

package io.github.smtphealth.delivery;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What one delivery check found. Free of secrets.
 *
 * @param checkedAt when the check started
 * @param sentAt when the SMTP server accepted the probe message, or {@code null} if it
 * did not
 * @param receivedAt when the message was found in the folder, or {@code null} if it was
 * not
 * @param deliveryTime from acceptance to arrival (monotonic clock), or {@code null} if it
 * did not arrive
 * @param total how long the whole check took
 * @param failedPhase the phase that failed, or {@code null} on success
 * @param error why it failed, readable, or {@code null} on success
 * @since 0.1.0
 */
public record DeliveryResult(Instant checkedAt, @Nullable Instant sentAt, @Nullable Instant receivedAt,
		@Nullable Duration deliveryTime, Duration total, @Nullable DeliveryPhase failedPhase, @Nullable String error) {

	/**
	 * Return whether the probe message arrived and was cleaned up.
	 * @return {@code true} on success
	 */
	public boolean isSuccess() {
		return this.failedPhase == null;
	}

}
