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

package io.github.smtphealth.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.github.smtphealth.probe.ProbeFailure;
import io.github.smtphealth.probe.SmtpMessage;
import io.github.smtphealth.probe.SmtpProbe;
import io.github.smtphealth.probe.SmtpProbeResult;
import org.jspecify.annotations.Nullable;

/**
 * One end-to-end delivery check: log in to the IMAP mailbox, send a probe message with a
 * unique token through the SMTP server (the core's own client, with the server's
 * security, AUTH and TLS), search the folder for the token until it arrives or the
 * timeout passes, then delete it and the left-overs of failed checks of the same origin.
 * <p>
 * IMAP comes first so that a mailbox that cannot be read does not fill up with probes
 * nobody deletes. The timeout bounds the wait for arrival; the SMTP dialogue has its own
 * deadline (the server's {@code timeout}), and each IMAP connect and read is bounded by
 * {@link #IMAP_IO_TIMEOUT} or the timeout, whichever is shorter.
 *
 * @since 0.1.0
 */
public final class DeliveryProbe {

	/**
	 * The header that carries the probe's token (also in the subject).
	 */
	public static final String TOKEN_HEADER = "X-Smtp-Health-Probe";

	/**
	 * The header that names who sent the probe: only messages with this application's
	 * origin are ever cleaned up.
	 */
	public static final String ORIGIN_HEADER = "X-Smtp-Health-Origin";

	static final Duration IMAP_IO_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration POLL_PAUSE = Duration.ofMillis(250);

	private final DeliverySettings settings;

	private final SmtpProbe smtpProbe;

	private final Clock clock;

	/**
	 * Create a delivery probe.
	 * @param settings the settings
	 * @param smtpProbe the probe of the server the message is sent through
	 * @param clock the wall clock for the reported times
	 */
	public DeliveryProbe(DeliverySettings settings, SmtpProbe smtpProbe, Clock clock) {
		this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
		this.smtpProbe = Objects.requireNonNull(smtpProbe, "'smtpProbe' must not be null");
		this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
	}

	/**
	 * Run one delivery check. Never throws for anything a server does.
	 * @return the result
	 */
	public DeliveryResult run() {
		Run run = new Run();
		try {
			run.execute();
			return run.result(null, null);
		}
		catch (DeliveryException ex) {
			return run.result(ex.phase(), ex.getMessage());
		}
	}

	/**
	 * Return the settings.
	 * @return the settings
	 */
	public DeliverySettings settings() {
		return this.settings;
	}

	/**
	 * The state of one run.
	 */
	private final class Run {

		private final Instant checkedAt = DeliveryProbe.this.clock.instant();

		private final long start = System.nanoTime();

		private @Nullable Instant sentAt;

		private @Nullable Instant receivedAt;

		private @Nullable Duration deliveryTime;

		void execute() throws DeliveryException {
			DeliverySettings settings = DeliveryProbe.this.settings;
			Duration ioTimeout = (settings.timeout().compareTo(IMAP_IO_TIMEOUT) < 0) ? settings.timeout()
					: IMAP_IO_TIMEOUT;
			try (ImapMailbox mailbox = ImapMailbox.open(settings.imap(), ioTimeout)) {
				mailbox.openFolder();
				String token = UUID.randomUUID().toString();
				send(token);
				long sent = System.nanoTime();
				awaitArrival(mailbox, token, sent);
				mailbox.delete(token, settings.origin(), Objects.requireNonNull(this.sentAt).minus(settings.timeout()));
			}
		}

		private void send(String token) throws DeliveryException {
			SmtpProbeResult result = DeliveryProbe.this.smtpProbe.send(message(token));
			ProbeFailure failure = result.failure();
			if (failure != null) {
				throw new DeliveryException(DeliveryPhase.SMTP,
						"sending the probe message failed in " + failure.phase().id() + ": " + failure.reason());
			}
			this.sentAt = DeliveryProbe.this.clock.instant();
		}

		private void awaitArrival(ImapMailbox mailbox, String token, long sent) throws DeliveryException {
			long deadline = sent + DeliveryProbe.this.settings.timeout().toNanos();
			while (!mailbox.contains(token)) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new DeliveryException(DeliveryPhase.TIMEOUT,
							"the probe message did not arrive in '" + DeliveryProbe.this.settings.imap().folder()
									+ "' within " + DeliveryProbe.this.settings.timeout());
				}
				try {
					Thread.sleep(Math.min(POLL_PAUSE.toMillis(), Math.max(1, left / 1_000_000)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new DeliveryException(DeliveryPhase.TIMEOUT, "stopped while waiting for the probe message");
				}
			}
			this.deliveryTime = Duration.ofNanos(System.nanoTime() - sent);
			this.receivedAt = DeliveryProbe.this.clock.instant();
		}

		private SmtpMessage message(String token) {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put(TOKEN_HEADER, token);
			headers.put(ORIGIN_HEADER, DeliveryProbe.this.settings.origin());
			return new SmtpMessage(DeliveryProbe.this.settings.to(), "smtp-health delivery probe " + token, headers,
					"This message was sent by the smtp-health delivery check of " + DeliveryProbe.this.settings.origin()
							+ ".\nIt is deleted automatically once it has arrived.\n");
		}

		DeliveryResult result(@Nullable DeliveryPhase failedPhase, @Nullable String error) {
			return new DeliveryResult(this.checkedAt, this.sentAt, this.receivedAt, this.deliveryTime,
					Duration.ofNanos(System.nanoTime() - this.start), failedPhase, error);
		}

	}

}
