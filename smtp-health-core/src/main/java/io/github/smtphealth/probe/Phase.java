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

import java.util.Locale;

/**
 * A step of the SMTP dialogue, in the order the probe runs them. Each is timed
 * separately.
 *
 * @since 0.1.0
 */
public enum Phase {

	/**
	 * Resolving the host name.
	 */
	DNS,

	/**
	 * Opening the TCP connection.
	 */
	CONNECT,

	/**
	 * The TLS handshake, implicit (smtps) or after STARTTLS.
	 */
	TLS,

	/**
	 * Waiting for the 220 greeting.
	 */
	GREETING,

	/**
	 * EHLO (or HELO, or LHLO), both before and after STARTTLS.
	 */
	EHLO,

	/**
	 * The STARTTLS command and its 220 reply.
	 */
	STARTTLS,

	/**
	 * SMTP AUTH.
	 */
	AUTH,

	/**
	 * {@code MAIL FROM}.
	 */
	MAIL,

	/**
	 * {@code RCPT TO}, when a recipient is configured or a message is sent.
	 */
	RCPT,

	/**
	 * {@code DATA}, its 354, the message and the reply to the final dot; only when the
	 * probe sends a message ({@link SmtpProbe#send(SmtpMessage)}).
	 */
	DATA,

	/**
	 * {@code RSET}; not run after a message was sent.
	 */
	RSET,

	/**
	 * {@code QUIT}; its failure is recorded but never fails the probe.
	 */
	QUIT;

	/**
	 * Return the lowercase name used in health details and metric tags.
	 * @return the identifier, for example {@code "ehlo"}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
