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

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * Closes a probe's socket when its deadline has passed. Socket read timeouts (set to the
 * time left before every read) already bound every read; the watchdog bounds what they
 * cannot reach: a TLS handshake that the peer stretches, a write to a peer that stops
 * reading, and a probe abandoned at shutdown.
 * <p>
 * One thread serves every probe of its {@link ProbeThreads}. Watching and unwatching a
 * socket never wakes it (a queue insert and a volatile write): it ticks every
 * {@link #TICK} while anything is watched, closing what is overdue, and parks when
 * nothing is. A deadline is therefore enforced up to one tick late, which only matters
 * where no read timeout applies.
 */
final class Watchdog {

	/**
	 * How often the watchdog looks at the sockets it watches.
	 */
	static final Duration TICK = Duration.ofMillis(50);

	private final ProbeThreads threads;

	private final Queue<Watch> watches = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean started = new AtomicBoolean();

	private volatile @Nullable Thread thread;

	private volatile boolean idle;

	Watchdog(ProbeThreads threads) {
		this.threads = threads;
	}

	/**
	 * Close the resource once the deadline has passed, unless the returned watch is
	 * closed first.
	 * @param deadline the deadline
	 * @param resource what to close
	 * @return the watch; closing it ends the watch
	 */
	Watch watch(Deadline deadline, Closeable resource) {
		Watch watch = new Watch(deadline, resource);
		this.watches.add(watch);
		if (this.threads.isClosed()) {
			watch.expire();
			return watch;
		}
		Thread current = this.thread;
		if (current == null) {
			startThread(watch);
		}
		else if (this.idle) {
			LockSupport.unpark(current);
		}
		return watch;
	}

	private void startThread(Watch watch) {
		if (this.started.compareAndSet(false, true)) {
			try {
				this.threads.start("watchdog", this::run);
			}
			catch (RejectedExecutionException ex) {
				watch.expire();
			}
		}
	}

	/**
	 * The thread publishes itself before its first look at the queue, so a watch added
	 * while it was not yet known is always seen.
	 */
	private void run() {
		this.thread = Thread.currentThread();
		while (!this.threads.isClosed()) {
			Thread.interrupted();
			sweep();
			if (this.watches.isEmpty()) {
				this.idle = true;
				if (this.watches.isEmpty() && !this.threads.isClosed()) {
					LockSupport.park(this);
				}
				this.idle = false;
			}
			else {
				LockSupport.parkNanos(this, TICK.toNanos());
			}
		}
		closeAll();
	}

	private void sweep() {
		for (Iterator<Watch> iterator = this.watches.iterator(); iterator.hasNext();) {
			Watch watch = iterator.next();
			if (watch.isDone()) {
				iterator.remove();
			}
			else if (watch.deadline().isExpired()) {
				watch.expire();
				iterator.remove();
			}
		}
	}

	/**
	 * Close every socket still watched, now.
	 */
	void closeAll() {
		Watch watch;
		while ((watch = this.watches.poll()) != null) {
			watch.expire();
		}
	}

	static void closeQuietly(Closeable resource) {
		try {
			resource.close();
		}
		catch (IOException | RuntimeException ex) {
			// Closing is best effort: the socket is unusable either way.
		}
	}

	/**
	 * One watched resource; closing the watch ends it without closing the resource.
	 *
	 * @param deadline the deadline after which the resource is closed
	 * @param resource what the watchdog closes when the deadline passes
	 * @param done whether the watch has ended
	 */
	record Watch(Deadline deadline, Closeable resource, AtomicBoolean done) implements Closeable {

		Watch(Deadline deadline, Closeable resource) {
			this(deadline, resource, new AtomicBoolean());
		}

		boolean isDone() {
			return this.done.get();
		}

		void expire() {
			if (this.done.compareAndSet(false, true)) {
				closeQuietly(this.resource);
			}
		}

		@Override
		public void close() {
			this.done.set(true);
		}

	}

}
