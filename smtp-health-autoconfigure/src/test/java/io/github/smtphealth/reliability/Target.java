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

package io.github.smtphealth.reliability;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import io.github.smtphealth.probe.HostResolver;
import io.github.smtphealth.probe.SmtpProbeSettings;
import io.github.smtphealth.testsupport.ScriptedSmtpServer;
import io.github.smtphealth.testsupport.SmtpScript;

/**
 * Where a scenario's probe goes: a hostile server, a hostile resolver, or both. Closing
 * it stops whatever it started and releases whatever it blocks.
 */
interface Target extends AutoCloseable {

	/**
	 * Return a settings builder that reaches this target (host, port, resolver).
	 * @return a new builder
	 */
	SmtpProbeSettings.Builder settings();

	/**
	 * Return every line the server read without TLS so far.
	 * @return the lines, empty when there is no scripted server
	 */
	default List<String> receivedInPlaintext() {
		return List.of();
	}

	@Override
	void close();

	/**
	 * A scripted server on {@code 127.0.0.1}, read timeout short enough that its threads
	 * never outlive a scenario by much.
	 * @param script the script played on every connection
	 * @return the running target
	 */
	static Target scripted(Consumer<SmtpScript> script) {
		ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.readTimeout(Duration.ofSeconds(10))
			.script(script)
			.start();
		return scripted(server, SmtpProbeSettings.builder(server.host()).port(server.port()));
	}

	/**
	 * A host name that resolves to the given addresses, in order, all on the port of a
	 * scripted server bound to {@code 127.0.0.1}.
	 * @param host the host name
	 * @param addresses the address literals the resolver returns
	 * @param script the script played on every connection
	 * @return the running target
	 */
	static Target resolvingTo(String host, List<String> addresses, Consumer<SmtpScript> script) {
		ScriptedSmtpServer server = ScriptedSmtpServer.builder()
			.readTimeout(Duration.ofSeconds(10))
			.script(script)
			.start();
		HostResolver resolver = (name) -> {
			List<InetAddress> result = new ArrayList<>();
			for (String address : addresses) {
				result.add(InetAddress.getByName(address));
			}
			return result;
		};
		return scripted(server, SmtpProbeSettings.builder(host).port(server.port()).resolver(resolver));
	}

	private static Target scripted(ScriptedSmtpServer server, SmtpProbeSettings.Builder settings) {
		Target target = of(server, settings);
		return new Target() {

			@Override
			public SmtpProbeSettings.Builder settings() {
				return target.settings();
			}

			@Override
			public List<String> receivedInPlaintext() {
				return server.receivedInPlaintext();
			}

			@Override
			public void close() {
				target.close();
			}

		};
	}

	/**
	 * A host name whose resolver never answers, like a DNS server that drops every query:
	 * it blocks, ignoring interrupts as the system resolver does, until the target is
	 * closed.
	 * @param host the host name
	 * @return the target
	 */
	static Target dnsNeverAnswers(String host) {
		CountDownLatch released = new CountDownLatch(1);
		HostResolver resolver = (name) -> {
			awaitUninterruptibly(released);
			throw new UnknownHostException(name + " (released)");
		};
		return of(released::countDown, SmtpProbeSettings.builder(host).port(25).resolver(resolver));
	}

	/**
	 * A host name with the given resolver and no server.
	 * @param host the host name
	 * @param resolver the resolver
	 * @return the target
	 */
	static Target resolvedBy(String host, HostResolver resolver) {
		return of(() -> {
		}, SmtpProbeSettings.builder(host).port(25).resolver(resolver));
	}

	/**
	 * Wrap a server that is already running (or whatever else the target must release).
	 * @param server what to close with the target
	 * @param settings the builder that reaches it
	 * @return the target
	 */
	static Target of(AutoCloseable server, SmtpProbeSettings.Builder settings) {
		return new Target() {

			@Override
			public SmtpProbeSettings.Builder settings() {
				return settings;
			}

			@Override
			public void close() {
				try {
					server.close();
				}
				catch (Exception ex) {
					throw new IllegalStateException("Cannot close " + server, ex);
				}
			}

		};
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		while (true) {
			try {
				latch.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
