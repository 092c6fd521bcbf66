package io.github.smtphealth.probe;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a probe's socket when its deadline passes. Socket read timeouts already bound every read;
 * the watchdog also bounds what they cannot: a connect or TLS handshake that the peer stretches, and a
 * write to a peer that stops reading.
 */
final class Watchdog {

	private static final ScheduledThreadPoolExecutor SCHEDULER = createScheduler();

	private Watchdog() {
	}

	private static ScheduledThreadPoolExecutor createScheduler() {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
				BlockingLookups.daemonThreads("smtp-health-watchdog-"));
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

	/**
	 * Close the resource once the deadline has passed, unless the returned handle is closed first.
	 * @param deadline the deadline
	 * @param resource what to close
	 * @return a handle that cancels the watch
	 */
	static Closeable watch(Deadline deadline, Closeable resource) {
		ScheduledFuture<?> future = SCHEDULER.schedule(() -> closeQuietly(resource), deadline.remainingNanos(),
				TimeUnit.NANOSECONDS);
		return () -> future.cancel(false);
	}

	static void closeQuietly(Closeable resource) {
		try {
			resource.close();
		}
		catch (IOException | RuntimeException ex) {
			// Closing is best effort: the socket is unusable either way.
		}
	}

}
