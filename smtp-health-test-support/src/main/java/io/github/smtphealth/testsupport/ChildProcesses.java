package io.github.smtphealth.testsupport;

import java.util.concurrent.TimeUnit;

/**
 * Stops the processes that tests and benchmarks start (the packaged sample app, a Prometheus server),
 * so that none outlives its test.
 *
 * @since 0.1.0
 */
public final class ChildProcesses {

	private ChildProcesses() {
	}

	/**
	 * Ask the process to stop (SIGTERM), wait up to 30 s, then kill it (SIGKILL) and wait up to 10 s
	 * more.
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
