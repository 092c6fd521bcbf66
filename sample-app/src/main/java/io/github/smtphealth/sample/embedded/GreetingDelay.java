package io.github.smtphealth.sample.embedded;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Holds each new session back for a while before SubEthaSMTP sends its {@code 220} greeting, like a
 * busy or tarpitting server. SubEthaSMTP asks its session handler whether to accept a connection just
 * before it greets, on the session's own thread, so waiting here delays the greeting and nothing
 * else. The wait ends early when the server stops.
 */
final class GreetingDelay implements SessionHandler {

	private final Duration delay;

	private final CountDownLatch stopping = new CountDownLatch(1);

	GreetingDelay(Duration delay) {
		this.delay = delay;
	}

	@Override
	public SessionAcceptance accept(Session session) {
		if (this.delay.isZero()) {
			return SessionAcceptance.success();
		}
		try {
			if (this.stopping.await(this.delay.toNanos(), TimeUnit.NANOSECONDS)) {
				return SessionAcceptance.failure(421, "4.3.2 Service shutting down");
			}
			return SessionAcceptance.success();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return SessionAcceptance.failure(421, "4.3.2 Service shutting down");
		}
	}

	@Override
	public void onSessionEnd(Session session) {
	}

	/**
	 * Let every waiting session go, without a greeting.
	 */
	void release() {
		this.stopping.countDown();
	}

}
