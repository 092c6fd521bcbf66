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

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for {@link LeakCheck}.
 */
class LeakCheckTests {

	@Test
	void snapshotCountsThreadsAndFileDescriptors() {
		LeakCheck snapshot = LeakCheck.snapshot();
		assertThat(snapshot.threadCount()).isPositive();
		assertThat(snapshot.threadNames()).contains(Thread.currentThread().getName());
		if (Files.isDirectory(Path.of("/proc/self/fd"))) {
			assertThat(snapshot.openFileDescriptors()).isPositive();
		}
	}

	@Test
	void extraThreadFailsWithItsNameUntilItEnds() throws Exception {
		LeakCheck baseline = LeakCheck.snapshot();
		CountDownLatch release = new CountDownLatch(1);
		Thread thread = new Thread(() -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "leaky-thread");
		thread.start();
		try {
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> baseline.assertBackToBaseline(Duration.ofMillis(200)))
				.withMessageContaining("threads: ")
				.withMessageContaining("+ \"leaky-thread\" WAITING");
			assertThatNoException().isThrownBy(() -> baseline.assertBackToBaseline(Duration.ofMillis(200), 1));
		}
		finally {
			release.countDown();
		}
		thread.join();
		baseline.assertBackToBaseline(Duration.ofSeconds(5));
	}

	@Test
	void extraFileDescriptorFailsWithWhatItIsUntilClosed() throws Exception {
		assumeThat(Path.of("/proc/self/fd")).isDirectory();
		new ServerSocket(0).close();
		LeakCheck baseline = LeakCheck.snapshot();
		ServerSocket socket = new ServerSocket(0);
		try {
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> baseline.assertBackToBaseline(Duration.ofMillis(200)))
				.withMessageContaining("file descriptors: ")
				.withMessageContaining("-> socket:[");
		}
		finally {
			socket.close();
		}
		baseline.assertBackToBaseline(Duration.ofSeconds(5));
	}

}
