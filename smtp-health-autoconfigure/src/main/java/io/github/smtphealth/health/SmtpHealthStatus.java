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

package io.github.smtphealth.health;

import org.springframework.boot.health.contributor.Status;

/**
 * The status smtp-health adds to Boot's own.
 *
 * @since 0.1.0
 */
public final class SmtpHealthStatus {

	/**
	 * The server works but is slower than the warning threshold, or its certificate is
	 * close to expiry. It ranks between DOWN and UP; the starter contributes a default
	 * status order that says so.
	 */
	public static final Status DEGRADED = new Status("DEGRADED");

	private SmtpHealthStatus() {
	}

}
