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
 * Why a delivery check stopped, with its phase. Thrown inside the check only; it carries
 * no stack trace, because it reports what a server did, not a bug.
 */
final class DeliveryException extends Exception {

	private static final long serialVersionUID = 1L;

	private final DeliveryPhase phase;

	DeliveryException(DeliveryPhase phase, String reason) {
		super(reason, null, false, false);
		this.phase = phase;
	}

	DeliveryPhase phase() {
		return this.phase;
	}

}
