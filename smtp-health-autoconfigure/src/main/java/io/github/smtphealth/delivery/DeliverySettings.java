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
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Everything one server's delivery check needs besides the SMTP probe, fixed for its
 * lifetime.
 *
 * @param serverName the configured name of the server
 * @param origin who sends the probes, in the {@value DeliveryProbe#ORIGIN_HEADER} header:
 * only probe messages with exactly this origin are ever deleted
 * @param to the address that receives the probe messages
 * @param interval the pause between two checks
 * @param timeout how long to wait for the message to arrive
 * @param warning the delivery time above which the check is DEGRADED, or {@code null}
 * @param critical the delivery time above which the check is DOWN, or {@code null}
 * @param imap the mailbox to read
 * @since 0.1.0
 */
public record DeliverySettings(String serverName, String origin, String to, Duration interval, Duration timeout,
		@Nullable Duration warning, @Nullable Duration critical, ImapSettings imap) {

	/**
	 * Create settings.
	 * @param serverName the server's name
	 * @param origin the origin of the probes
	 * @param to the recipient
	 * @param interval the pause between checks
	 * @param timeout the wait for arrival
	 * @param warning the DEGRADED threshold, or {@code null}
	 * @param critical the DOWN threshold, or {@code null}
	 * @param imap the mailbox
	 */
	public DeliverySettings {
		Objects.requireNonNull(origin, "'origin' must not be null");
		Objects.requireNonNull(to, "'to' must not be null");
		Objects.requireNonNull(imap, "'imap' must not be null");
	}

}
