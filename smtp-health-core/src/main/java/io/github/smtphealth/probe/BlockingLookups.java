package io.github.smtphealth.probe;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads on which blocking name lookups run, so the probe can stop waiting for them at its
 * deadline. A lookup the resolver never answers keeps its thread until the system resolver gives up;
 * the pool is bounded so that a dead DNS server cannot pile up threads without limit.
 */
final class BlockingLookups {

	static final int MAX_THREADS = 16;

	static final ExecutorService EXECUTOR = new ThreadPoolExecutor(0, MAX_THREADS, 10, TimeUnit.SECONDS,
			new SynchronousQueue<>(), daemonThreads("smtp-health-dns-"));

	private BlockingLookups() {
	}

	static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
