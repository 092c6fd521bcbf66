package io.github.smtphealth.check;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeResult;
import org.jspecify.annotations.Nullable;

/**
 * The health check of one server: runs its probe, judges the result, and decides when to probe
 * again. Within the cache TTL a result is reused; while a probe runs, every other request waits for
 * that same probe (single flight), so a flood of health requests never becomes a flood of SMTP
 * connections. A request never waits longer than the probe's timeout plus {@link #WAIT_MARGIN}.
 *
 * @since 0.1.0
 */
public final class SmtpCheck {

	/**
	 * How much longer than the probe's own deadline a request may wait for it.
	 */
	public static final Duration WAIT_MARGIN = Duration.ofSeconds(1);

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

	private @Nullable SmtpCheckOutcome last;

	private long lastFinishedNanos;

	private @Nullable CompletableFuture<SmtpCheckOutcome> inFlight;

	/**
	 * A result that a prefetch produced for a request that has not collected it yet. With a cache TTL of
	 * zero it would otherwise be thrown away, and the request would probe a second time.
	 */
	private @Nullable SmtpCheckOutcome prefetched;

	private long prefetchedNanos;

	private @Nullable CompletableFuture<SmtpCheckOutcome> prefetchFlight;

	/**
	 * Create a check.
	 * @param name the server's configured name
	 * @param probe the probe
	 * @param policy the thresholds
	 * @param cacheTtl how long a result is reused in {@link RefreshMode#ON_DEMAND} mode; zero to probe on
	 * every request
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
	 * Return the verdict to serve now: in {@link RefreshMode#ON_DEMAND} mode a fresh or cached one, in
	 * {@link RefreshMode#BACKGROUND} mode the last one (UNKNOWN before the first).
	 * @return the outcome
	 */
	public SmtpCheckOutcome current() {
		if (this.refreshMode == RefreshMode.BACKGROUND) {
			SmtpCheckOutcome latest = latest();
			return (latest != null) ? latest : new SmtpCheckOutcome(this.name, this.probe.settings(), null,
					new CheckVerdict(CheckStatus.UNKNOWN, "no result yet: the first background check is running"),
					false);
		}
		Flight flight;
		synchronized (this.monitor) {
			SmtpCheckOutcome collected = collectPrefetched();
			if (collected != null) {
				return collected;
			}
			SmtpCheckOutcome fresh = freshOutcome();
			if (fresh != null) {
				return fresh.asCached();
			}
			flight = joinOrStartFlight();
			if (flight.future() == this.prefetchFlight) {
				this.prefetchFlight = null;
			}
		}
		return flight.takeOff();
	}

	/**
	 * Start a probe on the executor unless a fresh result exists or a probe is running, so that
	 * several servers are probed at the same time.
	 * @param executor where to run the probe
	 */
	public void prefetch(Executor executor) {
		CompletableFuture<SmtpCheckOutcome> future;
		synchronized (this.monitor) {
			if (this.refreshMode == RefreshMode.BACKGROUND || freshOutcome() != null || this.inFlight != null) {
				return;
			}
			future = startFlight();
			this.prefetchFlight = future;
		}
		try {
			executor.execute(() -> {
				SmtpCheckOutcome outcome = fly(future);
				synchronized (this.monitor) {
					if (this.prefetchFlight == future) {
						this.prefetchFlight = null;
						this.prefetched = outcome;
						this.prefetchedNanos = System.nanoTime();
					}
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// The caller's own request will run the probe instead.
			synchronized (this.monitor) {
				this.inFlight = null;
			}
			future.cancel(false);
		}
	}

	/**
	 * Probe now, or join the probe already running.
	 * @return the fresh outcome
	 */
	public SmtpCheckOutcome refresh() {
		Flight flight;
		synchronized (this.monitor) {
			flight = joinOrStartFlight();
		}
		return flight.takeOff();
	}

	/**
	 * Return the last outcome, marked cached.
	 * @return the outcome, or {@code null} if no probe has finished yet
	 */
	public @Nullable SmtpCheckOutcome latest() {
		synchronized (this.monitor) {
			return (this.last != null) ? this.last.asCached() : null;
		}
	}

	/**
	 * Hand out a prefetched result once, if it is younger than the probe's own timeout: the request
	 * that caused the prefetch is then still waiting for it.
	 */
	private @Nullable SmtpCheckOutcome collectPrefetched() {
		SmtpCheckOutcome collected = this.prefetched;
		this.prefetched = null;
		boolean recent = collected != null
				&& System.nanoTime() - this.prefetchedNanos <= this.probe.settings().timeout().toNanos();
		return recent ? collected : null;
	}

	/**
	 * Return the last outcome if it is still within the cache TTL.
	 */
	private @Nullable SmtpCheckOutcome freshOutcome() {
		SmtpCheckOutcome outcome = this.last;
		boolean fresh = outcome != null && !this.cacheTtl.isZero()
				&& System.nanoTime() - this.lastFinishedNanos < this.cacheTtl.toNanos();
		return fresh ? outcome : null;
	}

	/**
	 * Join the probe in flight, or start one that the caller must then run. Called under the monitor.
	 */
	private Flight joinOrStartFlight() {
		CompletableFuture<SmtpCheckOutcome> running = this.inFlight;
		return (running != null) ? new Flight(running, false) : new Flight(startFlight(), true);
	}

	private CompletableFuture<SmtpCheckOutcome> startFlight() {
		CompletableFuture<SmtpCheckOutcome> future = new CompletableFuture<>();
		this.inFlight = future;
		return future;
	}

	/**
	 * Run the probe on this thread and hand its outcome to everyone waiting.
	 */
	private SmtpCheckOutcome fly(CompletableFuture<SmtpCheckOutcome> future) {
		SmtpCheckOutcome outcome;
		notifyListener(() -> this.listener.probing(this.name, this.probe.settings()));
		try {
			SmtpProbeResult result = this.probe.run();
			outcome = new SmtpCheckOutcome(this.name, this.probe.settings(), result,
					this.policy.evaluate(result, this.clock.instant()), false);
		}
		catch (RuntimeException | Error ex) {
			synchronized (this.monitor) {
				this.inFlight = null;
			}
			future.completeExceptionally(ex);
			// Every probing() is followed by a probed(), so that an observation started for it ends.
			notifyListener(() -> this.listener.probed(unfinished("the probe failed unexpectedly")));
			throw ex;
		}
		synchronized (this.monitor) {
			this.last = outcome;
			this.lastFinishedNanos = System.nanoTime();
			this.inFlight = null;
		}
		future.complete(outcome);
		notifyListener(() -> this.listener.probed(outcome));
		return outcome;
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
		return new SmtpCheckOutcome(this.name, this.probe.settings(), null,
				new CheckVerdict(CheckStatus.DOWN, reason), false);
	}

	/**
	 * A probe a request takes part in: as its pilot (it started it, so it runs it on its own thread) or as
	 * a passenger (it waits for someone else's).
	 */
	private final class Flight {

		private final CompletableFuture<SmtpCheckOutcome> future;

		private final boolean pilot;

		Flight(CompletableFuture<SmtpCheckOutcome> future, boolean pilot) {
			this.future = future;
			this.pilot = pilot;
		}

		CompletableFuture<SmtpCheckOutcome> future() {
			return this.future;
		}

		SmtpCheckOutcome takeOff() {
			return this.pilot ? fly(this.future) : await(this.future);
		}

	}

}
