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

import java.time.Instant;
import java.util.Objects;

/**
 * One certificate of the chain a TLS server presented or of the path that verified it:
 * where it sits, whose it is and when it expires.
 *
 * @param position its position, 1 for the leaf: in the presented chain when
 * {@code presented}, else in the verified path (a trust anchor the server did not send)
 * @param subject its subject (RFC 2253, printable)
 * @param notAfter when it expires
 * @param presented whether the server sent it, rather than the trust store supplying it
 * @since 0.1.0
 */
public record ChainCertificate(int position, String subject, Instant notAfter, boolean presented) {

	/**
	 * Create a description of a certificate.
	 * @param position its position, from 1
	 * @param subject its subject
	 * @param notAfter when it expires
	 * @param presented whether the server sent it
	 */
	public ChainCertificate {
		if (position < 1) {
			throw new IllegalArgumentException("'position' must be at least 1");
		}
		Objects.requireNonNull(subject, "'subject' must not be null");
		Objects.requireNonNull(notAfter, "'notAfter' must not be null");
	}

	/**
	 * Return how a person would name this certificate: {@code certificate} for the leaf,
	 * {@code certificate 2 of the chain}, or {@code certificate 3 of the verified path}.
	 * @return the name, without the subject
	 */
	public String describe() {
		if (this.position == 1) {
			return "certificate";
		}
		return "certificate " + this.position + (this.presented ? " of the chain" : " of the verified path");
	}

}
