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

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Boot's own {@code mail} health indicator off by default when smtp-health checks
 * the same server, derived from {@code spring.mail.*}: two indicators for one server
 * disagree (Boot's has no deadline of its own and carries on in plaintext without
 * STARTTLS) and run one after the other. It is added with the lowest precedence, so
 * {@code management.health.mail.enabled=true} brings Boot's back.
 *
 * @since 0.1.0
 */
public class SmtpHealthMailIndicatorEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/**
	 * Name of the property source this post-processor adds.
	 */
	public static final String PROPERTY_SOURCE_NAME = "smtpHealthMailIndicatorDefault";

	static final String MAIL_INDICATOR_PROPERTY = "management.health.mail.enabled";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		if (!environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)
				&& !binder.bind(MAIL_INDICATOR_PROPERTY, Boolean.class).isBound()
				&& SmtpCheckActivation.followsSpringMail(binder, application.getClassLoader())) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(MAIL_INDICATOR_PROPERTY, "false")));
		}
	}

}
