package io.github.smtphealth.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidSmtpCheckPropertyException} in the startup failure report with the
 * escaped value it carries: Boot's own analyzer for invalid property values would print the raw value
 * from the property source, CR/LF included.
 */
class InvalidSmtpCheckPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSmtpCheckPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSmtpCheckPropertyException cause) {
		return new FailureAnalysis(cause.getMessage(), "Update '" + cause.getProperty()
				+ "' (see the smtp-health README, \"Properties\"), or turn the check off with "
				+ "management.health.smtp.enabled=false.", cause);
	}

}
