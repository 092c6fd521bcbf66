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
import java.util.Locale;

/**
 * Notes the machine's state between the steps of a run. The load average counts this
 * run's own work too (JMH keeps two threads busy, the load test eight), so it also
 * measures the share of the machine's CPU that other processes used between two notes:
 * all CPU time in {@code /proc/stat} minus that of this JVM and the children it waited
 * for (JMH forks, sample applications, check_smtp). The lab's Postfix serving this run
 * counts as another process.
 *
 * @since 0.1.0
 */
public final class LoadWatch {

	private static final long MIN_INTERVAL_TICKS = 500;

	private long[] last = snapshot();

	private double highestForeignShare;

	/**
	 * Note the machine's state before or after a step, in the log and for the report.
	 * @param step what is about to run or has run
	 * @return such as {@code load 0.52 0.80 1.10} or, after a step of some length,
	 * {@code load 0.52 0.80 1.10, other processes 3% of the CPU}
	 */
	public synchronized String note(String step) {
		String text = "load " + Machine.loadAverage();
		long[] now = snapshot();
		long total = now[0] - this.last[0];
		if (total >= MIN_INTERVAL_TICKS && this.last[0] > 0) {
			double foreign = Math.max(0, (double) ((now[1] - this.last[1]) - (now[2] - this.last[2])) / total);
			this.highestForeignShare = Math.max(this.highestForeignShare, foreign);
			text += String.format(Locale.ROOT, ", other processes %.0f%% of the CPU", foreign * 100);
		}
		this.last = now;
		System.out.println("==> " + step + " (" + text + ")");
		return text;
	}

	/**
	 * Return the highest share of the machine's CPU that other processes used between two
	 * notes.
	 * @return from 0 to 1
	 */
	public synchronized double highestForeignShare() {
		return this.highestForeignShare;
	}

	/**
	 * Return all CPU ticks of the machine, its busy ticks, and the ticks of this process
	 * and its waited-for children; zeros where {@code /proc} cannot be read.
	 */
	private static long[] snapshot() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i <= 8 && i < cpu.length; i++) {
				total += Long.parseLong(cpu[i]);
			}
			long busy = total - Long.parseLong(cpu[4]) - Long.parseLong(cpu[5]);
			List<String> self = Files.readAllLines(Path.of("/proc/self/stat"));
			String[] fields = self.get(0).substring(self.get(0).lastIndexOf(')') + 2).split(" ");
			long own = 0;
			for (int i = 11; i <= 14; i++) {
				own += Long.parseLong(fields[i]);
			}
			return new long[] { total, busy, own };
		}
		catch (IOException | RuntimeException ex) {
			return new long[] { 0, 0, 0 };
		}
	}

}
