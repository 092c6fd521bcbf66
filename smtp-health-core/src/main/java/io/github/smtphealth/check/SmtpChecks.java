package io.github.smtphealth.check;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Every configured server's check, with the threads that probe them concurrently and, for servers in
 * {@link RefreshMode#BACKGROUND} mode, on a schedule. {@link #close()} stops all of it.
 *
 * @since 0.1.0
 */
public final class SmtpChecks implements AutoCloseable {

	private static final Duration IDLE_THREAD_KEEP_ALIVE = Duration.ofSeconds(5);

	private final Map<String, SmtpCheck> checks;

	private final ThreadPoolExecutor prefetchExecutor;

	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * Create the group; nothing runs until {@link #start()}.
	 * @param checks the checks, in display order, with distinct names
	 */
	public SmtpChecks(List<SmtpCheck> checks) {
		Map<String, SmtpCheck> byName = new LinkedHashMap<>();
		for (SmtpCheck check : checks) {
			if (byName.put(check.name(), check) != null) {
				throw new IllegalArgumentException("Duplicate SMTP server name '" + check.name() + "'");
			}
		}
		this.checks = Collections.unmodifiableMap(byName);
		this.prefetchExecutor = new ThreadPoolExecutor(0, Math.max(1, checks.size()),
				IDLE_THREAD_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
				daemonThreads("smtp-health-probe-"));
	}

	/**
	 * Return the checks by name, in display order.
	 * @return the checks
	 */
	public Map<String, SmtpCheck> checks() {
		return this.checks;
	}

	/**
	 * Start the background schedules, if any server uses them.
	 */
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		List<SmtpCheck> scheduled = this.checks.values()
			.stream()
			.filter((check) -> check.refreshMode() == RefreshMode.BACKGROUND)
			.toList();
		if (scheduled.isEmpty()) {
			return;
		}
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(scheduled.size(),
				daemonThreads("smtp-health-refresh-"));
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		for (SmtpCheck check : scheduled) {
			executor.scheduleWithFixedDelay(check::refresh, 0, check.interval().toMillis(), TimeUnit.MILLISECONDS);
		}
		this.scheduler = executor;
	}

	/**
	 * Start a probe for every server whose result is stale, each on its own thread, so that a request
	 * for all of them takes about as long as the slowest.
	 */
	public void prefetchAll() {
		if (this.checks.size() > 1) {
			this.checks.values().forEach((check) -> check.prefetch(this.prefetchExecutor));
		}
	}

	@Override
	public synchronized void close() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
		this.prefetchExecutor.shutdownNow();
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
