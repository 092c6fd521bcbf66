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

/**
 * How the connection to the IMAP server is protected.
 *
 * @since 0.1.0
 */
public enum ImapSecurity {

	/**
	 * No TLS; the password is sent in clear, so this needs {@code imap.allow-plaintext}.
	 */
	NONE,

	/**
	 * Plain IMAP upgraded with STARTTLS, which must be offered (port 143 by default).
	 */
	STARTTLS,

	/**
	 * TLS from the start (port 993 by default).
	 */
	IMAPS;

	/**
	 * Return the default port of this security.
	 * @return 143 or 993
	 */
	public int defaultPort() {
		return (this == IMAPS) ? 993 : 143;
	}

}
