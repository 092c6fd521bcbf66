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

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The default EHLO name: the local host's canonical name, looked up once. The lookup can
 * hang where DNS is broken, so it is bounded and falls back to {@code localhost}. It runs
 * once per JVM, on a daemon thread of its own that ends when the lookup does.
 */
final class LocalHostName {

	private static final String FALLBACK = "localhost";

	private static volatile @Nullable String name;

	private LocalHostName() {
	}

	static String get() {
		String result = name;
		if (result == null) {
			result = lookUp();
			name = result;
		}
		return result;
	}

	private static String lookUp() {
		try {
			CompletableFuture<String> lookup = new CompletableFuture<>();
			Thread thread = new Thread(() -> lookup.complete(canonicalName()), "smtp-health-local-host-name");
			thread.setDaemon(true);
			thread.start();
			String canonical = lookup.get(2, TimeUnit.SECONDS);
			return isUsable(canonical) ? asHeloArgument(canonical) : FALLBACK;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return FALLBACK;
		}
		catch (Exception ex) {
			return FALLBACK;
		}
	}

	private static String canonicalName() {
		try {
			return InetAddress.getLocalHost().getCanonicalHostName();
		}
		catch (Exception ex) {
			return FALLBACK;
		}
	}

	/**
	 * A reverse lookup that fails leaves an IP address, which EHLO must send as an
	 * address literal (RFC 5321 4.1.3).
	 */
	private static String asHeloArgument(String canonical) {
		if (canonical.indexOf(':') >= 0) {
			return "[IPv6:" + canonical + "]";
		}
		return canonical.chars().allMatch((c) -> c == '.' || Character.isDigit(c)) ? "[" + canonical + "]" : canonical;
	}

	private static boolean isUsable(String candidate) {
		return !candidate.isEmpty() && candidate.chars().allMatch((c) -> c > 0x20 && c < 0x7f);
	}

}
