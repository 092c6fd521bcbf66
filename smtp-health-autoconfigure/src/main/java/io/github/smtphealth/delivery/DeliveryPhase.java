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

import java.util.Locale;

/**
 * The step of a delivery check that failed.
 *
 * @since 0.1.0
 */
public enum DeliveryPhase {

	/**
	 * Sending the probe message through the SMTP server.
	 */
	SMTP,

	/**
	 * Connecting to the IMAP server (TCP, TLS, STARTTLS).
	 */
	IMAP_CONNECT,

	/**
	 * Logging in to the IMAP server.
	 */
	IMAP_LOGIN,

	/**
	 * Opening the folder, searching it, or deleting the probe messages.
	 */
	SEARCH,

	/**
	 * The probe message did not arrive in time.
	 */
	TIMEOUT;

	/**
	 * Return the identifier used in health details and metric tags.
	 * @return the identifier, for example {@code "imap-login"}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
