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

package io.github.smtphealth.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the numbers were measured on.
 *
 * @since 0.1.0
 */
public final class Machine {

	private Machine() {
	}

	/**
	 * Return the number of processors available to this JVM ({@code nproc}).
	 * @return the count
	 */
	public static int processors() {
		return Runtime.getRuntime().availableProcessors();
	}

	/**
	 * Return the CPU model from {@code /proc/cpuinfo}.
	 * @return the model name, or {@code unknown}
	 */
	public static String cpuModel() {
		for (String line : lines(Path.of("/proc/cpuinfo"))) {
			if (line.startsWith("model name")) {
				return line.substring(line.indexOf(':') + 1).strip();
			}
		}
		return "unknown";
	}

	/**
	 * Return the total memory from {@code /proc/meminfo}.
	 * @return such as {@code 24105 MiB}, or {@code unknown}
	 */
	public static String memory() {
		for (String line : lines(Path.of("/proc/meminfo"))) {
			if (line.startsWith("MemTotal:")) {
				long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
				return (kib / 1024) + " MiB";
			}
		}
		return "unknown";
	}

	/**
	 * Return the JDK.
	 * @return vendor, version and VM
	 */
	public static String jdk() {
		return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vm.name") + ")";
	}

	/**
	 * Return the operating system.
	 * @return name, version and architecture
	 */
	public static String os() {
		return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch");
	}

	/**
	 * Return the load averages from {@code /proc/loadavg}.
	 * @return the 1, 5 and 15 minute load averages
	 */
	public static String loadAverage() {
		List<String> lines = lines(Path.of("/proc/loadavg"));
		if (lines.isEmpty()) {
			return "unknown";
		}
		String[] fields = lines.get(0).split(" ");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

	/**
	 * Return the one-minute load average.
	 * @return the load, or {@code NaN} when unknown
	 */
	public static double oneMinuteLoad() {
		String load = loadAverage();
		return load.equals("unknown") ? Double.NaN : Double.parseDouble(load.split(" ")[0]);
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
