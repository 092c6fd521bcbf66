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

package io.github.smtphealth.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

import io.github.smtphealth.probe.ProbeThreads;
import org.jspecify.annotations.Nullable;

/**
 * Every configured server's check, and the threads that probe them. The group owns every
 * thread its checks use, all made by one {@link ThreadFactory} (platform daemon threads
 * unless told otherwise, for example virtual ones): a thread per running probe, one
 * watchdog for all of them, a thread per host name being resolved and, for servers in
 * {@link RefreshMode#BACKGROUND} mode, one schedule.
 * <p>
 * The life cycle is the application's: {@link #start()} lets requests start probes,
 * {@link #startProbing()} (once the application is ready) probes every server once and
 * starts the background schedule, {@link #stop()} abandons whatever still runs at once,
 * closing its sockets. A stopped group still serves the last verdicts and can be started
 * again.
 *
 * @since 0.1.0
 */
public final class SmtpChecks implements AutoCloseable {

	private final Map<String, SmtpCheck> checks;

	private final ThreadFactory threadFactory;

	private @Nullable ProbeThreads threads;

	private boolean scheduleStarted;

	/**
	 * Create the group with platform daemon threads; nothing runs until {@link #start()}.
	 * @param checks the checks, in display order, with distinct names, each in no other
	 * group
	 */
	public SmtpChecks(List<SmtpCheck> checks) {
		this(checks, ProbeThreads.daemonThreads());
	}

	/**
	 * Create the group; nothing runs until {@link #start()}.
	 * @param checks the checks, in display order, with distinct names, each in no other
	 * group
	 * @param threadFactory makes every thread the group uses
	 */
	public SmtpChecks(List<SmtpCheck> checks, ThreadFactory threadFactory) {
		this.threadFactory = Objects.requireNonNull(threadFactory, "'threadFactory' must not be null");
		Map<String, SmtpCheck> byName = new LinkedHashMap<>();
		for (SmtpCheck check : checks) {
			if (byName.put(check.name(), check) != null) {
				throw new IllegalArgumentException("Duplicate SMTP server name '" + check.name() + "'");
			}
		}
		byName.values().forEach(SmtpCheck::own);
		this.checks = Collections.unmodifiableMap(byName);
	}

	/**
	 * Return the checks by name, in display order.
	 * @return the checks
	 */
	public Map<String, SmtpCheck> checks() {
		return this.checks;
	}

	/**
	 * Make the threads available: from now on a health request can start a probe. Nothing
	 * is probed yet. Idempotent.
	 */
	public synchronized void start() {
		if (this.threads != null) {
			return;
		}
		ProbeThreads started = new ProbeThreads(this.threadFactory);
		this.checks.values().forEach((check) -> check.use(started));
		this.threads = started;
	}

	/**
	 * Probe every server that has no verdict yet, each on its own thread, and start the
	 * schedule of the servers in background mode. Starts the group if needed; idempotent.
	 */
	public synchronized void startProbing() {
		start();
		ProbeThreads running = Objects.requireNonNull(this.threads);
		List<SmtpCheck> scheduled = this.checks.values()
			.stream()
			.filter((check) -> check.refreshMode() == RefreshMode.BACKGROUND)
			.toList();
		for (SmtpCheck check : this.checks.values()) {
			if (check.latest() == null) {
				check.refreshInBackground();
			}
		}
		if (!scheduled.isEmpty() && !this.scheduleStarted) {
			running.start("schedule", new BackgroundSchedule(scheduled));
			this.scheduleStarted = true;
		}
	}

	/**
	 * Return whether the group runs.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public synchronized boolean isRunning() {
		return this.threads != null;
	}

	/**
	 * Stop at once: the schedule ends, probes in flight are abandoned (their sockets
	 * closed) and no new one starts. Verdicts already known are still served. Idempotent.
	 */
	public synchronized void stop() {
		ProbeThreads running = this.threads;
		if (running == null) {
			return;
		}
		this.threads = null;
		this.scheduleStarted = false;
		this.checks.values().forEach((check) -> check.use(null));
		running.close();
	}

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
	}

}
