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

import org.jspecify.annotations.Nullable;

/**
 * A listener of the SMTP lab, with the security it is meant for. Its port is
 * {@code SMTP_LAB_<name>_PORT} in {@code lab.env}.
 *
 * @since 0.1.0
 */
public enum LabListener {

	/**
	 * Postfix: plain SMTP with STARTTLS; AUTH only after TLS.
	 */
	POSTFIX_STARTTLS("Postfix", "starttls", "POSTFIX"),

	/**
	 * Postfix: implicit TLS with AUTH.
	 */
	POSTFIX_SMTPS("Postfix", "smtps", "POSTFIX"),

	/**
	 * Postfix: plain SMTP without STARTTLS and without AUTH.
	 */
	POSTFIX_PLAIN("Postfix", "none", null),

	/**
	 * Dovecot LMTP ({@code LHLO}); offers STARTTLS, no AUTH.
	 */
	DOVECOT_LMTP("Dovecot LMTP", "none", null),

	/**
	 * Dovecot submission with STARTTLS; offers AUTH before TLS too, because it treats
	 * loopback as secure.
	 */
	DOVECOT_SUBMISSION("Dovecot submission", "starttls", "DOVECOT_SUBMISSION"),

	/**
	 * Exim: plain SMTP with STARTTLS; AUTH only after TLS.
	 */
	EXIM_STARTTLS("Exim", "starttls", "EXIM"),

	/**
	 * Exim: implicit TLS ({@code tls_on_connect_ports}) with AUTH.
	 */
	EXIM_SMTPS("Exim", "smtps", "EXIM"),

	/**
	 * OpenSMTPD: plain SMTP with STARTTLS, AUTH optional after TLS.
	 */
	OPENSMTPD_STARTTLS("OpenSMTPD", "starttls", "OPENSMTPD"),

	/**
	 * OpenSMTPD: implicit TLS, AUTH optional.
	 */
	OPENSMTPD_SMTPS("OpenSMTPD", "smtps", "OPENSMTPD"),

	/**
	 * OpenSMTPD: TLS and AUTH required; {@code MAIL} before them is answered {@code 530}.
	 */
	OPENSMTPD_STRICT("OpenSMTPD", "starttls", "OPENSMTPD");

	private final String server;

	private final String security;

	private final @Nullable String authServer;

	LabListener(String server, String security, @Nullable String authServer) {
		this.server = server;
		this.security = security;
		this.authServer = authServer;
	}

	/**
	 * Return the name of the server, for messages.
	 * @return the server's name
	 */
	public String server() {
		return this.server;
	}

	/**
	 * Return the security the listener is meant for, as the {@code security} property
	 * spells it.
	 * @return {@code none}, {@code starttls} or {@code smtps}
	 */
	public String security() {
		return this.security;
	}

	/**
	 * Return whether the listener speaks LMTP.
	 * @return {@code true} for Dovecot LMTP
	 */
	public boolean lmtp() {
		return this == DOVECOT_LMTP;
	}

	/**
	 * Return whether the listener offers AUTH (after TLS).
	 * @return {@code true} if it does
	 */
	public boolean offersAuth() {
		return this.authServer != null;
	}

	String portKey() {
		return "SMTP_LAB_" + name() + "_PORT";
	}

	@Nullable String authMechanismsKey() {
		return (this.authServer != null) ? "SMTP_LAB_" + this.authServer + "_AUTH_MECHANISMS" : null;
	}

}
