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

import org.jspecify.annotations.Nullable;

/**
 * Why a probe failed.
 *
 * @param phase the phase that failed
 * @param kind the broad kind of failure
 * @param replyCode the server's reply code, when a reply caused the failure
 * @param reason a readable, printable reason, free of secrets, for example
 * {@code AUTH rejected: 535 5.7.8 Authentication credentials invalid}
 * @since 0.1.0
 */
public record ProbeFailure(Phase phase, FailureKind kind, @Nullable Integer replyCode, String reason) {

	/**
	 * Return whether the deadline ended the probe.
	 * @return {@code true} for a timeout
	 */
	public boolean isTimeout() {
		return this.kind == FailureKind.TIMEOUT;
	}

}
