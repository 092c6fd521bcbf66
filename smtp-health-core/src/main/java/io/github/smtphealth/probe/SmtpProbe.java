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

package io.github.smtphealth.probe;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Checks one SMTP server the way {@code check_smtp} does, and more strictly: connect,
 * greeting 220, EHLO (HELO fallback, LHLO for LMTP), STARTTLS and EHLO again, AUTH,
 * {@code MAIL FROM}, {@code RCPT TO}, {@code RSET}, {@code QUIT}. Every phase is timed;
 * one deadline bounds the whole probe, DNS included. {@link #send(SmtpMessage)} runs the
 * same dialogue with the same guarantees but delivers a message ({@code RCPT TO},
 * {@code DATA}) instead of resetting.
 * <p>
 * An instance is immutable and thread-safe: its settings and TLS context are fixed at
 * construction, and each run uses state of its own. {@code run} never throws for anything
 * a server or the network does; it returns a result that says what failed. An application
 * runs probes with {@link #run(ProbeThreads)}, on threads it owns; {@link #run()} brings
 * threads of its own and stops them before it returns.
 *
 * @since 0.1.0
 */
public final class SmtpProbe {

	/**
	 * How long the probe waits for the reply to QUIT, which never decides the result.
	 */
	static final Duration QUIT_WAIT = Duration.ofSeconds(2);

	private final SmtpProbeSettings settings;

	private final @Nullable TlsConnector tlsConnector;

	/**
	 * Create a probe.
	 * @param settings the settings
	 * @throws IllegalArgumentException if the TLS key or trust material cannot be used
	 */
	public SmtpProbe(SmtpProbeSettings settings) {
		this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
		this.tlsConnector = (settings.security() != Security.NONE) ? new TlsConnector(settings.tls()) : null;
	}

	/**
	 * Return the settings.
	 * @return the settings
	 */
	public SmtpProbeSettings settings() {
		return this.settings;
	}

	/**
	 * Run the probe once, with threads (watchdog, name lookup) of its own that end with
	 * it.
	 * @return the result; never {@code null}
	 */
	public SmtpProbeResult run() {
		try (ProbeThreads threads = new ProbeThreads(ProbeThreads.daemonThreads())) {
			return run(threads);
		}
	}

	/**
	 * Run the probe once on the calling thread, with the watchdog and name lookups of the
	 * given threads.
	 * @param threads the threads of the probe's owner; once they are closed the probe
	 * fails at once
	 * @return the result; never {@code null}
	 */
	public SmtpProbeResult run(ProbeThreads threads) {
		Objects.requireNonNull(threads, "'threads' must not be null");
		return new Run(threads, null).execute();
	}

	/**
	 * Run the dialogue once and deliver a message: {@code RCPT TO} the message's
	 * recipient (instead of the configured one), {@code DATA}, the content, and
	 * {@code QUIT} (no {@code RSET}). The same deadline, TLS, AUTH and masking rules
	 * apply as to {@link #run()}; the message is accepted when the server answers the
	 * final dot with 250. The threads it needs are its own and end with it.
	 * @param message the message
	 * @return the result; a failure in {@link Phase#DATA} if the server did not take the
	 * message
	 */
	public SmtpProbeResult send(SmtpMessage message) {
		Objects.requireNonNull(message, "'message' must not be null");
		try (ProbeThreads threads = new ProbeThreads(ProbeThreads.daemonThreads())) {
			return new Run(threads, message).execute();
		}
	}

	/**
	 * The state of one run.
	 */
	private final class Run {

		private final ProbeThreads threads;

		private final SmtpProbeSettings settings = SmtpProbe.this.settings;

		private final @Nullable SmtpMessage message;

		private final Deadline deadline = Deadline.after(this.settings.timeout());

		private final SecretRedactor redactor = new SecretRedactor(this.settings.credentials());

		private final Map<Phase, Duration> phases = new LinkedHashMap<>();

		private Phase currentPhase = Phase.DNS;

		/**
		 * The socket being connected or in use, which the watchdog closes at the deadline
		 * or when the probe is abandoned.
		 */
		private volatile @Nullable Socket socket;

		private @Nullable Closeable watch;

		private @Nullable SmtpConnection connection;

		private @Nullable String remoteAddress;

		private @Nullable String greeting;

		private Capabilities capabilities = Capabilities.NONE;

		private @Nullable String authMechanism;

		private @Nullable TlsInfo tls;

		private TlsConnector.@Nullable Established handshake;

		private @Nullable String quitProblem;

		Run(ProbeThreads threads, @Nullable SmtpMessage message) {
			this.threads = threads;
			this.message = message;
		}

		SmtpProbeResult execute() {
			Instant checkedAt = Instant.now();
			long start = System.nanoTime();
			ProbeFailure failure = null;
			try {
				converse();
			}
			catch (ProbeException ex) {
				failure = ex.toFailure(this.redactor);
			}
			catch (RuntimeException ex) {
				failure = new ProbeFailure(this.currentPhase, FailureKind.PROTOCOL, null,
						this.redactor.clean("unexpected error during " + this.currentPhase.id() + ": " + ex));
			}
			finally {
				release();
			}
			return new SmtpProbeResult(checkedAt, Duration.ofNanos(System.nanoTime() - start), this.phases,
					this.remoteAddress, this.greeting, this.capabilities.lines(), this.authMechanism, this.tls,
					this.quitProblem, failure);
		}

		private void converse() throws ProbeException {
			this.watch = this.threads.watchdog().watch(this.deadline, this::closeSocket);
			List<InetAddress> addresses = timed(Phase.DNS,
					() -> Connector.resolve(this.settings, this.deadline, this.threads.lookups()));
			Socket connected = timed(Phase.CONNECT, () -> Connector.connect(addresses, this.settings.port(),
					this.deadline, this.settings.connectTimeout(), this::attempting));
			SmtpConnection connection = timed(Phase.CONNECT, () -> open(connected));
			if (this.settings.security() == Security.SMTPS) {
				timed(Phase.TLS, () -> startTls(connection));
			}
			SmtpReply greeting = timed(Phase.GREETING, () -> firstAfterTls(() -> readGreeting(connection)));
			this.greeting = this.redactor.clean(greeting.summary());
			if (!greeting.is(SmtpReply.SERVICE_READY)) {
				throw new ProbeException(Phase.GREETING, FailureKind.REJECTED, greeting.code(),
						"server refused the session: " + greeting.summary());
			}
			this.capabilities = timed(Phase.EHLO, () -> hello(connection));
			if (this.settings.security() == Security.STARTTLS) {
				timed(Phase.STARTTLS, () -> requestStartTls(connection));
				timed(Phase.TLS, () -> startTls(connection));
				this.capabilities = Capabilities.NONE;
				this.capabilities = timed(Phase.EHLO, () -> firstAfterTls(() -> hello(connection)));
			}
			SmtpCredentials credentials = this.settings.credentials();
			if (credentials != null) {
				timed(Phase.AUTH, () -> authenticate(connection, credentials));
			}
			timed(Phase.MAIL, () -> expectPositive(connection, Phase.MAIL, "MAIL FROM",
					"MAIL FROM:<" + this.settings.mailFrom() + ">"));
			SmtpMessage message = this.message;
			String rcptTo = (message != null) ? message.recipient() : this.settings.rcptTo();
			if (rcptTo != null) {
				timed(Phase.RCPT, () -> expectPositive(connection, Phase.RCPT, "RCPT TO", "RCPT TO:<" + rcptTo + ">"));
			}
			if (message != null) {
				timed(Phase.DATA, () -> data(connection, message));
			}
			else {
				timed(Phase.RSET, () -> expectPositive(connection, Phase.RSET, "RSET", "RSET"));
			}
			timed(Phase.QUIT, () -> quit(connection));
		}

		private void attempting(Socket attempt) {
			this.socket = attempt;
			if (this.threads.isClosed()) {
				closeSocket();
			}
		}

		/**
		 * Closing the raw socket also ends a TLS session layered on it.
		 */
		private void closeSocket() {
			Socket current = this.socket;
			if (current != null) {
				Watchdog.closeQuietly(current);
			}
		}

		private SmtpConnection open(Socket connected) throws ProbeException {
			this.remoteAddress = Connector.format((InetSocketAddress) connected.getRemoteSocketAddress());
			try {
				this.connection = new SmtpConnection(connected, this.deadline, this.redactor);
				return this.connection;
			}
			catch (IOException ex) {
				if (this.deadline.isExpired()) {
					throw new ProbeException(Phase.CONNECT, FailureKind.TIMEOUT, null,
							"timed out after " + Texts.human(this.deadline.timeout()) + " connecting");
				}
				throw new ProbeException(Phase.CONNECT, FailureKind.CONNECTION, null,
						"connection failed: " + SmtpConnection.describe(ex));
			}
		}

		/**
		 * A server that says nothing may be waiting for a TLS ClientHello: say so.
		 */
		private SmtpReply readGreeting(SmtpConnection connection) throws ProbeException {
			try {
				return connection.read(Phase.GREETING, "the greeting");
			}
			catch (ProbeException ex) {
				if (ex.kind() != FailureKind.TIMEOUT || this.settings.security() == Security.SMTPS
						|| connection.hasReceivedAnything()) {
					throw ex;
				}
				throw new ProbeException(Phase.GREETING, FailureKind.TIMEOUT, null,
						ex.getMessage() + " (if the port expects TLS from the start, use smtps)");
			}
		}

		/**
		 * The first exchange over TLS is where a TLS 1.3 server's verdict on the client
		 * (a {@code certificate_required} alert, or a hang-up after asking for a
		 * certificate) shows: that is a TLS failure, reported without the TLS details of
		 * a session the server refused.
		 */
		private <T> T firstAfterTls(Step<T> step) throws ProbeException {
			try {
				return step.run();
			}
			catch (ProbeException ex) {
				ProbeException tlsFailure = (this.handshake != null) ? TlsConnector.afterHandshake(ex, this.handshake)
						: null;
				if (tlsFailure == null) {
					throw ex;
				}
				this.tls = null;
				this.currentPhase = Phase.TLS;
				throw tlsFailure;
			}
		}

		private Capabilities hello(SmtpConnection connection) throws ProbeException {
			String verb = this.settings.lmtp() ? "LHLO" : "EHLO";
			SmtpReply reply = connection.exchange(Phase.EHLO, verb + " " + this.settings.heloName());
			if (reply.isPositiveCompletion()) {
				return Capabilities.parse(reply, this.redactor);
			}
			boolean unsupported = reply.is(SmtpReply.COMMAND_UNRECOGNIZED)
					|| reply.is(SmtpReply.COMMAND_NOT_IMPLEMENTED);
			if (this.settings.lmtp() || !unsupported) {
				throw ProbeException.rejected(Phase.EHLO, verb, reply);
			}
			SmtpReply helo = connection.exchange(Phase.EHLO, "HELO " + this.settings.heloName());
			if (!helo.isPositiveCompletion()) {
				throw ProbeException.rejected(Phase.EHLO, "HELO", helo);
			}
			return Capabilities.NONE;
		}

		private Void requestStartTls(SmtpConnection connection) throws ProbeException {
			if (!this.capabilities.has("STARTTLS")) {
				throw new ProbeException(Phase.STARTTLS, FailureKind.TLS, null, "STARTTLS not advertised by server");
			}
			SmtpReply reply = connection.exchange(Phase.STARTTLS, "STARTTLS");
			if (!reply.is(SmtpReply.SERVICE_READY)) {
				throw ProbeException.rejected(Phase.STARTTLS, "STARTTLS", reply);
			}
			return null;
		}

		private Void startTls(SmtpConnection connection) throws ProbeException {
			TlsConnector connector = Objects.requireNonNull(SmtpProbe.this.tlsConnector);
			TlsConnector.Established established = connector.handshake(connection.rawSocket(), this.settings.host(),
					this.settings.port(), this.deadline, this.settings.security() == Security.SMTPS);
			this.handshake = established;
			this.tls = established.tls();
			try {
				connection.switchToTls(established.socket());
			}
			catch (IOException ex) {
				throw connection.failure(Phase.TLS, "after the TLS handshake", ex);
			}
			return null;
		}

		private Void authenticate(SmtpConnection connection, SmtpCredentials credentials) throws ProbeException {
			if (!connection.isEncrypted() && !this.settings.allowPlaintextAuth()) {
				throw new ProbeException(Phase.AUTH, FailureKind.POLICY, null,
						"refusing to send credentials over an unencrypted connection "
								+ "(use STARTTLS or SMTPS, or explicitly allow plaintext AUTH)");
			}
			String mechanism = SmtpAuthenticator.choose(this.settings.authMechanism(),
					this.capabilities.authMechanisms());
			this.authMechanism = mechanism;
			new SmtpAuthenticator(credentials, this.redactor).authenticate(connection, mechanism);
			return null;
		}

		private Void expectPositive(SmtpConnection connection, Phase phase, String what, String command)
				throws ProbeException {
			SmtpReply reply = connection.exchange(phase, command);
			if (!reply.isPositiveCompletion()) {
				throw ProbeException.rejected(phase, what, reply);
			}
			return null;
		}

		/**
		 * DATA must be answered 354 (not just any positive reply: a 250 here means the
		 * server did not switch to reading content), and the final dot 250.
		 */
		private Void data(SmtpConnection connection, SmtpMessage message) throws ProbeException {
			SmtpReply reply = connection.exchange(Phase.DATA, "DATA");
			if (!reply.is(SmtpReply.START_MAIL_INPUT)) {
				throw ProbeException.rejected(Phase.DATA, "DATA", reply);
			}
			String from = this.settings.mailFrom().isEmpty() ? "smtp-health@" + this.settings.heloName()
					: this.settings.mailFrom();
			byte[] content = MessageContent.format(message, from, this.settings.heloName(), ZonedDateTime.now());
			SmtpReply accepted = connection.exchangeContent(Phase.DATA, content);
			if (!accepted.isPositiveCompletion()) {
				throw ProbeException.rejected(Phase.DATA, "message", accepted);
			}
			return null;
		}

		/**
		 * A server that drops the connection instead of answering QUIT has still done its
		 * job; one that does not answer at all is not waited for longer than
		 * {@link #QUIT_WAIT}.
		 */
		private Void quit(SmtpConnection connection) {
			try {
				SmtpReply reply = connection.exchangeWithin(Phase.QUIT, "QUIT", QUIT_WAIT);
				if (!reply.is(SmtpReply.CLOSING)) {
					this.quitProblem = this.redactor.clean("QUIT answered " + reply.summary());
				}
			}
			catch (ProbeException ex) {
				this.quitProblem = (ex.kind() != FailureKind.TIMEOUT)
						? this.redactor.clean(String.valueOf(ex.getMessage()))
						: this.deadline.isExpired() ? "no reply to QUIT before the deadline"
								: "no reply to QUIT within " + Texts.human(QUIT_WAIT);
			}
			return null;
		}

		private <T> T timed(Phase phase, Step<T> step) throws ProbeException {
			this.currentPhase = phase;
			long start = System.nanoTime();
			try {
				return step.run();
			}
			finally {
				this.phases.merge(phase, Duration.ofNanos(System.nanoTime() - start), Duration::plus);
			}
		}

		private void release() {
			if (this.connection != null) {
				this.connection.close();
			}
			else {
				closeSocket();
			}
			if (this.watch != null) {
				Watchdog.closeQuietly(this.watch);
			}
		}

	}

	/**
	 * One timed step of the dialogue.
	 */
	@FunctionalInterface
	private interface Step<T> {

		T run() throws ProbeException;

	}

}
