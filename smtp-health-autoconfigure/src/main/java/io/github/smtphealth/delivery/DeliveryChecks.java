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

package io.github.smtphealth.delivery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Every server's delivery check and the threads that run them: one scheduled thread per
 * check, so that a server waiting minutes for its message never delays another's check.
 * Each check runs at once when probing starts, then {@code interval} after the previous
 * run ended. Nothing runs before {@link #startProbing()} nor after {@link #stop()}.
 *
 * @since 0.1.0
 */
public final class DeliveryChecks {

	private static final Log logger = LogFactory.getLog(DeliveryChecks.class);

	private static final long STOP_WAIT_SECONDS = 5;

	private final Map<String, DeliveryCheck> checks = new LinkedHashMap<>();

	private final ThreadFactory threadFactory;

	private @Nullable ScheduledExecutorService scheduler;

	private boolean probing;

	/**
	 * Create the checks.
	 * @param checks the checks, one per server
	 * @param threadFactory makes the threads that run them
	 */
	public DeliveryChecks(List<DeliveryCheck> checks, ThreadFactory threadFactory) {
		checks.forEach((check) -> this.checks.put(check.settings().serverName(), check));
		this.threadFactory = threadFactory;
	}

	/**
	 * Return the checks by server name, in configuration order.
	 * @return the checks
	 */
	public Map<String, DeliveryCheck> checks() {
		return Collections.unmodifiableMap(this.checks);
	}

	/**
	 * Create the threads (idempotent).
	 */
	public synchronized void start() {
		if (this.scheduler == null && !this.checks.isEmpty()) {
			this.scheduler = Executors.newScheduledThreadPool(this.checks.size(), this.threadFactory);
		}
	}

	/**
	 * Start the schedule: every check runs now, then after each interval (idempotent).
	 */
	public synchronized void startProbing() {
		ScheduledExecutorService running = this.scheduler;
		if (running == null || this.probing) {
			return;
		}
		this.probing = true;
		for (DeliveryCheck check : this.checks.values()) {
			long interval = check.settings().interval().toMillis();
			running.scheduleWithFixedDelay(() -> runSafely(check), 0, interval, TimeUnit.MILLISECONDS);
		}
	}

	private static void runSafely(DeliveryCheck check) {
		try {
			check.run();
		}
		catch (RuntimeException ex) {
			// A scheduled task that throws is never run again: keep the schedule alive.
			logger.error("Delivery check of SMTP server '" + check.settings().serverName() + "' failed unexpectedly",
					ex);
		}
	}

	/**
	 * Stop the schedule and the threads; a check in flight is interrupted and abandoned.
	 */
	public synchronized void stop() {
		ScheduledExecutorService running = this.scheduler;
		this.scheduler = null;
		this.probing = false;
		if (running == null) {
			return;
		}
		running.shutdownNow();
		try {
			if (!running.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
				logger.warn("A delivery check did not stop within " + STOP_WAIT_SECONDS + " s; abandoning it");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Return whether the threads are running.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
