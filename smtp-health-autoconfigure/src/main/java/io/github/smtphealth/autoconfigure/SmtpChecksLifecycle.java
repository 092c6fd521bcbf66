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

import io.github.smtphealth.check.SmtpChecks;

/**
 * Runs the {@link SmtpChecks} bean, the auto-configured one or the user's own, with the
 * application context: its threads start with the context, its first probes (and the
 * background schedule) once the application is ready rather than during the refresh, and
 * on shutdown, first of all the lifecycle beans, probes in flight are abandoned at once
 * so that the JVM can exit.
 */
final class SmtpChecksLifecycle extends ReadyStartedLifecycle {

	SmtpChecksLifecycle(SmtpChecks checks) {
		super(requireChecks(checks)::start, checks::startProbing, checks::stop, checks::isRunning);
	}

}
