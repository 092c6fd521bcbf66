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

package io.github.smtphealth.check;

/**
 * The verdict on one SMTP server.
 *
 * @since 0.1.0
 */
public enum CheckStatus {

	/**
	 * Every phase succeeded within the thresholds.
	 */
	UP,

	/**
	 * Working, but slower than the warning threshold or with a certificate close to
	 * expiry.
	 */
	DEGRADED,

	/**
	 * The probe failed, was slower than the critical threshold, or the certificate is
	 * about to expire.
	 */
	DOWN,

	/**
	 * No result yet: the first check of the server is still running (or, in background
	 * mode, has not run). The health indicator shows it as its configured status
	 * (OUT_OF_SERVICE by default).
	 */
	PENDING

}
