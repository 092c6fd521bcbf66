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
 * What health says about a server whose first check is still running.
 *
 * @since 0.2.0
 */
public enum PendingStatus {

	/**
	 * OUT_OF_SERVICE (HTTP 503): a readiness group with smtp keeps the pod out of the
	 * load balancer until its relay has been checked once.
	 */
	OUT_OF_SERVICE(Status.OUT_OF_SERVICE),

	/**
	 * UNKNOWN (HTTP 200, lowest in the status order): the pod may become ready before its
	 * relay was ever checked.
	 */
	UNKNOWN(Status.UNKNOWN);

	private final Status status;

	PendingStatus(Status status) {
		this.status = status;
	}

	/**
	 * Return the health status.
	 * @return the status
	 */
	public Status status() {
		return this.status;
	}

}
