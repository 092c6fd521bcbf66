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

import java.util.List;

import io.github.smtphealth.lab.LabListener;
import org.jspecify.annotations.Nullable;

import static io.github.smtphealth.lab.LabListener.DOVECOT_SUBMISSION;
import static io.github.smtphealth.lab.LabListener.EXIM_SMTPS;
import static io.github.smtphealth.lab.LabListener.EXIM_STARTTLS;
import static io.github.smtphealth.lab.LabListener.OPENSMTPD_SMTPS;
import static io.github.smtphealth.lab.LabListener.OPENSMTPD_STARTTLS;
import static io.github.smtphealth.lab.LabListener.OPENSMTPD_STRICT;
import static io.github.smtphealth.lab.LabListener.POSTFIX_SMTPS;
import static io.github.smtphealth.lab.LabListener.POSTFIX_STARTTLS;

/**
 * One of the lab's SMTP servers as {@link LabServersRealServerTests} sees it: what its listeners are
 * for, and what it must advertise. What only one server does stays in its own {@code *RealServerTests}.
 *
 * @param name what the server names itself in its greeting
 * @param startTls the listener that offers STARTTLS and, after it, AUTH
 * @param smtps the implicit-TLS listener with AUTH, if the server has one
 * @param advertising the listener whose advertised AUTH mechanisms are compared with {@code lab.env}
 * @param requiredMechanisms the AUTH mechanisms the issue asks the server to offer
 * @param authenticating the listeners on which every advertised mechanism must authenticate
 */
record LabServer(String name, LabListener startTls, @Nullable LabListener smtps, LabListener advertising,
		List<String> requiredMechanisms, List<LabListener> authenticating) {

	/**
	 * Postfix with Dovecot SASL: AUTH only after TLS.
	 */
	static final LabServer POSTFIX = new LabServer("Postfix", POSTFIX_STARTTLS, POSTFIX_SMTPS, POSTFIX_STARTTLS,
			List.of("PLAIN", "LOGIN", "CRAM-MD5"), List.of(POSTFIX_STARTTLS, POSTFIX_SMTPS));

	/**
	 * Exim 4 (heavy daemon): AUTH only after TLS.
	 */
	static final LabServer EXIM = new LabServer("Exim", EXIM_STARTTLS, EXIM_SMTPS, EXIM_SMTPS,
			List.of("PLAIN", "LOGIN", "CRAM-MD5"), List.of(EXIM_STARTTLS, EXIM_SMTPS));

	/**
	 * OpenSMTPD 7.4: AUTH optional after TLS, and required by its strict listener.
	 */
	static final LabServer OPENSMTPD = new LabServer("OpenSMTPD", OPENSMTPD_STARTTLS, OPENSMTPD_SMTPS,
			OPENSMTPD_SMTPS, List.of("PLAIN", "LOGIN"), List.of(OPENSMTPD_STARTTLS, OPENSMTPD_SMTPS, OPENSMTPD_STRICT));

	/**
	 * Dovecot submission: STARTTLS only, no implicit TLS; AUTH before TLS too (loopback counts as secure).
	 */
	static final LabServer DOVECOT = new LabServer("Dovecot", DOVECOT_SUBMISSION, null, DOVECOT_SUBMISSION,
			List.of("PLAIN", "LOGIN", "CRAM-MD5"), List.of(DOVECOT_SUBMISSION));

	/**
	 * Return every lab server.
	 * @return the servers: Postfix, Exim, OpenSMTPD and Dovecot
	 */
	static List<LabServer> all() {
		return List.of(POSTFIX, EXIM, OPENSMTPD, DOVECOT);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
