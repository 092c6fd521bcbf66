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

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when there is an SMTP server to check: {@code smtp.check.host}, any
 * {@code smtp.check.servers.*}, or the application's own {@code spring.mail.host}, none
 * of them blank. An application that sends no mail gets no indicator, rather than one
 * that reports DOWN.
 */
class OnSmtpServerCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String source = SmtpCheckActivation.serverSource(Binder.get(context.getEnvironment()));
		return (source != null) ? ConditionOutcome.match(source + " is set")
				: ConditionOutcome.noMatch("none of smtp.check.host, smtp.check.servers or spring.mail.host is set");
	}

}
