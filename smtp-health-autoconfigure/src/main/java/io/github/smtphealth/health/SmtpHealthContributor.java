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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.github.smtphealth.check.SmtpChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.util.Assert;

/**
 * Composite of several named SMTP servers ({@code /actuator/health/smtp/<name>}). Listing
 * its members probes nothing (Boot lists composites while evaluating any group, liveness
 * included); asking a member for its health serves its latest verdict and, when that is
 * stale, starts its refresh in the background, so the members of a composite refresh
 * concurrently.
 *
 * @since 0.1.0
 */
public class SmtpHealthContributor implements CompositeHealthContributor {

	private final Map<String, SmtpHealthIndicator> indicators = new LinkedHashMap<>();

	/**
	 * Create a composite of every check in the group, OUT_OF_SERVICE while a first check
	 * runs.
	 * @param checks the checks
	 */
	public SmtpHealthContributor(SmtpChecks checks) {
		this(checks, PendingStatus.OUT_OF_SERVICE);
	}

	/**
	 * Create a composite of every check in the group.
	 * @param checks the checks
	 * @param pendingStatus what to report for a server whose first check runs
	 */
	public SmtpHealthContributor(SmtpChecks checks, PendingStatus pendingStatus) {
		Assert.notNull(checks, "'checks' must not be null");
		checks.checks()
			.forEach((name, check) -> this.indicators.put(name, new SmtpHealthIndicator(check, pendingStatus)));
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.indicators.get(name);
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		return this.indicators.entrySet()
			.stream()
			.map((entry) -> new HealthContributors.Entry(entry.getKey(), entry.getValue()));
	}

}
