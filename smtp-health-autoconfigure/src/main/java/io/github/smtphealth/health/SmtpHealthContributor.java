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
 * Composite of several named SMTP servers ({@code /actuator/health/smtp/<name>}). When the endpoint
 * walks all of them, every stale server is probed at the same time, so the composite answers in about
 * the time of the slowest server rather than the sum.
 *
 * @since 0.1.0
 */
public class SmtpHealthContributor implements CompositeHealthContributor {

	private final SmtpChecks checks;

	private final Map<String, SmtpHealthIndicator> indicators = new LinkedHashMap<>();

	/**
	 * Create a composite of every check in the group.
	 * @param checks the checks
	 */
	public SmtpHealthContributor(SmtpChecks checks) {
		Assert.notNull(checks, "'checks' must not be null");
		this.checks = checks;
		checks.checks().forEach((name, check) -> this.indicators.put(name, new SmtpHealthIndicator(check)));
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.indicators.get(name);
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		this.checks.prefetchAll();
		return this.indicators.entrySet()
			.stream()
			.map((entry) -> new HealthContributors.Entry(entry.getKey(), entry.getValue()));
	}

}
