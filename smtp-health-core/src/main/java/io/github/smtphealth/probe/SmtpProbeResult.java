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
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one probe found: the time of each phase, what the server said, the TLS session,
 * and on failure which phase failed and why. Immutable, and free of secrets.
 *
 * @param checkedAt when the probe started (wall clock)
 * @param total how long the whole probe took (monotonic clock)
 * @param phases how long each phase that ran took, in the order the phases first ran
 * @param remoteAddress the address connected to, such as {@code 127.0.0.1:25}, or
 * {@code null} if no connection was made
 * @param greeting the first line of the greeting, printable, or {@code null} if none was
 * read
 * @param capabilities the EHLO capability lines (after STARTTLS when it ran)
 * @param authMechanism the AUTH mechanism used, or {@code null}
 * @param tls the TLS session, or {@code null} without TLS
 * @param quitProblem why QUIT did not end cleanly, or {@code null} if it did; never a
 * failure
 * @param failure why the probe failed, or {@code null} on success
 * @since 0.1.0
 */
public record SmtpProbeResult(Instant checkedAt, Duration total, Map<Phase, Duration> phases,
		@Nullable String remoteAddress, @Nullable String greeting, List<String> capabilities,
		@Nullable String authMechanism, @Nullable TlsInfo tls, @Nullable String quitProblem,
		@Nullable ProbeFailure failure) {

	/**
	 * Create a result, copying the collections.
	 * @param checkedAt when the probe started
	 * @param total how long the whole probe took
	 * @param phases how long each phase took
	 * @param remoteAddress the address connected to, or {@code null}
	 * @param greeting the greeting's first line, or {@code null}
	 * @param capabilities the EHLO capability lines
	 * @param authMechanism the AUTH mechanism used, or {@code null}
	 * @param tls the TLS session, or {@code null}
	 * @param quitProblem why QUIT did not end cleanly, or {@code null}
	 * @param failure why the probe failed, or {@code null}
	 */
	public SmtpProbeResult {
		phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
		capabilities = List.copyOf(capabilities);
	}

	/**
	 * Return how long the conversation took, up to the end of {@code RSET}: the total
	 * without the time spent on {@code QUIT}, which never decides the result and so never
	 * counts against a threshold.
	 * @return the time up to the end of RSET (or up to the failure)
	 */
	public Duration conversation() {
		Duration quit = this.phases.get(Phase.QUIT);
		return (quit != null) ? this.total.minus(quit) : this.total;
	}

	/**
	 * Return whether every required phase succeeded.
	 * @return {@code true} on success
	 */
	public boolean isSuccess() {
		return this.failure == null;
	}

}
