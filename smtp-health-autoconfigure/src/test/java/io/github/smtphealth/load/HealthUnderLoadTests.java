package io.github.smtphealth.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.smtphealth.testsupport.LeakCheck;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real web application under load while its SMTP server accepts connections and never says a
 * word: {@value #CLIENTS} clients ask {@code /actuator/health} as fast as they can for
 * {@code smtphealth.load.duration} (20 s unless set) while one more asks {@code /actuator/info}.
 * Health answers within the probe's timeout plus a second, the cache and the single flight keep SMTP
 * connections to one per cache TTL, other endpoints keep answering, and no thread of the health
 * check outlives the load.
 * <p>
 * Threads are compared twice. The health check's own (every {@code smtp-health-*} thread, and the
 * SMTP server's connection threads, each alive while a probe holds its connection) must be back to
 * their number before the load: that is the leak check of our code, exact and independent of the
 * web server. The whole JVM's must be back to at most their number after a warm-up round of
 * {@value #CLIENTS} concurrent requests, which grows Tomcat's worker pool to the size the load gives
 * it: Tomcat keeps idle workers for a minute, which is its configuration, not a leak.
 */
@SpringBootTest(classes = LoadTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "smtp.check.host=127.0.0.1", "smtp.check.timeout=2s", "smtp.check.cache-ttl=2s",
				"management.endpoints.web.exposure.include=health,info", "spring.main.banner-mode=off" })
@DirtiesContext
class HealthUnderLoadTests {

	static final int CLIENTS = 200;

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final Duration CACHE_TTL = Duration.ofSeconds(2);

	private static final Duration MARGIN = Duration.ofSeconds(1);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration INFO_PAUSE = Duration.ofMillis(50);

	private static final Duration INFO_TYPICAL = Duration.ofSeconds(1);

	private static final Duration DURATION = DurationStyle
		.detectAndParse(System.getProperty("smtphealth.load.duration", "20s"));

	private static final Duration HEALTH_PAUSE = DurationStyle
		.detectAndParse(System.getProperty("smtphealth.load.pause", "0ms"));

	private static final ScriptedSmtpServer smtpServer = ScriptedSmtpServer.acceptButNeverSpeak();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void smtpServerPort(DynamicPropertyRegistry registry) {
		registry.add("smtp.check.port", smtpServer::port);
	}

	@AfterAll
	static void stopSmtpServer() {
		smtpServer.close();
	}

	@Test
	void healthUnderLoadWhenServerNeverSpeaksShouldStayWithinBoundsAndOtherEndpointsShouldAnswer() throws Exception {
		ThreadPoolExecutor httpExecutor = daemonPool("load-http-", 4);
		httpExecutor.prestartAllCoreThreads();
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(httpExecutor)
			.build();
		HttpRequest health = request("/actuator/health");
		HttpRequest info = request("/actuator/info");
		ThreadPoolExecutor clients = daemonPool("load-client-", CLIENTS);
		clients.prestartAllCoreThreads();
		try {
			warmUp(http, health, info, clients);
			long ownThreadsBefore = healthCheckThreads();
			LeakCheck jvmBefore = LeakCheck.snapshot();
			int connectionsBefore = smtpServer.connectionCount();
			ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
			threadBean.resetPeakThreadCount();
			long end = System.nanoTime() + DURATION.toNanos();
			List<Future<Timings>> running = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				running.add(clients.submit(() -> ask(http, health, end, HEALTH_PAUSE)));
			}
			Timings infoTimings = ask(http, info, end, INFO_PAUSE);
			Timings healthTimings = new Timings();
			for (Future<Timings> client : running) {
				healthTimings = healthTimings.merge(client.get(REQUEST_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS));
			}
			int connections = smtpServer.connectionCount() - connectionsBefore;
			int peakThreads = threadBean.getPeakThreadCount();
			long ownThreadsAfter = awaitHealthCheckThreads(ownThreadsBefore, TIMEOUT.plus(Duration.ofSeconds(3)));
			int jvmThreadsAfter = awaitJvmThreads(jvmBefore.threadCount(), Duration.ofSeconds(5));
			long connectionBound = DURATION.toMillis() / CACHE_TTL.toMillis() + 1;
			new LoadFigures("1-health-under-load", "Health under load, SMTP server never speaks",
					"A web application (Tomcat, actuator) checks an SMTP server that accepts connections and never "
							+ "sends a byte (timeout " + TIMEOUT.toSeconds() + " s, cache TTL " + CACHE_TTL.toSeconds()
							+ " s, on-demand). " + CLIENTS + " clients, each on its own thread, request "
							+ "`/actuator/health` back to back; one more requests `/actuator/info` every "
							+ INFO_PAUSE.toMillis() + " ms. Asserted: health p99 <= timeout + 1 s; every request "
							+ "answered; info p50 <= " + INFO_TYPICAL.toMillis() + " ms and info max <= timeout + 1 s; "
							+ "SMTP connections <= duration / cache TTL + 1; the health check's threads back to their "
							+ "number before the load, the JVM's to at most theirs after a warm-up round. While a "
							+ "probe runs, every health request waits for it on a Tomcat worker; with as many "
							+ "clients as workers (200 by default) other requests wait for a worker until the probe "
							+ "ends, which is what info max shows.")
				.put("Duration", DURATION.toSeconds() + " s")
				.put("Concurrent health clients", CLIENTS)
				.put("Pause between a client's requests", Timings.millis(HEALTH_PAUSE))
				.put("Health requests answered", healthTimings.count())
				.put("Health responses", healthTimings.outcomes())
				.put("Health p50", Timings.millis(healthTimings.percentile(50)))
				.put("Health p99 (bound " + Timings.millis(TIMEOUT.plus(MARGIN)) + ")",
						Timings.millis(healthTimings.percentile(99)))
				.put("Health max", Timings.millis(healthTimings.max()))
				.put("Info requests answered", infoTimings.count())
				.put("Info responses", infoTimings.outcomes())
				.put("Info p50", Timings.millis(infoTimings.percentile(50)))
				.put("Info p99", Timings.millis(infoTimings.percentile(99)))
				.put("Info max", Timings.millis(infoTimings.max()))
				.put("SMTP connections opened (bound " + connectionBound + ")", connections)
				.put("Health check threads before / after", ownThreadsBefore + " / " + ownThreadsAfter)
				.put("JVM threads after warm-up / peak under load / after", jvmBefore.threadCount() + " / "
						+ peakThreads + " / " + jvmThreadsAfter)
				.write();
			assertThat(healthTimings.outcomes()).containsOnlyKeys("503");
			assertThat(healthTimings.percentile(99)).isLessThanOrEqualTo(TIMEOUT.plus(MARGIN));
			assertThat(infoTimings.outcomes()).containsOnlyKeys("200");
			assertThat(infoTimings.percentile(50)).isLessThanOrEqualTo(INFO_TYPICAL);
			assertThat(infoTimings.max()).isLessThanOrEqualTo(TIMEOUT.plus(MARGIN));
			assertThat(connections).isPositive().isLessThanOrEqualTo((int) connectionBound);
			assertThat(ownThreadsAfter).isLessThanOrEqualTo(ownThreadsBefore);
			assertThat(jvmThreadsAfter).as("JVM threads, now %s", LeakCheck.snapshot().threadNames())
				.isLessThanOrEqualTo(jvmBefore.threadCount());
		}
		finally {
			clients.shutdownNow();
			httpExecutor.shutdownNow();
			assertThat(clients.awaitTermination(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
	}

	/**
	 * Make the first probe happen, then send one round of concurrent requests so that Tomcat's pool,
	 * the HTTP client's connections and every lazily started JVM thread exist before the baseline.
	 */
	private void warmUp(HttpClient http, HttpRequest health, HttpRequest info, ExecutorService clients)
			throws Exception {
		send(http, health);
		send(http, info);
		List<Future<String>> round = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			round.add(clients.submit(() -> send(http, health)));
		}
		for (Future<String> request : round) {
			request.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		Thread.sleep(CACHE_TTL.toMillis());
		round.clear();
		for (int i = 0; i < CLIENTS; i++) {
			round.add(clients.submit(() -> send(http, health)));
		}
		for (Future<String> request : round) {
			request.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
	}

	/**
	 * Send requests until the end, with a pause between them, timing each.
	 */
	private static Timings ask(HttpClient http, HttpRequest request, long endNanos, Duration pause)
			throws InterruptedException {
		Timings timings = new Timings();
		while (System.nanoTime() - endNanos < 0) {
			long start = System.nanoTime();
			String outcome = send(http, request);
			timings.add(Duration.ofNanos(System.nanoTime() - start), outcome);
			if (!pause.isZero()) {
				Thread.sleep(pause.toMillis());
			}
		}
		return timings;
	}

	private static String send(HttpClient http, HttpRequest request) throws InterruptedException {
		try {
			return Integer.toString(http.send(request, BodyHandlers.discarding()).statusCode());
		}
		catch (IOException ex) {
			return ex.getClass().getSimpleName();
		}
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(REQUEST_TIMEOUT)
			.GET()
			.build();
	}

	/**
	 * Count the threads of the health check: ours ({@code smtp-health-*}) and the SMTP server's
	 * connection threads, each of which lives while a probe holds its connection.
	 */
	private static long healthCheckThreads() {
		String serverThreads = "scripted-smtp-" + smtpServer.port() + "-";
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("smtp-health-")
					|| (name.startsWith(serverThreads) && !name.endsWith("-accept")))
			.count();
	}

	private static long awaitHealthCheckThreads(long expected, Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		long count = healthCheckThreads();
		while (count > expected && System.nanoTime() - deadline < 0) {
			Thread.sleep(50);
			count = healthCheckThreads();
		}
		return count;
	}

	private static int awaitJvmThreads(int expected, Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		int count = LeakCheck.snapshot().threadCount();
		while (count > expected && System.nanoTime() - deadline < 0) {
			Thread.sleep(50);
			count = LeakCheck.snapshot().threadCount();
		}
		return count;
	}

	private static ThreadPoolExecutor daemonPool(String prefix, int threads) {
		AtomicInteger counter = new AtomicInteger();
		ThreadFactory factory = (runnable) -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		return (ThreadPoolExecutor) Executors.newFixedThreadPool(threads, factory);
	}

}
