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

package io.github.smtphealth.sample.embedded;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Holds each new session back for a while before SubEthaSMTP sends its {@code 220}
 * greeting, like a busy or tarpitting server. SubEthaSMTP asks its session handler
 * whether to accept a connection just before it greets, on the session's own thread, so
 * waiting here delays the greeting and nothing else. The wait ends early when the server
 * stops.
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
