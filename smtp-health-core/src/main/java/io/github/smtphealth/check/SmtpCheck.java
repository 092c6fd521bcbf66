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

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.smtphealth.probe.ProbeThreads;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeResult;
import org.jspecify.annotations.Nullable;

/**
 * The health check of one server: runs its probe, judges the result, and decides when to
 * probe again.
 * <p>
 * In an application the check belongs to a started {@link SmtpChecks}, which owns the
 * threads its probes run on, and it serves stale-while-revalidate: once a verdict exists,
 * {@link #current()} returns it at once and, in {@link RefreshMode#ON_DEMAND} mode when
 * it is older than the cache TTL, starts one probe in the background or finds one already
 * running (single flight: one SMTP connection however many requests ask). A request never
 * waits for a probe then, and a verdict it is served is at most cache TTL + timeout old.
 * Before the first verdict a request waits for the first probe, but no longer than
 * {@link #FIRST_RESULT_WAIT} after that probe started, and only
 * {@link #FIRST_RESULT_WAITERS} requests wait at a time; otherwise it is told
 * {@link CheckStatus#PENDING}.
 * <p>
 * A check that belongs to no {@code SmtpChecks} (a tool, a test) has no threads of its
 * own: in on-demand mode it probes on the calling thread, reusing a result younger than
 * the cache TTL, and concurrent callers wait for the same probe, no longer than its
 * timeout plus {@link #WAIT_MARGIN}; in background mode it serves what {@link #refresh()}
 * last produced.
 *
 * @since 0.1.0
 */
public final class SmtpCheck {

	/**
	 * How long after the first probe started a request may wait for its verdict. Below
	 * one second, Kubernetes' default probe timeout, so that the kubelet gets an answer
	 * rather than a time-out.
	 */
	public static final Duration FIRST_RESULT_WAIT = Duration.ofMillis(800);

	/**
	 * How many requests may wait for the first verdict at the same time; any more are
	 * told PENDING at once, so that a flood of requests before the first verdict cannot
	 * occupy every thread of the web server for {@link #FIRST_RESULT_WAIT}.
	 */
	public static final int FIRST_RESULT_WAITERS = 4;

	/**
	 * How much longer than the probe's own deadline a caller may wait for a probe run on
	 * another caller's thread (a check without {@link SmtpChecks}, or
	 * {@link #refresh()}).
	 */
	public static final Duration WAIT_MARGIN = Duration.ofSeconds(1);

	/**
	 * How often the background schedule looks again at a server whose probe is running.
	 */
	static final Duration POLL_WHILE_PROBING = Duration.ofMillis(50);

	private static final System.Logger logger = System.getLogger(SmtpCheck.class.getName());

	private final String name;

	private final SmtpProbe probe;

	private final CheckPolicy policy;

	private final Duration cacheTtl;

	private final RefreshMode refreshMode;

	private final Duration interval;

	private final SmtpCheckListener listener;

	private final Clock clock;

	private final Object monitor = new Object();

	private boolean owned;

	/**
	 * The threads of the owning {@link SmtpChecks} while it runs, else {@code null}.
	 */
	private @Nullable ProbeThreads threads;

	private @Nullable SmtpCheckOutcome last;

	private long lastFinishedNanos;

	private @Nullable CompletableFuture<SmtpCheckOutcome> inFlight;

	private long inFlightStartedNanos;

	private final AtomicInteger firstResultWaiters = new AtomicInteger();

	/**
	 * Create a check.
	 * @param name the server's configured name
	 * @param probe the probe
	 * @param policy the thresholds
	 * @param cacheTtl how old a verdict may be before a request starts a refresh in
	 * {@link RefreshMode#ON_DEMAND} mode; zero to start one on every request
	 * @param refreshMode when the server is probed
	 * @param interval the period of {@link RefreshMode#BACKGROUND} probes
	 * @param listener told about every probe that ran
	 * @param clock the wall clock, for certificate expiry
	 */
	public SmtpCheck(String name, SmtpProbe probe, CheckPolicy policy, Duration cacheTtl, RefreshMode refreshMode,
			Duration interval, SmtpCheckListener listener, Clock clock) {
		this.name = Objects.requireNonNull(name, "'name' must not be null");
		this.probe = Objects.requireNonNull(probe, "'probe' must not be null");
		this.policy = Objects.requireNonNull(policy, "'policy' must not be null");
		this.cacheTtl = Objects.requireNonNull(cacheTtl, "'cacheTtl' must not be null");
		this.refreshMode = Objects.requireNonNull(refreshMode, "'refreshMode' must not be null");
		this.interval = Objects.requireNonNull(interval, "'interval' must not be null");
		this.listener = Objects.requireNonNull(listener, "'listener' must not be null");
		this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
	}

	/**
	 * Return the server's configured name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the probe.
	 * @return the probe
	 */
	public SmtpProbe probe() {
		return this.probe;
	}

	/**
	 * Return when the server is probed.
	 * @return the refresh mode
	 */
	public RefreshMode refreshMode() {
		return this.refreshMode;
	}

	/**
	 * Return the period of background probes.
	 * @return the interval
	 */
	public Duration interval() {
		return this.interval;
	}

	/**
	 * Return the verdict to serve now, without waiting for a probe once a verdict exists
	 * (see the class description).
	 * @return the outcome
	 */
	public SmtpCheckOutcome current() {
		return isOwned() ? currentFromOwner() : currentOnCallingThread();
	}

	/**
	 * Serve the latest verdict; start a refresh when it is stale (on demand); before the
	 * first verdict, wait for the first probe until {@link #FIRST_RESULT_WAIT} after it
	 * started.
	 */
	private SmtpCheckOutcome currentFromOwner() {
		ProbeThreads probeThreads;
		CompletableFuture<SmtpCheckOutcome> launched = null;
		CompletableFuture<SmtpCheckOutcome> first;
		long firstStartedNanos;
		SmtpCheckOutcome served = null;
		synchronized (this.monitor) {
			probeThreads = this.threads;
			if (probeThreads != null && this.refreshMode == RefreshMode.ON_DEMAND && this.inFlight == null
					&& freshOutcome() == null) {
				launched = startFlight();
			}
			SmtpCheckOutcome known = this.last;
			if (known != null) {
				served = known.served(age(), this.inFlight != null);
			}
			first = this.inFlight;
			firstStartedNanos = this.inFlightStartedNanos;
		}
		if (launched != null && probeThreads != null) {
			launch(launched, probeThreads);
		}
		if (served != null) {
			return served;
		}
		if (first == null) {
			return pending((probeThreads != null) ? "the first background check has not started yet"
					: "the health check is not running", false);
		}
		return awaitFirst(first, firstStartedNanos);
	}

	/**
	 * Without an owner: probe on this thread (on demand), or join the caller already
	 * probing.
	 */
	private SmtpCheckOutcome currentOnCallingThread() {
		Flight flight;
		synchronized (this.monitor) {
			SmtpCheckOutcome known = this.last;
			if (known != null && (freshOutcome() != null || this.refreshMode == RefreshMode.BACKGROUND)) {
				return known.served(age(), this.inFlight != null);
			}
			if (this.refreshMode == RefreshMode.BACKGROUND) {
				return pending("the check runs in the background and has no schedule", false);
			}
			flight = joinOrStartFlight();
		}
		return runOrAwait(flight, null);
	}

	private boolean isOwned() {
		synchronized (this.monitor) {
			return this.owned;
		}
	}

	/**
	 * Probe now on the calling thread, or join the probe already running.
	 * @return the fresh outcome
	 */
	public SmtpCheckOutcome refresh() {
		Flight flight;
		ProbeThreads probeThreads;
		synchronized (this.monitor) {
			probeThreads = this.threads;
			flight = joinOrStartFlight();
		}
		return runOrAwait(flight, probeThreads);
	}

	/**
	 * Return the last outcome, marked cached.
	 * @return the outcome, or {@code null} if no probe has finished yet
	 */
	public @Nullable SmtpCheckOutcome latest() {
		synchronized (this.monitor) {
			return (this.last != null) ? this.last.served(age(), this.inFlight != null) : null;
		}
	}

	/**
	 * Mark the check as belonging to a {@link SmtpChecks}.
	 * @throws IllegalArgumentException if it already belongs to one
	 */
	void own() {
		synchronized (this.monitor) {
			if (this.owned) {
				throw new IllegalArgumentException("SMTP check '" + this.name + "' already belongs to an SmtpChecks");
			}
			this.owned = true;
		}
	}

	/**
	 * Run probes on the given threads from now on, or on none.
	 * @param threads the owner's threads while it runs, {@code null} once it stopped
	 */
	void use(@Nullable ProbeThreads threads) {
		synchronized (this.monitor) {
			this.threads = threads;
		}
	}

	/**
	 * Start a probe in the background unless one is running.
	 */
	void refreshInBackground() {
		ProbeThreads probeThreads;
		CompletableFuture<SmtpCheckOutcome> launched;
		synchronized (this.monitor) {
			probeThreads = this.threads;
			if (probeThreads == null || this.inFlight != null) {
				return;
			}
			launched = startFlight();
		}
		launch(launched, probeThreads);
	}

	/**
	 * Return how long until the background schedule should probe this server:
	 * {@code interval} after the last probe finished, at once before the first, and
	 * {@link #POLL_WHILE_PROBING} while one runs.
	 * @return nanoseconds, zero or less when due
	 */
	long nanosUntilBackgroundRefresh() {
		synchronized (this.monitor) {
			if (this.inFlight != null) {
				return POLL_WHILE_PROBING.toNanos();
			}
			if (this.last == null) {
				return 0;
			}
			return this.lastFinishedNanos + this.interval.toNanos() - System.nanoTime();
		}
	}

	private SmtpCheckOutcome awaitFirst(CompletableFuture<SmtpCheckOutcome> first, long startedNanos) {
		long left = startedNanos + FIRST_RESULT_WAIT.toNanos() - System.nanoTime();
		if (left <= 0 || this.firstResultWaiters.incrementAndGet() > FIRST_RESULT_WAITERS) {
			if (left > 0) {
				this.firstResultWaiters.decrementAndGet();
			}
			return nowOrPending(first, startedNanos);
		}
		try {
			return first.get(left, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return pendingSince(startedNanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return pendingSince(startedNanos);
		}
		catch (ExecutionException | RuntimeException ex) {
			return pending("the first check failed unexpectedly", false);
		}
		finally {
			this.firstResultWaiters.decrementAndGet();
		}
	}

	private SmtpCheckOutcome nowOrPending(CompletableFuture<SmtpCheckOutcome> first, long startedNanos) {
		try {
			return first.getNow(pendingSince(startedNanos));
		}
		catch (RuntimeException ex) {
			return pending("the first check failed unexpectedly", false);
		}
	}

	private SmtpCheckOutcome pendingSince(long startedNanos) {
		long runningMillis = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
		return pending("the first check is still running (for " + runningMillis + " ms, timeout "
				+ this.probe.settings().timeout().toMillis() + " ms)", true);
	}

	private SmtpCheckOutcome pending(String why, boolean refreshing) {
		return new SmtpCheckOutcome(this.name, this.probe.settings(), null,
				new CheckVerdict(CheckStatus.PENDING, "no result yet: " + why), false, Duration.ZERO, refreshing);
	}

	/**
	 * Return the last outcome if it is younger than the cache TTL.
	 */
	private @Nullable SmtpCheckOutcome freshOutcome() {
		SmtpCheckOutcome outcome = this.last;
		boolean fresh = outcome != null && !this.cacheTtl.isZero()
				&& System.nanoTime() - this.lastFinishedNanos < this.cacheTtl.toNanos();
		return fresh ? outcome : null;
	}

	private Duration age() {
		return Duration.ofNanos(Math.max(0, System.nanoTime() - this.lastFinishedNanos));
	}

	/**
	 * Join the probe in flight, or start one that this caller then runs; the caller holds
	 * the monitor.
	 */
	private Flight joinOrStartFlight() {
		CompletableFuture<SmtpCheckOutcome> joined = this.inFlight;
		return (joined != null) ? new Flight(joined, false) : new Flight(startFlight(), true);
	}

	/**
	 * Run the probe this caller started, on the given threads or its own, or wait for the
	 * one it joined.
	 */
	private SmtpCheckOutcome runOrAwait(Flight flight, @Nullable ProbeThreads probeThreads) {
		return flight.started() ? fly(flight.future(), probeThreads) : await(flight.future());
	}

	private CompletableFuture<SmtpCheckOutcome> startFlight() {
		CompletableFuture<SmtpCheckOutcome> future = new CompletableFuture<>();
		this.inFlight = future;
		this.inFlightStartedNanos = System.nanoTime();
		return future;
	}

	/**
	 * Run the flight on a thread of the owner. A failure of the probe itself (never
	 * expected: it reports every problem in its result) is logged and ends that flight
	 * only.
	 */
	private void launch(CompletableFuture<SmtpCheckOutcome> future, ProbeThreads probeThreads) {
		try {
			probeThreads.start("probe", () -> {
				try {
					fly(future, probeThreads);
				}
				catch (RuntimeException | Error ex) {
					logger.log(Level.WARNING, "SMTP check of server ''" + this.name + "'' failed unexpectedly", ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			land(future);
			future.completeExceptionally(ex);
		}
	}

	/**
	 * Run the probe on this thread and hand its outcome to everyone waiting. A probe
	 * whose owner stopped while it ran was cut short: its outcome is not kept, and the
	 * listener hears that it was abandoned.
	 */
	private SmtpCheckOutcome fly(CompletableFuture<SmtpCheckOutcome> future, @Nullable ProbeThreads probeThreads) {
		SmtpCheckOutcome outcome;
		notifyListener(() -> this.listener.probing(this.name, this.probe.settings()));
		try {
			SmtpProbeResult result = (probeThreads != null) ? this.probe.run(probeThreads) : this.probe.run();
			outcome = new SmtpCheckOutcome(this.name, this.probe.settings(), result,
					this.policy.evaluate(result, this.clock.instant()), false);
		}
		catch (RuntimeException | Error ex) {
			land(future);
			future.completeExceptionally(ex);
			// Every probing() is followed by a probed(), so that an observation started
			// for it ends.
			notifyListener(() -> this.listener.probed(unfinished("the probe failed unexpectedly")));
			throw ex;
		}
		SmtpCheckOutcome abandonedFor = null;
		synchronized (this.monitor) {
			if (probeThreads != null && this.threads != probeThreads) {
				SmtpCheckOutcome known = this.last;
				abandonedFor = (known != null) ? known.served(age(), false)
						: pending("the health check stopped during the first check", false);
			}
			else {
				this.last = outcome;
				this.lastFinishedNanos = System.nanoTime();
			}
			if (this.inFlight == future) {
				this.inFlight = null;
			}
		}
		if (abandonedFor != null) {
			notifyListener(() -> this.listener.abandoned(this.name));
			future.complete(abandonedFor);
			return abandonedFor;
		}
		// The listener first (metrics), so that whoever sees this outcome also finds it
		// recorded.
		notifyListener(() -> this.listener.probed(outcome));
		future.complete(outcome);
		return outcome;
	}

	private void land(CompletableFuture<SmtpCheckOutcome> future) {
		synchronized (this.monitor) {
			if (this.inFlight == future) {
				this.inFlight = null;
			}
		}
	}

	private void notifyListener(Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			logger.log(Level.WARNING, "SMTP check listener failed for server ''" + this.name + "''", ex);
		}
	}

	private SmtpCheckOutcome await(CompletableFuture<SmtpCheckOutcome> future) {
		Duration wait = this.probe.settings().timeout().plus(WAIT_MARGIN);
		try {
			return future.get(wait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return unfinished("interrupted while waiting for the check");
		}
		catch (TimeoutException ex) {
			return unfinished("the check did not finish within " + wait.toMillis() + " ms");
		}
		catch (ExecutionException | RuntimeException ex) {
			return unfinished("the check failed unexpectedly");
		}
	}

	private SmtpCheckOutcome unfinished(String reason) {
		return new SmtpCheckOutcome(this.name, this.probe.settings(), null, new CheckVerdict(CheckStatus.DOWN, reason),
				false);
	}

	/**
	 * A probe a caller started, and must run, or joined, and must wait for.
	 */
	private record Flight(CompletableFuture<SmtpCheckOutcome> future, boolean started) {
	}

}
