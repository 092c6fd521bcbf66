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

package io.github.smtphealth.check;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread that starts the probes of every server in {@link RefreshMode#BACKGROUND}
 * mode, each {@code interval} after its last probe finished. It never runs a probe
 * itself, so a hung server does not delay the others, and no failure of one trigger ends
 * it; interrupting the thread does.
 */
final class BackgroundSchedule implements Runnable {

	private static final System.Logger logger = System.getLogger(BackgroundSchedule.class.getName());

	private final List<SmtpCheck> checks;

	BackgroundSchedule(List<SmtpCheck> checks) {
		this.checks = List.copyOf(checks);
	}

	@Override
	public void run() {
		while (!Thread.currentThread().isInterrupted()) {
			long sleep = Long.MAX_VALUE;
			for (SmtpCheck check : this.checks) {
				sleep = Math.min(sleep, trigger(check));
			}
			LockSupport.parkNanos(this, sleep);
		}
	}

	/**
	 * Start the check's probe if it is due.
	 * @return how long until it should be looked at again
	 */
	private long trigger(SmtpCheck check) {
		try {
			long due = check.nanosUntilBackgroundRefresh();
			if (due > 0) {
				return due;
			}
			check.refreshInBackground();
		}
		catch (RuntimeException ex) {
			logger.log(Level.WARNING, "Background refresh of SMTP server ''" + check.name() + "'' failed", ex);
		}
		return SmtpCheck.POLL_WHILE_PROBING.toNanos();
	}

}
