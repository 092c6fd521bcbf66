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

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.smtphealth.probe.Phase;
import io.github.smtphealth.probe.ProbeFailure;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeResult;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.testsupport.LeakCheck;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.SmtpScript;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SmtpCheck} and {@link SmtpChecks}: caching, single flight, bounded
 * waits, stale-while-revalidate, background refresh, DNS of many servers and shutdown,
 * all against scripted in-process servers. Checks outside an {@code SmtpChecks} probe on
 * the calling thread.
 */
class SmtpCheckTests {

	private static final Duration LONG_TTL = Duration.ofMinutes(1);

	private static final Duration GREETING_DELAY = Duration.ofMillis(600);

	private final List<SmtpCheckOutcome> probed = new CopyOnWriteArrayList<>();

	private final List<String> abandoned = new CopyOnWriteArrayList<>();

	private final SmtpCheckListener listener = new SmtpCheckListener() {

		@Override
		public void probed(SmtpCheckOutcome outcome) {
			SmtpCheckTests.this.probed.add(outcome);
		}

		@Override
		public void abandoned(String serverName) {
			SmtpCheckTests.this.abandoned.add(serverName);
		}

	};

	@Test
	void currentWithinCacheTtlShouldReuseResult() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpCheck check = check("relay", settings(server).build(), LONG_TTL, RefreshMode.ON_DEMAND);
			SmtpCheckOutcome first = check.current();
			SmtpCheckOutcome second = check.current();
			assertThat(first.verdict().status()).isEqualTo(CheckStatus.UP);
			assertThat(first.cached()).isFalse();
			assertThat(second.cached()).isTrue();
			assertThat(second.verdict()).isEqualTo(first.verdict());
			assertThat(second.result()).isSameAs(first.result());
			assertThat(server.connectionCount()).isOne();
			assertThat(this.probed).hasSize(1);
		}
	}

	@Test
	void currentWithZeroCacheTtlShouldProbeEveryTime() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpCheck check = check("relay", settings(server).build(), Duration.ZERO, RefreshMode.ON_DEMAND);
			List<SmtpCheckOutcome> outcomes = List.of(check.current(), check.current(), check.current());
			assertThat(outcomes).allSatisfy((outcome) -> {
				assertThat(outcome.cached()).isFalse();
				assertThat(outcome.verdict().status()).isEqualTo(CheckStatus.UP);
			});
			server.awaitCompleted(3, Duration.ofSeconds(5));
			assertThat(server.connectionCount()).isEqualTo(3);
			assertThat(this.probed).hasSize(3);
		}
	}

	@Test
	void currentAfterCacheTtlShouldProbeAgain() throws InterruptedException {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpCheck check = check("relay", settings(server).build(), Duration.ofMillis(200), RefreshMode.ON_DEMAND);
			check.current();
			Thread.sleep(400);
			SmtpCheckOutcome later = check.current();
			assertThat(later.cached()).isFalse();
			assertThat(server.connectionCount()).isEqualTo(2);
		}
	}

	@Test
	void refreshShouldProbeEvenWhenResultIsFresh() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpCheck check = check("relay", settings(server).build(), LONG_TTL, RefreshMode.ON_DEMAND);
			check.current();
			SmtpCheckOutcome refreshed = check.refresh();
			assertThat(refreshed.cached()).isFalse();
			assertThat(server.connectionCount()).isEqualTo(2);
			assertThat(this.probed).hasSize(2);
		}
	}

	@Test
	void latestShouldBeNullBeforeFirstProbeAndThenTheLastOutcomeMarkedCached() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpCheck check = check("relay", settings(server).build(), LONG_TTL, RefreshMode.ON_DEMAND);
			assertThat(check.latest()).isNull();
			SmtpCheckOutcome outcome = check.current();
			SmtpCheckOutcome latest = check.latest();
			assertThat(latest).isNotNull();
			assertThat(latest.cached()).isTrue();
			assertThat(latest.result()).isSameAs(outcome.result());
			assertThat(server.connectionCount()).isOne();
		}
	}

	@Test
	void currentFromManyThreadsWhileProbeRunsShouldOpenOneConnection() throws Exception {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.delay(GREETING_DELAY).happyPath())) {
			SmtpCheck check = check("relay", settings(server).build(), LONG_TTL, RefreshMode.ON_DEMAND);
			List<SmtpCheckOutcome> outcomes = concurrently(20, check::current);
			assertThat(server.connectionCount()).isOne();
			assertThat(this.probed).hasSize(1);
			assertThat(outcomes).hasSize(20)
				.allSatisfy((outcome) -> assertThat(outcome.verdict().status()).isEqualTo(CheckStatus.UP));
			Set<SmtpProbeResult> results = Collections.newSetFromMap(new IdentityHashMap<>());
			outcomes.forEach((outcome) -> results.add(outcome.result()));
			assertThat(results).hasSize(1);
		}
	}

	@Test
	void currentFromManyThreadsWhenServerNeverAnswersShouldWaitNoLongerThanTimeoutPlusMargin() throws Exception {
		Duration timeout = Duration.ofMillis(800);
		try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptButNeverSpeak()) {
			SmtpCheck check = check("relay", settings(server).timeout(timeout).build(), LONG_TTL,
					RefreshMode.ON_DEMAND);
			List<TimedOutcome> outcomes = concurrently(10, () -> timed(check::current));
			assertThat(outcomes).allSatisfy((timed) -> {
				assertThat(timed.elapsed()).isLessThan(timeout.plus(SmtpCheck.WAIT_MARGIN));
				assertThat(timed.outcome().verdict().status()).isEqualTo(CheckStatus.DOWN);
				assertThat(failure(timed.outcome()).phase()).isEqualTo(Phase.GREETING);
			});
			assertThat(server.connectionCount()).isOne();
		}
	}

	@Test
	void currentFromManyThreadsWhenDnsHangsShouldWaitNoLongerThanTimeoutPlusMargin() throws Exception {
		Duration timeout = Duration.ofMillis(800);
		CountDownLatch never = new CountDownLatch(1);
		AtomicInteger lookups = new AtomicInteger();
		SmtpProbeSettings settings = SmtpProbeSettings.builder("mail.hanging.invalid")
			.heloName("client.test")
			.timeout(timeout)
			.resolver((host) -> {
				lookups.incrementAndGet();
				try {
					never.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return List.of(InetAddress.getLoopbackAddress());
			})
			.build();
		try {
			SmtpCheck check = check("relay", settings, LONG_TTL, RefreshMode.ON_DEMAND);
			List<TimedOutcome> outcomes = concurrently(10, () -> timed(check::current));
			assertThat(outcomes).allSatisfy((timed) -> {
				assertThat(timed.elapsed()).isLessThan(timeout.plus(SmtpCheck.WAIT_MARGIN));
				assertThat(timed.outcome().verdict().status()).isEqualTo(CheckStatus.DOWN);
				assertThat(failure(timed.outcome()).phase()).isEqualTo(Phase.DNS);
			});
			assertThat(lookups).hasValue(1);
		}
		finally {
			never.countDown();
		}
	}

	@Test
	void currentWhenListenerFailsShouldStillReturnAndCacheTheOutcome() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpCheck check = new SmtpCheck("relay", new SmtpProbe(settings(server).build()), CheckPolicy.DEFAULT,
					LONG_TTL, RefreshMode.ON_DEMAND, Duration.ofSeconds(30), (outcome) -> {
						throw new IllegalStateException("listener failure");
					}, Clock.systemUTC());
			assertThat(check.current().verdict().status()).isEqualTo(CheckStatus.UP);
			assertThat(check.current().cached()).isTrue();
			assertThat(server.connectionCount()).isOne();
		}
	}

	@Test
	void currentInBackgroundModeBeforeFirstResultShouldBePendingWithoutProbing() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpCheck check = check("relay", settings(server).build(), LONG_TTL, RefreshMode.BACKGROUND);
			try (SmtpChecks checks = new SmtpChecks(List.of(check))) {
				checks.start();
				SmtpCheckOutcome outcome = check.current();
				assertThat(outcome.verdict().status()).isEqualTo(CheckStatus.PENDING);
				assertThat(outcome.verdict().reason()).contains("no result yet");
				assertThat(outcome.result()).isNull();
				check.current();
				assertThat(server.connectionCount()).isZero();
				assertThat(this.probed).isEmpty();
			}
		}
	}

	@Test
	void startProbingInBackgroundModeShouldServePendingThenTheScheduledResult() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer
			.start((script) -> script.delay(Duration.ofMillis(1500)).happyPath())) {
			SmtpCheck check = check("relay", settings(server).build(), LONG_TTL, RefreshMode.BACKGROUND);
			try (SmtpChecks checks = new SmtpChecks(List.of(check))) {
				checks.startProbing();
				assertThat(check.current().verdict().status()).isEqualTo(CheckStatus.PENDING);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> check.current().verdict().status() == CheckStatus.UP);
				SmtpCheckOutcome outcome = check.current();
				assertThat(outcome.cached()).isTrue();
				assertThat(outcome.result()).isNotNull();
				assertThat(this.probed).isNotEmpty();
			}
		}
	}

	@Test
	void stopShouldEndTheBackgroundSchedule() throws InterruptedException {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpCheck warmUp = check("warm-up", settings(server).build(), Duration.ZERO, RefreshMode.ON_DEMAND);
			warmUp.current();
			server.awaitCompleted(1, Duration.ofSeconds(5));
			LeakCheck baseline = LeakCheck.snapshot();
			SmtpChecks checks = new SmtpChecks(List
				.of(check("relay", settings(server).build(), LONG_TTL, RefreshMode.BACKGROUND, Duration.ofMillis(50))));
			checks.startProbing();
			await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() >= 3);
			assertThat(baseline.newThreadNames()).anyMatch((name) -> name.startsWith("smtp-health-schedule-"));
			checks.stop();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> baseline.newThreadNames().stream().noneMatch((name) -> name.startsWith("smtp-health-")));
			int connections = server.connectionCount();
			Thread.sleep(300);
			assertThat(server.connectionCount()).isEqualTo(connections);
			server.awaitCompleted(connections, Duration.ofSeconds(5));
			baseline.assertBackToBaseline(Duration.ofSeconds(5));
		}
	}

	@Test
	void stopWithoutBackgroundServersShouldBeHarmlessAndIdempotent() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			SmtpChecks checks = new SmtpChecks(
					List.of(check("relay", settings(server).build(), LONG_TTL, RefreshMode.ON_DEMAND)));
			checks.start();
			assertThat(checks.checks().get("relay").current().verdict().status()).isEqualTo(CheckStatus.UP);
			checks.stop();
			checks.close();
			assertThat(checks.isRunning()).isFalse();
		}
	}

	@Test
	void currentOnceAVerdictExistsShouldServeItAtOnceWhileOneRefreshRunsAgainstAHungServer() throws Exception {
		Duration timeout = Duration.ofSeconds(3);
		try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.script(SmtpScript::happyPath)
			.script(SmtpScript::silence)
			.start();
				SmtpChecks checks = new SmtpChecks(List.of(check("relay", settings(server).timeout(timeout).build(),
						Duration.ofMillis(100), RefreshMode.ON_DEMAND)))) {
			checks.start();
			SmtpCheck check = checks.checks().get("relay");
			SmtpCheckOutcome first = check.current();
			assertThat(first.verdict().status()).isEqualTo(CheckStatus.UP);
			assertThat(first.cached()).isFalse();
			Thread.sleep(200);
			List<TimedOutcome> outcomes = concurrently(20, () -> timed(check::current));
			// Generous for a loaded machine: the refresh hangs for the whole 3 s timeout
			// meanwhile.
			assertThat(outcomes).allSatisfy((timed) -> {
				assertThat(timed.elapsed()).isLessThan(Duration.ofMillis(500));
				assertThat(timed.outcome().verdict().status()).isEqualTo(CheckStatus.UP);
				assertThat(timed.outcome().cached()).isTrue();
				assertThat(timed.outcome().refreshing()).isTrue();
				assertThat(timed.outcome().age()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
			});
			assertThat(server.connectionCount()).isEqualTo(2);
			await().atMost(timeout.plus(Duration.ofSeconds(3)))
				.until(() -> check.current().verdict().status() == CheckStatus.DOWN);
			assertThat(failure(check.current()).phase()).isEqualTo(Phase.GREETING);
		}
	}

	@Test
	void currentBeforeTheFirstVerdictWhenServerHangsShouldAnswerPendingWithinTheFirstResultWait() throws Exception {
		Duration timeout = Duration.ofSeconds(3);
		try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptButNeverSpeak();
				SmtpChecks checks = new SmtpChecks(List
					.of(check("relay", settings(server).timeout(timeout).build(), LONG_TTL, RefreshMode.ON_DEMAND)))) {
			checks.start();
			SmtpCheck check = checks.checks().get("relay");
			List<TimedOutcome> outcomes = concurrently(10, () -> timed(check::current));
			// Generous: the bound is FIRST_RESULT_WAIT (800 ms) after the probe started.
			assertThat(outcomes).allSatisfy((timed) -> {
				assertThat(timed.elapsed()).isLessThan(SmtpCheck.FIRST_RESULT_WAIT.plus(Duration.ofMillis(700)));
				assertThat(timed.outcome().verdict().status()).isEqualTo(CheckStatus.PENDING);
				assertThat(timed.outcome().verdict().reason()).contains("the first check is still running");
				assertThat(timed.outcome().refreshing()).isTrue();
			});
			assertThat(server.connectionCount()).isOne();
		}
	}

	@Test
	void startProbingWithTwentyNamedServersAndSlowDnsShouldFindNoneDown() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			AtomicInteger lookups = new AtomicInteger();
			List<SmtpCheck> list = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				long answerMillis = 200 + (i * 300L / 19);
				SmtpProbeSettings settings = SmtpProbeSettings.builder("mail-" + i + ".slow-dns.test")
					.port(server.port())
					.heloName("client.test")
					.timeout(Duration.ofSeconds(5))
					.resolver((host) -> {
						lookups.incrementAndGet();
						sleep(Duration.ofMillis(answerMillis));
						return List.of(InetAddress.getLoopbackAddress());
					})
					.build();
				list.add(check("server" + i, settings, LONG_TTL, RefreshMode.ON_DEMAND));
			}
			try (SmtpChecks checks = new SmtpChecks(list)) {
				checks.startProbing();
				await().atMost(Duration.ofSeconds(20))
					.until(() -> checks.checks().values().stream().allMatch((check) -> check.latest() != null));
				Map<String, CheckStatus> statuses = new LinkedHashMap<>();
				checks.checks().forEach((name, check) -> statuses.put(name, check.current().verdict().status()));
				assertThat(statuses).hasSize(20)
					.allSatisfy((name, status) -> assertThat(status)
						.as("%s: %s", name, checks.checks().get(name).current().verdict().reason())
						.isEqualTo(CheckStatus.UP));
				assertThat(lookups).hasValue(20);
			}
		}
	}

	@Test
	void stopDuringAHungProbeShouldCloseItsSocketAtOnceAndKeepNoVerdictOfIt() {
		Duration timeout = Duration.ofSeconds(30);
		try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptButNeverSpeak()) {
			warmUp();
			LeakCheck baseline = LeakCheck.snapshot();
			SmtpCheck relay = check("relay", settings(server).timeout(timeout).build(), LONG_TTL,
					RefreshMode.BACKGROUND);
			SmtpChecks checks = new SmtpChecks(List.of(relay));
			checks.startProbing();
			await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 1);
			long start = System.nanoTime();
			checks.stop();
			// Far below the 30 s timeout: the socket is closed, the probe fails at once.
			server.awaitCompleted(1, Duration.ofSeconds(3));
			baseline.assertBackToBaseline(Duration.ofSeconds(3));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			// The closed socket says nothing about the server: no DOWN verdict, no
			// metric.
			await().atMost(Duration.ofSeconds(3)).until(() -> this.abandoned.contains("relay"));
			assertThat(this.abandoned).containsExactly("relay");
			assertThat(this.probed).noneMatch((outcome) -> outcome.serverName().equals("relay"));
			assertThat(relay.latest()).isNull();
			assertThat(relay.current().verdict().status()).isEqualTo(CheckStatus.PENDING);
		}
	}

	@Test
	void createWithDuplicateNamesShouldFail() {
		SmtpProbeSettings settings = SmtpProbeSettings.builder("127.0.0.1").heloName("client.test").build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SmtpChecks(List.of(check("relay", settings, LONG_TTL, RefreshMode.ON_DEMAND),
					check("relay", settings, LONG_TTL, RefreshMode.ON_DEMAND))))
			.withMessageContaining("relay");
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void warmUp() {
		try (ScriptedSmtpServer server = ScriptedSmtpServer.happyPath()) {
			check("warm-up", settings(server).build(), Duration.ZERO, RefreshMode.ON_DEMAND).current();
		}
	}

	private SmtpCheck check(String name, SmtpProbeSettings settings, Duration cacheTtl, RefreshMode mode) {
		return check(name, settings, cacheTtl, mode, Duration.ofSeconds(30));
	}

	private SmtpCheck check(String name, SmtpProbeSettings settings, Duration cacheTtl, RefreshMode mode,
			Duration interval) {
		return new SmtpCheck(name, new SmtpProbe(settings), CheckPolicy.DEFAULT, cacheTtl, mode, interval,
				this.listener, Clock.systemUTC());
	}

	private static SmtpProbeSettings.Builder settings(ScriptedSmtpServer server) {
		return SmtpProbeSettings.builder(server.host())
			.port(server.port())
			.heloName("client.test")
			.timeout(Duration.ofSeconds(5));
	}

	private static ProbeFailure failure(SmtpCheckOutcome outcome) {
		SmtpProbeResult result = Objects.requireNonNull(outcome.result(), "result");
		return Objects.requireNonNull(result.failure(), "failure");
	}

	private static TimedOutcome timed(Callable<SmtpCheckOutcome> call) throws Exception {
		long start = System.nanoTime();
		SmtpCheckOutcome outcome = call.call();
		return new TimedOutcome(outcome, Duration.ofNanos(System.nanoTime() - start));
	}

	/**
	 * Run the call on that many threads at once and return every result.
	 */
	private static <T> List<T> concurrently(int threads, Callable<T> call)
			throws InterruptedException, ExecutionException {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch ready = new CountDownLatch(threads);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(executor.submit(() -> {
					ready.countDown();
					go.await();
					return call.call();
				}));
			}
			assertThat(ready.await(5, TimeUnit.SECONDS)).isTrue();
			go.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(30, TimeUnit.SECONDS));
			}
			return results;
		}
		catch (TimeoutException ex) {
			throw new AssertionError("A caller did not return within 30 s", ex);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private record TimedOutcome(SmtpCheckOutcome outcome, Duration elapsed) {
	}

}
