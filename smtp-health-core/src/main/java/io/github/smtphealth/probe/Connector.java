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

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Resolves the host within the deadline and connects to the first of its addresses that
 * answers, trying the next one when an address refuses or does not answer in its share of
 * the time left.
 */
final class Connector {

	private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private Connector() {
	}

	static boolean isIpLiteral(String host) {
		return host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches();
	}

	/**
	 * Resolve the host on a lookup thread, waiting no longer than the deadline.
	 */
	static List<InetAddress> resolve(SmtpProbeSettings settings, Deadline deadline, Lookups lookups)
			throws ProbeException {
		String host = settings.host();
		List<InetAddress> all = isIpLiteral(host) ? literal(host)
				: lookUp(lookups.lookUp(settings.resolver(), host), host, deadline);
		List<InetAddress> usable = new ArrayList<>(all.size());
		for (InetAddress address : all) {
			if (settings.ipFamily().accepts(address)) {
				usable.add(address);
			}
		}
		if (usable.isEmpty()) {
			throw new ProbeException(Phase.DNS, FailureKind.CONNECTION, null, "'" + host + "' has no "
					+ (all.isEmpty() ? "" : settings.ipFamily().name().replace("IPV", "IPv") + " ") + "address");
		}
		return usable;
	}

	private static List<InetAddress> literal(String host) throws ProbeException {
		try {
			return List.of(InetAddress.getByName(host));
		}
		catch (UnknownHostException ex) {
			throw new ProbeException(Phase.DNS, FailureKind.CONNECTION, null, "'" + host + "' is not a valid address");
		}
	}

	/**
	 * Wait for the lookup until the deadline. A lookup that outlives it is left to finish
	 * on its own thread: another probe of the same host may still use its answer.
	 */
	private static List<InetAddress> lookUp(Future<List<InetAddress>> lookup, String host, Deadline deadline)
			throws ProbeException {
		try {
			return lookup.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new ProbeException(Phase.DNS, FailureKind.TIMEOUT, null, "timed out after "
					+ Texts.human(deadline.timeout()) + " resolving '" + host + "' (DNS did not answer)");
		}
		catch (ExecutionException ex) {
			String detail = (ex.getCause() instanceof UnknownHostException) ? "unknown host"
					: (ex.getCause() instanceof RejectedExecutionException) ? "the health check is shutting down"
							: "lookup failed: " + ex.getCause();
			throw new ProbeException(Phase.DNS, FailureKind.CONNECTION, null,
					"could not resolve '" + host + "': " + detail);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ProbeException(Phase.DNS, FailureKind.TIMEOUT, null, "interrupted resolving '" + host + "'");
		}
	}

	/**
	 * Connect to the first address that answers.
	 * @param attempting told of each socket before it connects, so that it can be closed
	 * from elsewhere
	 */
	static Socket connect(List<InetAddress> addresses, int port, Deadline deadline, @Nullable Duration connectTimeout,
			Consumer<Socket> attempting) throws ProbeException {
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < addresses.size() && !deadline.isExpired(); i++) {
			InetSocketAddress target = new InetSocketAddress(addresses.get(i), port);
			int timeout = attemptTimeout(deadline, connectTimeout, addresses.size() - i);
			Socket socket = new Socket();
			attempting.accept(socket);
			try {
				socket.setTcpNoDelay(true);
				socket.connect(target, timeout);
				return socket;
			}
			catch (IOException ex) {
				Watchdog.closeQuietly(socket);
				failures.add(format(target) + ": " + describe(ex, timeout));
			}
		}
		if (failures.isEmpty() || (deadline.isExpired() && failures.size() < addresses.size())) {
			throw new ProbeException(Phase.CONNECT, FailureKind.TIMEOUT, null, "timed out after "
					+ Texts.human(deadline.timeout()) + " connecting" + (failures.isEmpty() ? "" : ": " + failures));
		}
		boolean allTimedOut = failures.stream().allMatch((failure) -> failure.contains("timed out"));
		String reason = (failures.size() == 1) ? "could not connect to " + failures.get(0)
				: "could not connect to any of " + failures.size() + " addresses: " + String.join("; ", failures);
		throw new ProbeException(Phase.CONNECT, allTimedOut ? FailureKind.TIMEOUT : FailureKind.CONNECTION, null,
				reason);
	}

	/**
	 * Without a connect timeout each remaining address gets an equal share of the time
	 * left, so one address that swallows packets cannot use up the deadline of the
	 * others.
	 */
	private static int attemptTimeout(Deadline deadline, @Nullable Duration connectTimeout, int addressesLeft) {
		int remaining = deadline.remainingMillisForSocket();
		if (connectTimeout != null) {
			return (int) Math.max(1, Math.min(remaining, connectTimeout.toMillis()));
		}
		return Math.max(1, remaining / addressesLeft);
	}

	static String format(InetSocketAddress address) {
		String host = address.getAddress().getHostAddress();
		int scope = host.indexOf('%');
		if (scope >= 0) {
			host = host.substring(0, scope);
		}
		return ((host.indexOf(':') >= 0) ? "[" + compressIpv6(host) + "]" : host) + ":" + address.getPort();
	}

	/**
	 * Write an IPv6 address the way people do (RFC 5952): the longest run of zero groups
	 * as {@code ::}, so {@code 0:0:0:0:0:0:0:1} reads {@code ::1}.
	 */
	static String compressIpv6(String full) {
		String[] groups = full.split(":", -1);
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < groups.length; i++) {
			int length = 0;
			while (i + length < groups.length && groups[i + length].matches("0+")) {
				length++;
			}
			if (length > bestLength) {
				bestStart = i;
				bestLength = length;
			}
		}
		if (bestStart < 0) {
			return full;
		}
		String head = String.join(":", Arrays.asList(groups).subList(0, bestStart));
		String tail = String.join(":", Arrays.asList(groups).subList(bestStart + bestLength, groups.length));
		return head + "::" + tail;
	}

	private static String describe(IOException ex, int timeoutMillis) {
		if (ex instanceof SocketTimeoutException) {
			return "timed out after " + Texts.human(Duration.ofMillis(timeoutMillis));
		}
		if (ex instanceof ConnectException && String.valueOf(ex.getMessage()).startsWith("Connection refused")) {
			return "connection refused";
		}
		if (ex instanceof NoRouteToHostException) {
			return "unreachable";
		}
		return SmtpConnection.describe(ex);
	}

}
