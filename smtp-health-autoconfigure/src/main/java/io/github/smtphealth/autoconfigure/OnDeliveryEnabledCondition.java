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

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the delivery check is enabled for the top-level server or any named one.
 * The check is off by default: an application that did not ask for it gets no threads,
 * beans or mail.
 */
class OnDeliveryEnabledCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		if (binder.bind("smtp.check.delivery.enabled", Boolean.class).orElse(false)) {
			return ConditionOutcome.match("smtp.check.delivery.enabled is true");
		}
		Map<String, SmtpServerProperties> servers = binder
			.bind("smtp.check.servers", Bindable.mapOf(String.class, SmtpServerProperties.class))
			.orElse(Map.of());
		for (Map.Entry<String, SmtpServerProperties> server : servers.entrySet()) {
			SmtpDeliveryProperties delivery = server.getValue().getDelivery();
			if (delivery != null && Boolean.TRUE.equals(delivery.enabled())) {
				return ConditionOutcome.match("smtp.check.servers." + server.getKey() + ".delivery.enabled is true");
			}
		}
		return ConditionOutcome.noMatch("no smtp.check.delivery.enabled or smtp.check.servers.*.delivery.enabled");
	}

}
