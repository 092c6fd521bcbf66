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

package io.github.smtphealth.testsupport;

import java.util.concurrent.TimeUnit;

/**
 * Stops the processes that tests and benchmarks start (the packaged sample app, a
 * Prometheus server), so that none outlives its test.
 *
 * @since 0.1.0
 */
public final class ChildProcesses {

	private ChildProcesses() {
	}

	/**
	 * Ask the process to stop (SIGTERM), wait up to 30 s, then kill it (SIGKILL) and wait
	 * up to 10 s more.
	 * @param process the process
	 */
	public static void stop(Process process) {
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

}
