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
 * Why the probe stopped, with the phase, the kind of failure and the server's reply code.
 * Thrown inside the probe only; callers get a {@link ProbeFailure}. It carries no stack
 * trace: it reports what a server did, not a bug.
 */
final class ProbeException extends Exception {

	private static final long serialVersionUID = 1L;

	private final Phase phase;

	private final FailureKind kind;

	private final @Nullable Integer replyCode;

	ProbeException(Phase phase, FailureKind kind, @Nullable Integer replyCode, String reason) {
		super(reason, null, false, false);
		this.phase = phase;
		this.kind = kind;
		this.replyCode = replyCode;
	}

	static ProbeException rejected(Phase phase, String what, SmtpReply reply) {
		return new ProbeException(phase, FailureKind.REJECTED, reply.code(), what + " rejected: " + reply.summary());
	}

	ProbeFailure toFailure(SecretRedactor redactor) {
		String reason = redactor.mask(String.valueOf(getMessage()));
		if (this.phase == Phase.AUTH) {
			reason = SecretRedactor.maskEncodedRuns(reason);
		}
		return new ProbeFailure(this.phase, this.kind, this.replyCode, Texts.printable(reason));
	}

	Phase phase() {
		return this.phase;
	}

	FailureKind kind() {
		return this.kind;
	}

}
