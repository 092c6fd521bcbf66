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

package io.github.smtphealth.autoconfigure;

import io.github.smtphealth.delivery.DeliveryChecks;

/**
 * Runs the {@link DeliveryChecks} bean with the application context, as the probe checks
 * are run: its threads start with the context, its first delivery check (and the
 * schedule) once the application is ready rather than during the refresh, and on
 * shutdown, early among the lifecycle beans, checks in flight are interrupted and
 * abandoned.
 */
final class SmtpDeliveryLifecycle extends ReadyStartedLifecycle {

	SmtpDeliveryLifecycle(DeliveryChecks checks) {
		super(requireChecks(checks)::start, checks::startProbing, checks::stop, checks::isRunning);
	}

}
