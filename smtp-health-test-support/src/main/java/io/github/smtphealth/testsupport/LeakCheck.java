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

package io.github.smtphealth.testsupport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.sun.management.UnixOperatingSystemMXBean;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the live threads and open file descriptors of this JVM, to check that
 * code under test gave back what it took. Take the snapshot after a warm-up run: the JVM
 * opens jars and starts shared threads lazily the first time they are needed. For
 * example: <pre class="code">
 * LeakCheck baseline = LeakCheck.snapshot();
 * probe.check(); // code under test
 * baseline.assertBackToBaseline(Duration.ofSeconds(5));
 * </pre> File descriptors are counted from {@code /proc/self/fd} on Linux (with what each
 * one points to), through {@link UnixOperatingSystemMXBean} elsewhere on Unix, and not at
 * all where neither exists. Nothing here runs the garbage collector, which would close
 * leaked sockets and hide the leak.
 *
 * @since 0.1.0
 */
public final class LeakCheck {

	private static final Path PROC_FD = Path.of("/proc/self/fd");

	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private final Set<Thread> threads;

	private final @Nullable Map<String, String> fileDescriptors;

	private final long fileDescriptorCount;

	private LeakCheck(Set<Thread> threads, @Nullable Map<String, String> fileDescriptors, long fileDescriptorCount) {
		this.threads = threads;
		this.fileDescriptors = fileDescriptors;
		this.fileDescriptorCount = fileDescriptorCount;
	}

	/**
	 * Take a snapshot of the live threads and open file descriptors.
	 * @return the snapshot
	 */
	public static LeakCheck snapshot() {
		Set<Thread> threads = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.isAlive()) {
				threads.add(thread);
			}
		}
		Map<String, String> fileDescriptors = procFileDescriptors();
		long count = (fileDescriptors != null) ? fileDescriptors.size() : mxBeanFileDescriptorCount();
		return new LeakCheck(Collections.unmodifiableSet(threads), fileDescriptors, count);
	}

	/**
	 * Return the number of live threads.
	 * @return the thread count
	 */
	public int threadCount() {
		return this.threads.size();
	}

	/**
	 * Return the names of the live threads, sorted.
	 * @return the thread names
	 */
	public List<String> threadNames() {
		return this.threads.stream().map(Thread::getName).sorted().toList();
	}

	/**
	 * Return the names of the threads alive now that were not in this snapshot, for
	 * example to see that a component started its threads.
	 * @return the thread names, in no particular order
	 */
	public List<String> newThreadNames() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && !this.threads.contains(thread))
			.map(Thread::getName)
			.toList();
	}

	/**
	 * Return the number of open file descriptors.
	 * @return the count, or {@code -1} where this platform cannot tell
	 */
	public long openFileDescriptors() {
		return this.fileDescriptorCount;
	}

	/**
	 * Poll until there are no more threads and file descriptors than in this snapshot.
	 * @param within how long to keep polling
	 * @throws AssertionError naming the threads and file descriptors added, if still more
	 * after {@code within}
	 */
	public void assertBackToBaseline(Duration within) {
		assertBackToBaseline(within, 0);
	}

	/**
	 * Poll until there are at most {@code tolerance} more threads and at most
	 * {@code tolerance} more file descriptors than in this snapshot.
	 * @param within how long to keep polling
	 * @param tolerance how many extra threads and extra file descriptors are acceptable
	 * @throws AssertionError naming the threads and file descriptors added, if still more
	 * after {@code within}
	 */
	public void assertBackToBaseline(Duration within, int tolerance) {
		long deadline = System.nanoTime() + within.toNanos();
		while (true) {
			LeakCheck now = snapshot();
			boolean threadsBack = now.threadCount() <= threadCount() + tolerance;
			boolean fileDescriptorsBack = now.fileDescriptorCount <= this.fileDescriptorCount + tolerance;
			if (threadsBack && fileDescriptorsBack) {
				return;
			}
			if (System.nanoTime() - deadline >= 0) {
				throw new AssertionError(describeDifference(now, within, tolerance));
			}
			try {
				Thread.sleep(POLL_INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted", ex);
			}
		}
	}

	private String describeDifference(LeakCheck now, Duration within, int tolerance) {
		StringBuilder message = new StringBuilder(
				"Not back to baseline within " + within + " (tolerance " + tolerance + ")");
		message.append("\n  threads: ")
			.append(now.threadCount())
			.append(" now, ")
			.append(threadCount())
			.append(" at baseline");
		List<String> added = new ArrayList<>();
		for (Thread thread : now.threads) {
			if (!this.threads.contains(thread)) {
				added.add(describe(thread));
			}
		}
		added.sort(null);
		for (String thread : added) {
			message.append("\n    + ").append(thread);
		}
		message.append("\n  file descriptors: ")
			.append(now.fileDescriptorCount)
			.append(" now, ")
			.append(this.fileDescriptorCount)
			.append(" at baseline");
		if (this.fileDescriptors != null && now.fileDescriptors != null) {
			now.fileDescriptors.forEach((fd, target) -> {
				if (!target.equals(this.fileDescriptors.get(fd))) {
					message.append("\n    + ").append(fd).append(" -> ").append(target);
				}
			});
		}
		return message.toString();
	}

	private static String describe(Thread thread) {
		StackTraceElement[] stack = thread.getStackTrace();
		String where = (stack.length > 0) ? " at " + stack[0] : "";
		return "\"" + thread.getName() + "\"" + (thread.isDaemon() ? " daemon" : "") + " " + thread.getState() + where;
	}

	private static @Nullable Map<String, String> procFileDescriptors() {
		if (!Files.isDirectory(PROC_FD)) {
			return null;
		}
		Map<String, String> fileDescriptors = new TreeMap<>();
		try (Stream<Path> entries = Files.list(PROC_FD)) {
			entries.forEach((entry) -> {
				try {
					fileDescriptors.put(entry.getFileName().toString(), Files.readSymbolicLink(entry).toString());
				}
				catch (IOException ex) {
					// Closed while listing (the listing's own descriptor, for one)
				}
			});
		}
		catch (IOException ex) {
			return null;
		}
		return fileDescriptors;
	}

	private static long mxBeanFileDescriptorCount() {
		OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
		if (bean instanceof UnixOperatingSystemMXBean unix) {
			return unix.getOpenFileDescriptorCount();
		}
		return -1;
	}

}
