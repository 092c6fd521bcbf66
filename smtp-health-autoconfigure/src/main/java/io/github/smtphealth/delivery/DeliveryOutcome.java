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

import java.util.Objects;

import io.github.smtphealth.check.CheckVerdict;

/**
 * A delivery check's result and the verdict on it.
 *
 * @param settings the check's settings
 * @param result what the check found
 * @param verdict UP, DEGRADED or DOWN, with the reason
 * @since 0.1.0
 */
public record DeliveryOutcome(DeliverySettings settings, DeliveryResult result, CheckVerdict verdict) {

	/**
	 * Create an outcome.
	 * @param settings the settings
	 * @param result the result
	 * @param verdict the verdict
	 */
	public DeliveryOutcome {
		Objects.requireNonNull(settings, "'settings' must not be null");
		Objects.requireNonNull(result, "'result' must not be null");
		Objects.requireNonNull(verdict, "'verdict' must not be null");
	}

}
