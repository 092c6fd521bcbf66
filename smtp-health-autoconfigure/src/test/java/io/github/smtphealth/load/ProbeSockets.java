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

package io.github.smtphealth.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Counts the open TCP sockets of both ends of the connections to one loopback port, from
 * the kernel's tables ({@code /proc/net/tcp} and {@code tcp6}), so that a test can tell
 * that every probe socket (and the server's end of it) was closed: the whole JVM's
 * descriptor count also moves with the web server's and the HTTP client's pooled
 * connections. Sockets in TIME_WAIT hold no descriptor and are not counted.
 */
final class ProbeSockets {

	private static final String TIME_WAIT = "06";

	private static final String LISTEN = "0A";

	private ProbeSockets() {
	}

	/**
	 * Return the number of sockets connected to or accepted on the port.
	 * @param port the server's port
	 * @return the count, or {@code -1} where the kernel tables cannot be read
	 */
	static int open(int port) {
		String hexPort = String.format(Locale.ROOT, ":%04X", port);
		int count = 0;
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			Path path = Path.of(table);
			if (!Files.isReadable(path)) {
				continue;
			}
			try {
				for (String line : Files.readAllLines(path)) {
					String[] fields = line.trim().split("\\s+");
					if (fields.length > 3 && !fields[0].equals("sl") && !fields[3].equals(TIME_WAIT)
							&& !fields[3].equals(LISTEN)
							&& (fields[1].endsWith(hexPort) || fields[2].endsWith(hexPort))) {
						count++;
					}
				}
			}
			catch (IOException ex) {
				return -1;
			}
		}
		return count;
	}

}
