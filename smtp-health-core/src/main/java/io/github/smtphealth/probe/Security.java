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

/**
 * How the connection to the SMTP server is protected.
 *
 * @since 0.1.0
 */
public enum Security {

	/**
	 * Plain SMTP, no TLS.
	 */
	NONE,

	/**
	 * Plain SMTP upgraded with STARTTLS (RFC 3207); the probe fails if the server does
	 * not offer it.
	 */
	STARTTLS,

	/**
	 * Implicit TLS from the first byte (RFC 8314), usually on port 465.
	 */
	SMTPS;

	/**
	 * Return the port used when none is configured.
	 * @return 465 for {@link #SMTPS}, otherwise 25
	 */
	public int defaultPort() {
		return (this == SMTPS) ? 465 : 25;
	}

}
