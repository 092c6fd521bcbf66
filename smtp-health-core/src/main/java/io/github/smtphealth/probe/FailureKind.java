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
 * Broad classification of a failed probe, stable enough for a metric tag.
 *
 * @since 0.1.0
 */
public enum FailureKind {

	/**
	 * The deadline passed before the phase completed.
	 */
	TIMEOUT,

	/**
	 * The host name did not resolve, or the connection was refused, reset or closed.
	 */
	CONNECTION,

	/**
	 * The server answered with an unexpected reply code.
	 */
	REJECTED,

	/**
	 * The server's bytes are not valid SMTP.
	 */
	PROTOCOL,

	/**
	 * The TLS handshake failed or the certificate was not accepted.
	 */
	TLS,

	/**
	 * The probe refused to go on for a reason of its own, for example sending credentials
	 * without TLS.
	 */
	POLICY

}
