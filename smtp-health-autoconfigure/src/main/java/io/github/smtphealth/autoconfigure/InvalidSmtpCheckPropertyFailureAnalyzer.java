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

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidSmtpCheckPropertyException} in the startup failure report
 * with the escaped value it carries: Boot's own analyzer for invalid property values
 * would print the raw value from the property source, CR/LF included.
 */
class InvalidSmtpCheckPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSmtpCheckPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSmtpCheckPropertyException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Update '" + cause.getProperty()
						+ "' (see the smtp-health README, \"Properties\"), or turn the check off with "
						+ "management.health.smtp.enabled=false.",
				cause);
	}

}
