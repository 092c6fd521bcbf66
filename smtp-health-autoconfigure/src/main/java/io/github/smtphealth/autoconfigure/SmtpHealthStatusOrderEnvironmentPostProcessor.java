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
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the health endpoint a status order that knows DEGRADED
 * ({@code down, out-of-service, degraded, up, unknown}), so that UP + DEGRADED aggregates
 * to DEGRADED instead of the unknown status being dropped. It is added with the lowest
 * precedence: any order the user sets wins. DEGRADED maps to HTTP 200, like every status
 * but DOWN and OUT_OF_SERVICE. Only when the starter is active: with the indicator
 * disabled or no server to check, the application's settings stay as they are.
 *
 * @since 0.1.0
 */
public class SmtpHealthStatusOrderEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/**
	 * Name of the property source this post-processor adds.
	 */
	public static final String PROPERTY_SOURCE_NAME = "smtpHealthDefaultStatusOrder";

	static final String STATUS_ORDER_PROPERTY = "management.endpoint.health.status.order";

	static final String STATUS_ORDER = "down,out-of-service,degraded,up,unknown";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(PROPERTY_SOURCE_NAME) && !isSetByUser(environment)
				&& SmtpCheckActivation.isActive(Binder.get(environment), application.getClassLoader())) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(STATUS_ORDER_PROPERTY, STATUS_ORDER)));
		}
	}

	/**
	 * Checked as well as added last, because Boot moves the application's default
	 * properties behind every other source later on.
	 */
	private static boolean isSetByUser(ConfigurableEnvironment environment) {
		return Binder.get(environment).bind(STATUS_ORDER_PROPERTY, Bindable.listOf(String.class)).isBound();
	}

}
