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

package io.github.smtphealth.lab;

/**
 * An IMAP listener of the SMTP lab: Dovecot reading the mailbox that Postfix, OpenSMTPD
 * and Dovecot submission deliver to through Dovecot LMTP, for delivery round trips. Its
 * port is {@code SMTP_LAB_<name>_PORT} in {@code lab.env}. Kept apart from
 * {@link LabListener} so that the tests that iterate over every SMTP listener never meet
 * an IMAP one.
 *
 * @since 0.1.0
 */
public enum LabImapListener {

	/**
	 * Dovecot IMAP in clear text, offering STARTTLS. Dovecot treats loopback as secure,
	 * so it also accepts LOGIN before STARTTLS: a client that refuses plaintext
	 * credentials must refuse them itself.
	 */
	DOVECOT_IMAP("starttls"),

	/**
	 * Dovecot IMAP over implicit TLS.
	 */
	DOVECOT_IMAPS("imaps");

	private final String security;

	LabImapListener(String security) {
		this.security = security;
	}

	/**
	 * Return the security the listener is meant for, as the {@code imap.security}
	 * property spells it.
	 * @return {@code starttls} or {@code imaps}
	 */
	public String security() {
		return this.security;
	}

	String portKey() {
		return "SMTP_LAB_" + name() + "_PORT";
	}

}
