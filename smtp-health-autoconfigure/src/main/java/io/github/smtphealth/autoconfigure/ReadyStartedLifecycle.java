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

import java.util.function.BooleanSupplier;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Runs a bean that owns threads with the application context: its threads start with the
 * context, its first run once the application is ready rather than during the refresh,
 * and it stops with the context. The subclasses say which bean and which of its methods.
 */
abstract class ReadyStartedLifecycle implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent> {

	private final Runnable start;

	private final Runnable startWhenReady;

	private final Runnable stop;

	private final BooleanSupplier running;

	ReadyStartedLifecycle(Runnable start, Runnable startWhenReady, Runnable stop, BooleanSupplier running) {
		Assert.notNull(start, "'start' must not be null");
		Assert.notNull(startWhenReady, "'startWhenReady' must not be null");
		Assert.notNull(stop, "'stop' must not be null");
		Assert.notNull(running, "'running' must not be null");
		this.start = start;
		this.startWhenReady = startWhenReady;
		this.stop = stop;
		this.running = running;
	}

	/**
	 * Guards the bean a subclass is about to take its methods from.
	 * @param <T> the type of the bean
	 * @param checks the bean
	 * @return the bean, never {@code null}
	 */
	static <T> T requireChecks(T checks) {
		Assert.notNull(checks, "'checks' must not be null");
		return checks;
	}

	@Override
	public void start() {
		this.start.run();
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (isRunning()) {
			this.startWhenReady.run();
		}
	}

	@Override
	public void stop() {
		this.stop.run();
	}

	@Override
	public boolean isRunning() {
		return this.running.getAsBoolean();
	}

}
