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

package io.github.smtphealth.probe;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that probes use besides the one that runs them, owned by whoever runs the
 * probes: one watchdog for every probe, which closes a socket whose deadline passed, and
 * name lookups, one thread per host name being resolved, so that a probe can stop waiting
 * for DNS at its deadline and no probe waits because other probes are resolving. Threads
 * are made by the given factory (platform or virtual) and named
 * {@code smtp-health-<purpose>-<n>}; nothing is started before it is needed.
 * <p>
 * {@link #close()} abandons whatever is still running: it closes every socket the
 * watchdog watches (so their probes fail at once) and interrupts every thread it started.
 * A probe run with closed threads fails fast.
 *
 * @since 0.2.0
 */
public final class ProbeThreads implements AutoCloseable {

	private final ThreadFactory threadFactory;

	private final Set<Thread> running = ConcurrentHashMap.newKeySet();

	private final AtomicInteger counter = new AtomicInteger();

	private final Watchdog watchdog = new Watchdog(this);

	private final Lookups lookups = new Lookups(this);

	private volatile boolean closed;

	/**
	 * Create the threads of a probe owner; none is started yet.
	 * @param threadFactory makes every thread, for example {@link #daemonThreads()} or a
	 * factory of virtual threads
	 */
	public ProbeThreads(ThreadFactory threadFactory) {
		this.threadFactory = Objects.requireNonNull(threadFactory, "'threadFactory' must not be null");
	}

	/**
	 * Return a factory of platform daemon threads, which never keep the JVM from exiting.
	 * @return the factory
	 */
	public static ThreadFactory daemonThreads() {
		return (runnable) -> {
			Thread thread = new Thread(runnable);
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Start a task on a thread of its own, named {@code smtp-health-<purpose>-<n>}.
	 * @param purpose what the thread does, for its name
	 * @param task the task
	 * @throws RejectedExecutionException once closed
	 */
	public void start(String purpose, Runnable task) {
		if (this.closed) {
			throw new RejectedExecutionException("The SMTP health check's threads are shut down");
		}
		Thread thread = this.threadFactory.newThread(() -> {
			try {
				task.run();
			}
			finally {
				this.running.remove(Thread.currentThread());
			}
		});
		thread.setName("smtp-health-" + purpose + "-" + this.counter.incrementAndGet());
		this.running.add(thread);
		thread.start();
		if (this.closed) {
			thread.interrupt();
		}
	}

	/**
	 * Return whether {@link #close()} was called.
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.closed;
	}

	Watchdog watchdog() {
		return this.watchdog;
	}

	Lookups lookups() {
		return this.lookups;
	}

	/**
	 * Abandon every probe still running: close the sockets being watched and interrupt
	 * every thread started here. Idempotent; nothing is waited for.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.watchdog.closeAll();
		for (Thread thread : this.running) {
			thread.interrupt();
		}
	}

}
