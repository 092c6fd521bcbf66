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

import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Publishes the {@link ApplicationReadyEvent} that {@code SpringApplication} would, for
 * contexts made by an {@code ApplicationContextRunner}, which publishes none: the health
 * check's first probes and background schedule start on it.
 */
public final class ApplicationReady {

	private ApplicationReady() {
	}

	/**
	 * Tell the context's listeners that the application is ready.
	 * @param context the context
	 */
	public static void publish(AssertableApplicationContext context) {
		ConfigurableApplicationContext source = context
			.getSourceApplicationContext(ConfigurableApplicationContext.class);
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], source, Duration.ZERO));
	}

}
